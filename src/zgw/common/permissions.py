"""The autorisatie check shared by every component (common.md §4).

A view declares::

    component = "zrc"                      # the Autorisatie.component whose grants count
    required_scopes = {"list": SCOPE_ZAKEN_LEZEN, "create": SCOPE_ZAKEN_AANMAKEN, ...}

For type-scoped components (zrc, drc, brc) the view also implements ``get_autorisatie_subject(obj)`` returning
``(type_url, vertrouwelijkheidaanduiding)`` of the main object, so that details are checked per object (403) and
lists are filtered in SQL with :func:`authorised_filter`.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q
from rest_framework import permissions

from .auth import ClientAuth, Grant
from .constants import levels_up_to
from .references import normalise_ref


class ScopeExpr:
    """A scope requirement; combine with ``|`` (either) and ``&`` (both)."""

    def __or__(self, other: ScopeExpr) -> ScopeExpr:
        return AnyOf(self, other)

    def __and__(self, other: ScopeExpr) -> ScopeExpr:
        return AllOf(self, other)

    def satisfied_by(self, granted: frozenset[str] | set[str]) -> bool:  # pragma: no cover - abstract
        raise NotImplementedError

    def labels(self) -> list[str]:  # pragma: no cover - abstract
        raise NotImplementedError


class Scope(ScopeExpr):
    def __init__(self, label: str):
        self.label = label

    def satisfied_by(self, granted) -> bool:
        return self.label in granted

    def labels(self) -> list[str]:
        return [self.label]

    def __str__(self) -> str:
        return self.label

    def __repr__(self) -> str:
        return f"Scope({self.label!r})"


class AnyOf(ScopeExpr):
    def __init__(self, *parts: ScopeExpr):
        self.parts = parts

    def satisfied_by(self, granted) -> bool:
        return any(part.satisfied_by(granted) for part in self.parts)

    def labels(self) -> list[str]:
        return [label for part in self.parts for label in part.labels()]

    def __str__(self) -> str:
        return " | ".join(str(p) for p in self.parts)


class AllOf(ScopeExpr):
    def __init__(self, *parts: ScopeExpr):
        self.parts = parts

    def satisfied_by(self, granted) -> bool:
        return all(part.satisfied_by(granted) for part in self.parts)

    def labels(self) -> list[str]:
        return [label for part in self.parts for label in part.labels()]

    def __str__(self) -> str:
        return " & ".join(f"({p})" for p in self.parts)


def required_scope(view, action: str | None = None) -> ScopeExpr | None:
    action = action or getattr(view, "action", None)
    if action == "metadata":
        action = "retrieve"
    scopes = getattr(view, "required_scopes", {})
    if action in scopes:
        return scopes[action]
    if action == "headers":
        return scopes.get("retrieve")
    return None


def matching_grants(client: ClientAuth, component: str, scope: ScopeExpr | None) -> list[Grant]:
    grants = client.grants_for(component)
    if scope is None:
        return grants
    return [grant for grant in grants if scope.satisfied_by(grant.scopes)]


def is_allowed_for(
    client: ClientAuth | None,
    component: str,
    scope: ScopeExpr | None,
    type_url: str,
    vertrouwelijkheid: str = "",
    request=None,
) -> bool:
    """May ``client`` do ``scope`` on an object of type ``type_url`` at level ``vertrouwelijkheid``?"""
    if client is None:
        return False
    if client.heeft_alle_autorisaties:
        return True
    ref = normalise_ref(type_url, request)
    for grant in matching_grants(client, component, scope):
        if grant.type_ref == ref and (not vertrouwelijkheid or grant.allows_level(vertrouwelijkheid)):
            return True
    return False


# the scopes of reading a document (its metadata, content, audit trail); alleenIsGereedVoorPublicatie limits only these
READING_SCOPES = frozenset({"documenten.lezen", "audittrails.lezen"})


def publication_limited(client: ClientAuth | None, scope: ScopeExpr | None) -> bool:
    """Does Autorisaties 1.1.0 ``alleenIsGereedVoorPublicatie`` limit this ``scope`` of ``client`` to documents with
    ``isGereedVoorPublicatie = true``? Only reads are limited (writes are unaffected, docs/decisions.md); the flag
    counts with ``heeftAlleAutorisaties`` too."""
    if client is None or not client.alleen_is_gereed_voor_publicatie or scope is None:
        return False
    return set(scope.labels()) <= READING_SCOPES


def may_read_document(
    client: ClientAuth | None, is_gereed_voor_publicatie: bool | None, scope: ScopeExpr | None
) -> bool:
    """The publication part of a document read (the type/level part is :func:`is_allowed_for`)."""
    return is_gereed_voor_publicatie is True or not publication_limited(client, scope)


def authorised_filter(
    client: ClientAuth | None,
    component: str,
    scope: ScopeExpr | None,
    *,
    local_type_field: str,
    remote_type_field: str | None = None,
    vertrouwelijkheid_field: str | None = None,
    request=None,
    type_model=None,
) -> Q | None:
    """The SQL condition a list must satisfy for ``client`` (``None``: no restriction).

    ``local_type_field`` is the foreign key to a local type (matched by the type's ``uuid``), ``remote_type_field``
    the URL column for types on other servers. Types that share the same vertrouwelijkheid levels become one term,
    ``type_id IN (SELECT id FROM types WHERE uuid IN ...) AND level IN (...)``: with ``type_model`` (the catalogi
    model of the type) given, the type ids come from a subquery rather than a join, so PostgreSQL answers from an
    index on ``(type_id, vertrouwelijkheidaanduiding, id)`` without touching the table.
    """
    if client is not None and client.heeft_alle_autorisaties:
        return None
    condition = Q(pk__in=[])
    if client is None:
        return condition
    by_type: dict[str, frozenset[str] | None] = {}
    for grant in matching_grants(client, component, scope):
        if not grant.type_ref:
            continue
        if vertrouwelijkheid_field is None or not grant.max_vertrouwelijkheid:
            by_type[grant.type_ref] = None
            continue
        if grant.type_ref in by_type and by_type[grant.type_ref] is None:
            continue
        levels = frozenset(levels_up_to(grant.max_vertrouwelijkheid))
        by_type[grant.type_ref] = (by_type.get(grant.type_ref) or frozenset()) | levels
    local: dict[frozenset[str] | None, list[str]] = {}
    remote: dict[frozenset[str] | None, list[str]] = {}
    for type_ref, levels in by_type.items():
        if type_ref.startswith("/"):
            local.setdefault(levels, []).append(type_ref.rstrip("/").rsplit("/", 1)[-1])
        elif remote_type_field:
            remote.setdefault(levels, []).append(type_ref)
    for levels, uuids in local.items():
        if type_model is not None:
            ids = type_model._default_manager.filter(uuid__in=sorted(uuids)).values("pk")
            term = Q(**{f"{local_type_field}__in": ids})
        else:
            term = Q(**{f"{local_type_field}__uuid__in": sorted(uuids)})
        condition |= _with_levels(term, levels, vertrouwelijkheid_field)
    for levels, urls in remote.items():
        term = Q(**{f"{remote_type_field}__in": sorted(urls)})
        condition |= _with_levels(term, levels, vertrouwelijkheid_field)
    return condition


def _with_levels(term: Q, levels: frozenset[str] | None, field: str | None) -> Q:
    return term & Q(**{f"{field}__in": sorted(levels)}) if levels is not None and field else term


class ZGWPermission(permissions.BasePermission):
    """Scope check for every ZGW endpoint, plus the per-object type/vertrouwelijkheid check.

    A request without credentials fails here and DRF answers 401; a token without the scope gets 403.
    """

    def has_permission(self, request, view) -> bool:
        if getattr(view, "public", False):
            return True
        if request.user is None or not getattr(request.user, "is_authenticated", False):
            return False
        client: ClientAuth | None = request.auth
        if client is None:
            return False
        if client.heeft_alle_autorisaties:
            return True
        scope = required_scope(view)
        if scope is None:
            return False
        return scope.satisfied_by(client.scopes_for(view.component))

    def has_object_permission(self, request, view, obj) -> bool:
        client: ClientAuth | None = request.auth
        if getattr(view, "public", False):
            return True
        if client is None:
            return False
        if client.heeft_alle_autorisaties:
            return True
        subject = getattr(view, "get_autorisatie_subject", None)
        if subject is None:
            return True
        type_url, level = subject(obj)
        return is_allowed_for(client, view.component, required_scope(view), type_url, level, request)


def scope_labels(expressions: Iterable[ScopeExpr | None]) -> list[str]:
    seen: list[str] = []
    for expr in expressions:
        for label in expr.labels() if expr is not None else []:
            if label not in seen:
                seen.append(label)
    return seen
