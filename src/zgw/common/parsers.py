"""JSON request parsing on orjson, with the input leniency of DECISIONS.md applied in this one place.

A malformed body is a 400 ``parse_error`` (as DRF's parser). After parsing, the body is walked along the fields of
the serializer the view will validate it with:

- a key spelled in snake_case (``aard_relatie``) is renamed to the camelCase field it spells (``aardRelatie``), at
  every nesting level that has a serializer; when both spellings are sent, the camelCase one wins;
- ``""`` for an optional enum or URL field counts as absent (``null`` where the field is nullable), so the rule
  decides (ac-003) instead of ``blank``/``invalid_choice``.

Only keys that name a field of the target serializer are touched: free-form values (``kenmerken``, ``overigeData``,
geometry, ``waarde``) are plain dict/str fields, so the walk never enters them. A serializer may offer
``input_fields(data)`` (fields chosen by a discriminator in ``data``, e.g. Rol.betrokkeneIdentificatie by
``betrokkeneType``) and a non-serializer field ``input_serializer(item)`` (the serializer of one item).
"""

from __future__ import annotations

import logging
import re
from typing import Any

import orjson
from rest_framework import parsers, serializers
from rest_framework.exceptions import ParseError

logger = logging.getLogger(__name__)

WRITE_ACTIONS = ("create", "update", "partial_update")
_UPPER = re.compile(r"(?<!^)(?=[A-Z])")


def snake(name: str) -> str:
    """``aardRelatie`` → ``aard_relatie``; ``inpA_nummer`` → ``inp_a_nummer``."""
    return _UPPER.sub("_", name).lower()


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = orjson.loads(stream.read())
        except orjson.JSONDecodeError as exc:
            raise ParseError(f"JSON parse error - {exc}")
        serializer = target_serializer((parser_context or {}).get("view"))
        if serializer is not None:
            data = normalize(data, serializer)
        return data


def target_serializer(view) -> serializers.BaseSerializer | None:
    """The serializer that will validate this request's body (``view.get_input_serializer()`` if it has one)."""
    if view is None:
        return None
    try:
        hook = getattr(view, "get_input_serializer", None)
        if hook is not None:
            return hook()
        if getattr(view, "action", None) in WRITE_ACTIONS and hasattr(view, "get_serializer"):
            return view.get_serializer()
    except Exception:  # a view that cannot build its serializer without a body: parse as is
        logger.debug("no input serializer for %r", view, exc_info=True)
    return None


def normalize(data: Any, target: serializers.Field) -> Any:
    """``data`` with snake_case keys renamed and ``""`` dropped where ``target`` (a serializer or field) says so."""
    if isinstance(target, serializers.ListSerializer):
        return [normalize(item, target.child) for item in data] if isinstance(data, list) else data
    if isinstance(target, serializers.ListField) and not isinstance(target, serializers.BaseSerializer):
        child = getattr(target, "child", None)
        if isinstance(data, list) and isinstance(child, serializers.BaseSerializer):
            return [normalize(item, child) for item in data]
        return data
    item_hook = getattr(target, "input_serializer", None)
    if item_hook is not None and not isinstance(target, serializers.BaseSerializer):
        if isinstance(data, list):
            return [_normalize_item(item, item_hook) for item in data]
        return _normalize_item(data, item_hook)
    if isinstance(target, serializers.Serializer) and isinstance(data, dict):
        return _normalize_object(data, target)
    return data


def _normalize_item(item: Any, hook) -> Any:
    serializer = hook(item) if isinstance(item, dict) else None
    return normalize(item, serializer) if serializer is not None else item


def _normalize_object(data: dict, serializer: serializers.Serializer) -> dict:
    fields = serializer.fields
    data = _rename(data, fields)
    hook = getattr(serializer, "input_fields", None)
    if hook is not None:
        fields = hook(data)
        data = _rename(data, fields)
    result: dict = {}
    for key, value in data.items():
        field = fields.get(key)
        if field is None or field.read_only:
            result[key] = value
            continue
        if value == "" and _blank_means_absent(field):
            if getattr(field, "allow_null", False):
                result[key] = None
            continue
        result[key] = normalize(value, field) if isinstance(value, dict | list) else value
    return result


def _rename(data: dict, fields) -> dict:
    aliases = {snake(name): name for name in fields if snake(name) != name}
    if not aliases or not any(key in aliases for key in data):
        return data
    renamed: dict = {}
    for key, value in data.items():
        camel = aliases.get(key) if key not in fields else None
        if camel is None:
            renamed[key] = value
        elif camel not in data:  # camelCase wins when both are sent
            renamed[camel] = value
    return renamed


def _blank_means_absent(field: serializers.Field) -> bool:
    """An optional enum or URL field that would refuse ``""``."""
    if field.required or getattr(field, "allow_blank", False):
        return False
    if isinstance(field, serializers.ChoiceField | serializers.URLField):
        return True
    return getattr(field, "blank_means_absent", False)
