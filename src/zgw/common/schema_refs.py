"""Self-contained OpenAPI documents: ``$ref``s to another component's document become local components.

Zaken and Documenten describe their ``expand`` payloads with Catalogi schemas (``…/ztc/…/openapi.yaml#/components/
schemas/ZaakType``). Redoc, Swagger UI and code generators must work offline, so this postprocessing hook copies
each referenced component (and what it refers to) from the served document of the API it belongs to into this
document and points the ``$ref`` at the copy. A copied name that this document already uses for a different schema
is imported under ``<Api><Name>`` (e.g. ``CatalogiVertrouwelijkheidaanduidingEnum``).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

# component code in the reference URLs of the standard -> API root name
COMPONENT_APIS = {
    "ztc": "catalogi",
    "zrc": "zaken",
    "drc": "documenten",
    "brc": "besluiten",
    "ac": "autorisaties",
    "nrc": "notificaties",
}
LOCAL = "#/components/schemas/"

# api -> function that generates that API's served document (filled in by zgw.common.schema_views)
_document_factories: dict[str, Callable[[], dict]] = {}


def register_document(api: str, factory: Callable[[], dict]) -> None:
    _document_factories[api] = factory


def _api_of(ref: str) -> str | None:
    location = ref.split("#", 1)[0]
    for code, api in COMPONENT_APIS.items():
        if f"/{code}/" in location or f"/{api}/" in location:
            return api
    return None


def _walk_refs(node: Any, visit: Callable[[dict], None]) -> None:
    if isinstance(node, dict):
        if isinstance(node.get("$ref"), str):
            visit(node)
        for value in node.values():
            _walk_refs(value, visit)
    elif isinstance(node, list):
        for value in node:
            _walk_refs(value, visit)


def inline_remote_refs(result: dict, generator: Any, request: Any, public: bool) -> dict:
    """drf-spectacular postprocessing hook: make every ``$ref`` local (see the module docstring)."""
    remote: list[dict] = []
    _walk_refs(result, lambda node: remote.append(node) if not node["$ref"].startswith("#") else None)
    if not remote:
        return result
    # the ref dicts may be shared with field declarations (extend_schema_field): rewrite a copy, never those
    result = copy.deepcopy(result)
    remote = []
    _walk_refs(result, lambda node: remote.append(node) if not node["$ref"].startswith("#") else None)
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    sources: dict[str, dict] = {}
    imported: dict[tuple[str, str], str] = {}  # (api, source name) -> local name

    def import_component(api: str, name: str) -> str:
        key = (api, name)
        if key in imported:
            return imported[key]
        if api not in sources:
            sources[api] = _document_factories[api]().get("components", {}).get("schemas", {})
        source = sources[api][name]
        local = name
        if local in schemas and schemas[local] != source:
            local = f"{api.capitalize()}{name}"
        imported[key] = local
        if local in schemas:
            return local
        body = copy.deepcopy(source)
        schemas[local] = body

        def relink(node: dict) -> None:
            if node["$ref"].startswith(LOCAL):
                node["$ref"] = LOCAL + import_component(api, node["$ref"][len(LOCAL) :])

        _walk_refs(body, relink)
        return local

    for node in remote:
        ref = node["$ref"]
        api = _api_of(ref)
        fragment = ref.split("#", 1)[1] if "#" in ref else ""
        if api is None or api not in _document_factories or not fragment.startswith(LOCAL[1:]):
            continue
        node["$ref"] = LOCAL + import_component(api, fragment[len(LOCAL) - 1 :])
    return result
