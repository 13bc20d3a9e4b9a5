"""The ``expand`` part of the served Zaken 1.7 document: ``<Resource>Embedded``/``<Resource>Expanded`` components,
the ``expand`` query parameter on every operation that takes it, and the list/detail responses that carry them.

Written as one postprocessing hook over the generated document (not per serializer) because the 1.7 shapes are
mutually recursive (a zaak embeds its rollen, a rol its zaak) and point into three other APIs: the Catalogi 1.3.2
types, the Documenten 1.6.0 ``EnkelvoudigInformatieObject`` and the Besluiten 1.1.0 ``Besluit``. Those remote
``$ref``s are made local afterwards by ``zgw.common.schema_refs.inline_remote_refs``. Each Catalogi, Documenten and
Besluiten position is ``oneOf: [<remote schema>, GenesteExpansie]`` as in the official document: the second branch
is what a nested expansion of that object looks like (zrc-026: any depth).
"""

from __future__ import annotations

from typing import Any

CATALOGI = "../catalogi/ztc/1.3.2/openapi.yaml#/components/schemas/"
DOCUMENTEN = "../documenten/drc/1.6.0/openapi.yaml#/components/schemas/"
BESLUITEN = "../besluiten/brc/1.1.0/openapi.yaml#/components/schemas/"

GENESTE_EXPANSIE = {
    "type": "object",
    "description": "Geneste expansie zoals gedefinieerd in de ZTC 1.3.2.",
    "additionalProperties": True,
}
_EMPTY = {"type": "object", "description": "Leeg object (het te expanderen veld is leeg)."}

# the operations that take ``expand`` (Zaken 1.7): path → methods
EXPAND_OPERATIONS = {
    "/zaken": ("get",),
    "/zaken/{uuid}": ("get",),
    "/zaken/_zoek": ("post",),
    "/rollen": ("get",),
    "/rollen/{uuid}": ("get",),
    "/statussen": ("get",),
    "/statussen/{uuid}": ("get",),
    "/resultaten": ("get",),
    "/resultaten/{uuid}": ("get",),
    "/zaakinformatieobjecten": ("get",),
    "/zaakinformatieobjecten/{uuid}": ("get",),
    "/zaakobjecten": ("get",),
    "/zaakobjecten/{uuid}": ("get",),
    "/zaken/{zaak_uuid}/besluiten": ("get",),
    "/zaken/{zaak_uuid}/besluiten/{uuid}": ("get",),
}
# GET responses that become ``<Resource>Expanded`` (zaakeigenschappen: without an expand parameter, as in the OAS)
EXPANDED_RESPONSES = {
    "/rollen": "Rol",
    "/rollen/{uuid}": "Rol",
    "/statussen": "Status",
    "/statussen/{uuid}": "Status",
    "/resultaten": "Resultaat",
    "/resultaten/{uuid}": "Resultaat",
    "/zaakinformatieobjecten": "ZaakInformatieObject",
    "/zaakinformatieobjecten/{uuid}": "ZaakInformatieObject",
    "/zaakobjecten": "ZaakObject",
    "/zaakobjecten/{uuid}": "ZaakObject",
    "/zaken/{zaak_uuid}/besluiten": "ZaakBesluit",
    "/zaken/{zaak_uuid}/besluiten/{uuid}": "ZaakBesluit",
    "/zaken/{zaak_uuid}/zaakeigenschappen": "ZaakEigenschap",
    "/zaken/{zaak_uuid}/zaakeigenschappen/{uuid}": "ZaakEigenschap",
}
EXPAND_PARAMETER = {
    "name": "expand",
    "in": "query",
    "required": False,
    "description": "Haal details van gelinkte resources direct op. Als je meerdere resources tegelijk wilt ophalen kun "
    "je deze scheiden met een komma. Voor het ophalen van resources die een laag dieper genest zijn wordt de "
    "punt-notatie gebruikt.",
    "schema": {"type": "string"},
}


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _type(name: str) -> dict:
    """A Catalogi type, or its nested expansion."""
    return {"oneOf": [{"$ref": CATALOGI + name}, _ref("GenesteExpansie")]}


def _remote(base: str, name: str, label: str) -> dict:
    nested = {"type": "object", "description": f"Geneste expansie zoals gedefinieerd in {label}."}
    return {"oneOf": [{"$ref": base + name}, nested]}


def _array(item: dict) -> dict:
    return {"type": "array", "items": item}


def embedded() -> dict[str, dict]:
    """The ``<Resource>Embedded`` components: what ``_expand`` of each resource may hold."""
    return {
        "ZaakEmbedded": {
            "zaaktype": _type("ZaakType"),
            "communicatiekanaal": {"type": "object"},
            "productenOfDiensten": _array({"type": "object"}),
            "selectielijstklasse": {"type": "object"},
            "hoofdzaak": {"oneOf": [_ref("ZaakExpanded"), _EMPTY]},
            "deelzaken": _array(_ref("ZaakExpanded")),
            "relevanteAndereZaken": _array(_ref("ZaakExpanded")),
            "eigenschappen": _array(_ref("ZaakEigenschapExpanded")),
            "rollen": _array(_ref("RolExpanded")),
            "status": {"oneOf": [_ref("StatusExpanded"), _EMPTY]},
            "zaakinformatieobjecten": _array(_remote(DOCUMENTEN, "EnkelvoudigInformatieObject", "de DRC 1.6.0")),
            "zaakobjecten": _array(_ref("ZaakObjectExpanded")),
            "resultaat": {"oneOf": [_ref("ResultaatExpanded"), _EMPTY]},
        },
        "StatusEmbedded": {
            "zaak": _ref("Zaak"),
            # $ref beside oneOf, as the official document has it (the $ref wins for most readers; see errata)
            "statustype": {"$ref": CATALOGI + "StatusType", **_type("StatusType")},
            "gezetdoor": _ref("RolExpanded"),
            "zaakinformatieobjecten": _array(_ref("ZaakInformatieObjectExpanded")),
        },
        "RolEmbedded": {
            "zaak": _ref("ZaakExpanded"),
            "betrokkene": {"type": "object"},
            "roltype": _type("RolType"),
            "statussen": _array(_ref("StatusExpanded")),
        },
        "ResultaatEmbedded": {"zaak": _ref("ZaakExpanded"), "resultaattype": _type("ResultaatType")},
        "ZaakInformatieObjectEmbedded": {
            "informatieobject": _remote(DOCUMENTEN, "EnkelvoudigInformatieObject", "DRC 1.6.0"),
            "zaak": _ref("ZaakExpanded"),
            "status": _ref("StatusExpanded"),
        },
        "ZaakObjectEmbedded": {
            "zaak": _ref("ZaakExpanded"),
            "object": {"type": "object"},
            "zaakobjecttype": _type("ZaakObjectType"),
        },
        "ZaakBesluitEmbedded": {"besluit": _remote(BESLUITEN, "Besluit", "de BRC 1.1.0")},
        "ZaakEigenschapEmbedded": {
            "zaak": {"oneOf": [_ref("ZaakExpanded"), _EMPTY]},
            "eigenschap": _type("Eigenschap"),
        },
    }


def _expanded(name: str) -> dict:
    return {"allOf": [_ref(name), {"type": "object", "properties": {"_expand": _ref(f"{name}Embedded")}}]}


def _set_response(operation: dict, expanded: str) -> None:
    """Point the 200 body of a list or detail operation at ``expanded`` (a paginated list keeps its envelope)."""
    content = operation.get("responses", {}).get("200", {}).get("content", {}).get("application/json")
    if not content:
        return
    schema = content["schema"]
    if schema.get("type") == "array":
        schema["items"] = _ref(expanded)
    elif "$ref" in schema and schema["$ref"].rsplit("/", 1)[-1].startswith("Paginated"):
        content["schema"] = {"$ref": schema["$ref"], "_expanded_items": expanded}
    else:
        content["schema"] = _ref(expanded)


def expand_components(result: dict, generator: Any, request: Any, public: bool) -> dict:
    """drf-spectacular postprocessing hook: the Embedded/Expanded components and the expanding operations."""
    from .schema import _distribute_over_variants

    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["GenesteExpansie"] = dict(GENESTE_EXPANSIE)
    for name, properties in embedded().items():
        schemas[name] = {"type": "object", "properties": properties}
    schemas["ZaakExpanded"] = _expanded("Zaak")
    for name in ("Status", "Resultaat", "ZaakInformatieObject", "ZaakBesluit", "ZaakEigenschap"):
        schemas[f"{name}Expanded"] = _expanded(name)
    for name in ("Rol", "ZaakObject"):  # polymorphic: RolExpanded is a oneOf over <variant>_RolExpanded
        _distribute_over_variants(_expanded(name), schemas)
    for path, resource in EXPANDED_RESPONSES.items():
        operation = result.get("paths", {}).get(path, {}).get("get")
        if operation is None:
            continue
        _set_response(operation, f"{resource}Expanded")
        content = operation["responses"]["200"]["content"]["application/json"]
        items = content["schema"].pop("_expanded_items", None)
        if items:
            page = schemas[content["schema"]["$ref"].rsplit("/", 1)[-1]]
            page["properties"]["results"]["items"] = _ref(items)
    for path, methods in EXPAND_OPERATIONS.items():
        for method in methods:
            operation = result.get("paths", {}).get(path, {}).get(method)
            if operation is None:
                continue
            parameters = operation.setdefault("parameters", [])
            if not any(p.get("name") == "expand" and p.get("in") == "query" for p in parameters):
                parameters.append(dict(EXPAND_PARAMETER))
    _deprecations(result, schemas)
    return result


FIELDS_DESCRIPTION = (
    "De elementen (fields) die worden teruggegeven in het antwoord, volgens het expand-mechanisme: namen van "
    'attributen, of objecten {"<relatie>": [<elementen>]} voor gerelateerde resources; "*" staat voor alle attributen '
    'van een resource. <br><br> <b>Let op:</b> "fields" en "expand" sluiten elkaar uit.'
)


def _deprecations(result: dict, schemas: dict) -> None:
    """Zaken 1.7: ``ZaakZoek.fields`` (zrc-029) beside the deprecated body ``expand``; ``/zaakverzoeken`` and
    ``oaoIdentificatie`` deprecated."""
    for name in ("ZaakZoekRequest", "ZaakZoek"):
        zoek = schemas.get(name, {}).get("properties")
        if zoek is not None:
            zoek["fields"] = {"type": "array", "items": {}, "description": FIELDS_DESCRIPTION}
            if "expand" in zoek:
                zoek["expand"] = {**zoek["expand"], "deprecated": True}
    for path in ("/zaakverzoeken", "/zaakverzoeken/{uuid}"):
        for operation in result.get("paths", {}).get(path, {}).values():
            if isinstance(operation, dict):
                operation["deprecated"] = True
    for name in ("TerreinGebouwdObjectAdres", "TerreinGebouwdObjectAdresRequest"):
        oao = schemas.get(name, {}).get("properties", {}).get("oaoIdentificatie")
        if oao is not None:
            oao["deprecated"] = True
