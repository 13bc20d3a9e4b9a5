"""A detail lookup whose SQL is compiled once per queryset shape, not on every request.

``queryset.get(uuid=...)`` builds the filter and compiles the whole SELECT (every column of the model and of its
``select_related`` joins) on every request; for a plain detail that compilation is a large part of the request's
Python work. :func:`get_by` compiles the lookup once per ``key`` (the caller promises that every queryset passed
under that key has the same shape: same model, filters, ``select_related`` and ordering) with a placeholder value,
and later runs the kept SQL with the real value through Django's own row hydration (``select_related`` objects,
``prefetch_related`` after the fetch, field converters) — the objects are the same as those of ``get``.
"""

from __future__ import annotations

import copy
import threading
import uuid
from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any

from django.db import connections
from django.db.models import Model, QuerySet
from django.db.models.sql.compiler import SQLCompiler

_PLACEHOLDER = uuid.UUID("6f1c2d3e-0000-4000-8000-7072656d7063")


@dataclass(frozen=True)
class _Plan:
    compiler: SQLCompiler  # compiled once: select, klass_info, col_count are filled in
    sql: str
    params: tuple
    slot: int  # the index of the looked-up value in params


_plans: dict[tuple, _Plan | None] = {}
_lock = threading.Lock()


def _prepared(queryset: QuerySet, field_name: str, value: Any, connection) -> Any:
    field = queryset.model._meta.get_field(field_name)
    return field.get_db_prep_value(field.get_prep_value(field.to_python(value)), connection, prepared=True)


def _plan(queryset: QuerySet, field_name: str) -> _Plan | None:
    """Compile ``queryset.filter(field=placeholder)`` as ``get`` would (no ordering, a limit); ``None`` when the
    placeholder does not come out as exactly one parameter (then the caller falls back to ``get``)."""
    probe = queryset.filter(**{field_name: _PLACEHOLDER}).order_by()[:2]
    compiler = probe.query.get_compiler(using=probe.db)
    sql, params = compiler.as_sql()
    placeholder = _prepared(queryset, field_name, _PLACEHOLDER, compiler.connection)
    slots = [index for index, param in enumerate(params) if param == placeholder]
    if len(slots) != 1:
        return None
    return _Plan(compiler, sql, tuple(params), slots[0])


class _Compiled:
    """Stands in for ``Query.get_compiler`` of one fetch: a copy of the kept compiler with the real value."""

    def __init__(self, plan: _Plan, value: Any):
        self.plan = plan
        self.value = value

    def __call__(self, using=None, connection=None, elide_empty=True) -> SQLCompiler:
        compiler = copy.copy(self.plan.compiler)
        compiler.connection = connection or connections[using]
        compiler.using = using
        params = list(self.plan.params)
        params[self.plan.slot] = self.value
        compiler.as_sql = lambda *args, **kwargs: (self.plan.sql, tuple(params))
        return compiler


def get_by(key: Hashable, queryset: QuerySet, field_name: str, value: Any) -> Model | None:
    """The object of ``queryset`` whose ``field_name`` equals ``value`` (``None``: none), compiled once per ``key``.

    An invalid ``value`` for the field raises what ``get`` raises (``ValidationError``/``ValueError``)."""
    db = queryset.db
    plan_key = (key, db, field_name)
    plan = _plans.get(plan_key, False)
    if plan is False:
        plan = _plan(queryset, field_name)
        with _lock:
            _plans[plan_key] = plan
    if plan is None:
        return queryset.filter(**{field_name: value}).first()
    prepared = _prepared(queryset, field_name, value, connections[db])
    fetch = queryset.order_by()
    fetch.query.get_compiler = _Compiled(plan, prepared)
    found = list(fetch)
    return found[0] if found else None
