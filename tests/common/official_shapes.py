"""A small check of a rendered object against a component of an official OpenAPI document (types, nullability,
enums, required keys): enough to catch a renderer that drops, renames or mistypes an attribute."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

SPECS = Path(__file__).resolve().parents[2] / "vendor" / "zgw-standard" / "specs"
TYPES = {"string": str, "array": list, "object": dict, "boolean": bool, "integer": int, "number": (int, float)}


@cache
def document(filename: str) -> dict:
    return yaml.safe_load((SPECS / filename).read_text())


def component(filename: str, name: str) -> dict:
    return document(filename)["components"]["schemas"][name]


def _resolve(doc: dict, schema: dict) -> dict:
    while "$ref" in schema and schema["$ref"].startswith("#/"):
        node: Any = doc
        for part in schema["$ref"][2:].split("/"):
            node = node[part]
        schema = node
    return schema


def problems(filename: str, schema: dict, value: Any, where: str = "") -> list[str]:
    """What in ``value`` does not fit ``schema`` (empty: it fits)."""
    doc = document(filename)
    schema = _resolve(doc, schema)
    if "allOf" in schema:
        parts = [_resolve(doc, part) for part in schema["allOf"]]
        merged = {key: val for part in parts for key, val in part.items() if key != "properties"}
        merged["properties"] = {k: v for part in parts for k, v in (part.get("properties") or {}).items()}
        merged.update({k: v for k, v in schema.items() if k != "allOf"})
        schema = merged
    if "oneOf" in schema or "anyOf" in schema:
        return []  # polymorphic (geometry): not checked here
    if value is None:
        return [] if schema.get("nullable") else [f"{where}: null, not nullable"]
    expected = TYPES.get(schema.get("type", ""))
    if expected is not None and (not isinstance(value, expected) or (expected is int and isinstance(value, bool))):
        return [f"{where}: {type(value).__name__}, expected {schema['type']}"]
    if "enum" in schema and value not in schema["enum"]:
        return [f"{where}: {value!r} not in the enum"]
    found: list[str] = []
    if isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            found += problems(filename, schema["items"], item, f"{where}[{index}]")
    if isinstance(value, dict) and schema.get("properties"):
        for key in schema.get("required", []):
            if key not in value:
                found.append(f"{where}.{key}: required, missing")
        for key, item in value.items():
            if key not in schema["properties"]:
                found.append(f"{where}.{key}: not in the document")
            else:
                found += problems(filename, schema["properties"][key], item, f"{where}.{key}")
    return found
