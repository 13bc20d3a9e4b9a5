"""Schema details of the Catalogi API: the ``…Expanded`` and ``…Embedded`` components of Catalogi 1.3.2+.

Every GET answers ``<Type>Expanded`` = ``allOf: [<Type>, {_expand: <Type>Embedded}]``; ``<Type>Embedded`` has one
property per expandable field of the type (from the expand graph, :mod:`zgw.catalogi.api.expand`): an array of
``<Target>Expanded`` for a list, ``oneOf: [<Target>Expanded, EmptyObject]`` for a single URL.
"""

from __future__ import annotations

from .expand import _LINKS

COMPONENT = {
    "catalogus": "Catalogus",
    "zaaktype": "ZaakType",
    "statustype": "StatusType",
    "roltype": "RolType",
    "resultaattype": "ResultaatType",
    "eigenschap": "Eigenschap",
    "zaakobjecttype": "ZaakObjectType",
    "informatieobjecttype": "InformatieObjectType",
    "besluittype": "BesluitType",
    "zaaktypeinformatieobjecttype": "ZaakTypeInformatieObjectType",
}

EMPTY_OBJECT = {
    "type": "object",
    "description": "Leeg object. Dit wordt teruggeven indien het te expanderen veld een null waarde heeft.",
    "example": {},
}


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _embedded(kind: str) -> dict:
    properties = {}
    for field, (target, many, _key) in _LINKS[kind][1].items():
        expanded = _ref(f"{COMPONENT[target]}Expanded")
        properties[field] = {"type": "array", "items": expanded} if many else {"oneOf": [expanded, _ref("EmptyObject")]}
    return {"type": "object", "properties": properties}


def catalogi_expanded(result, generator, request, public):
    """drf-spectacular postprocessing hook: the Expanded/Embedded components and the GET bodies that use them."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["EmptyObject"] = EMPTY_OBJECT
    by_ref: dict[str, str] = {}
    for kind, name in COMPONENT.items():
        if name not in schemas:
            continue
        schemas[f"{name}Embedded"] = _embedded(kind)
        schemas[f"{name}Expanded"] = {
            "allOf": [_ref(name), {"properties": {"_expand": _ref(f"{name}Embedded")}}],
        }
        by_ref[f"#/components/schemas/{name}"] = f"#/components/schemas/{name}Expanded"
        paginated = schemas.get(f"Paginated{name}List")
        if paginated:
            paginated["properties"]["results"]["items"] = _ref(f"{name}Expanded")
    for url, path in result.get("paths", {}).items():
        operation = path.get("get")
        if not operation or not url.endswith("{uuid}"):
            continue
        body = operation.get("responses", {}).get("200", {}).get("content", {}).get("application/json", {})
        ref = body.get("schema", {}).get("$ref")
        if ref in by_ref:
            body["schema"] = {"$ref": by_ref[ref]}
    return result


POSTPROCESSING_HOOKS = [f"{__name__}.catalogi_expanded"]  # dotted: drf-spectacular imports them
