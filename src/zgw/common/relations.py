"""Interface through which a lower component asks a higher one about a relation (no upward imports).

Documenten must check that the owning relation exists before it accepts an ObjectInformatieObject (drc-004):
a ZaakInformatieObject in Zaken, a BesluitInformatieObject in Besluiten. Those apps register a checker here in
``AppConfig.ready``::

    register_relation_checker("zaak", zaak_has_informatieobject)

A checker gets ``(object_url, informatieobject_url, request)`` and answers whether the relation exists.
"""

from __future__ import annotations

from collections.abc import Callable

RelationChecker = Callable[[str, str, object], bool]

_checkers: dict[str, RelationChecker] = {}


def register_relation_checker(object_type: str, checker: RelationChecker) -> None:
    _checkers[object_type] = checker


def relation_checker(object_type: str) -> RelationChecker | None:
    return _checkers.get(object_type)
