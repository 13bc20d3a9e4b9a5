"""Summaries and descriptions of the operations in the served OpenAPI documents, written for the API's users.

Each component keeps its texts in ``zgw.<app>.api.operations`` (``OPERATIONS``: operationId → (summary,
description)), apart from the viewsets. :func:`apply_operation_texts` (a drf-spectacular postprocessing hook) puts
them on the operations and adds the scopes each one needs, read from its ``security``. Most texts follow one
pattern per kind of operation; :func:`resource_texts` writes them from a resource's names and the rules that apply.
"""

from __future__ import annotations

from importlib import import_module

# api root name -> module holding OPERATIONS (filled in by zgw.common.schema_views)
_modules: dict[str, str] = {}

SUMMARIES = {
    "list": "Alle {plural} opvragen.",
    "create": "Maak een {name} aan.",
    "retrieve": "Een specifieke {name} opvragen.",
    "read": "Een specifieke {name} opvragen.",
    "update": "Werk een {name} in zijn geheel bij.",
    "partial_update": "Werk een {name} deels bij.",
    "destroy": "Verwijder een {name}.",
    "delete": "Verwijder een {name}.",
    "headers": "De headers voor een specifieke {name} opvragen.",
    "_zoek": "Voer een zoekopdracht uit op {plural}.",
    "publish": "Publiceer het concept {name}.",
}
DESCRIPTIONS = {
    "list": "Geeft de {plural} die de aanroeper mag zien; de lijst kan gefilterd worden met de query-parameters.",
    "create": "Maakt een nieuwe {name} aan en geeft die terug, met de URL in de `Location`-header.",
    "retrieve": "Geeft de {name} met deze UUID.",
    "read": "Geeft de {name} met deze UUID.",
    "update": "Vervangt alle gegevens van de {name}; velden die ontbreken gelden als niet opgegeven.",
    "partial_update": "Wijzigt alleen de meegestuurde velden van de {name}.",
    "destroy": "Verwijdert de {name}.",
    "delete": "Verwijdert de {name}.",
    "headers": "Geeft alleen de headers (zoals de `ETag`) van de {name}, zonder body.",
    "_zoek": "Zoekt {plural} met de criteria in de body (dezelfde als de filters van de lijst, en meer); het "
    "antwoord is gepagineerd zoals de lijst.",
    "publish": "Zet `concept` op `false`: het {name} is daarna in gebruik en beperkt te wijzigen.",
}


def resource_texts(
    prefix: str, name: str, plural: str, rules: dict[str, str] | None = None, actions: tuple[str, ...] = ()
) -> dict[str, tuple[str, str]]:
    """Texts for the operations ``<prefix>_<action>`` of one resource; ``rules`` adds a sentence per action.

    ``rules`` maps an action (or ``"write"`` for create, update and partial_update) to a sentence naming the rule
    ids that apply. Without ``actions`` every kind of operation gets a text (unused ones are harmless).
    """
    rules = rules or {}
    texts = {}
    for action in actions or tuple(SUMMARIES):
        summary = SUMMARIES[action].format(name=name, plural=plural)
        parts = [DESCRIPTIONS[action].format(name=name, plural=plural)]
        if action in ("create", "update", "partial_update") and "write" in rules:
            parts.append(rules["write"])
        if action in rules:
            parts.append(rules[action])
        texts[f"{prefix}_{action}"] = (summary, " ".join(parts))
    return texts


def register_operations(api: str, module: str) -> None:
    _modules[api] = module


def _api_of(result: dict) -> str | None:
    servers = result.get("servers") or [{}]
    parts = [part for part in str(servers[0].get("url", "")).split("/") if part]
    return parts[0] if parts else None


def apply_operation_texts(result: dict, generator: object, request: object, public: bool) -> dict:
    """drf-spectacular postprocessing hook: summary and description of every operation from the API's module."""
    module = _modules.get(_api_of(result) or "")
    operations = getattr(import_module(module), "OPERATIONS", {}) if module else {}
    for path_item in result.get("paths", {}).values():
        for operation in path_item.values():
            if not isinstance(operation, dict) or "operationId" not in operation:
                continue
            text = operations.get(operation["operationId"])
            if text is None:
                continue
            summary, description = text
            scopes = sorted({scope for entry in operation.get("security", []) for s in entry.values() for scope in s})
            if scopes:
                description += "\n\nScopes die toegang geven: " + ", ".join(f"`{scope}`" for scope in scopes) + "."
            elif operation.get("security") == []:
                description += "\n\nVoor deze operatie is geen token nodig."
            operation["summary"] = summary
            operation["description"] = description
    return result
