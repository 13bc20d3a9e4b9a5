"""Serializer fields of the Catalogi API with their exact OpenAPI shapes."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from zgw.common.references import object_url

from ..durations import is_valid_duration

URI_ITEM = {"type": "string", "format": "uri"}


class SchemaMixin:
    """Accepts ``schema=<dict>`` and documents the field with exactly that schema (survives DRF's deepcopy)."""

    def __init__(self, *args, schema: dict | None = None, **kwargs):
        if schema is not None:
            self._spectacular_annotation = {"field": schema}
        super().__init__(*args, **kwargs)


class DurationField(SchemaMixin, serializers.CharField):
    """An ISO 8601 duration kept as text (``P1Y6M``)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("schema", {"type": "string", "format": "duration"})
        kwargs.setdefault("max_length", None)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        if value and not is_valid_duration(value):
            raise serializers.ValidationError(
                "Ongeldige duur, gebruik het ISO 8601-formaat (bijv. P1Y6M).", code="invalid"
            )
        return value


class RelatedURLsField(SchemaMixin, serializers.Field):
    """Read-only list of URLs of related rows (from a prefetched relation or an iterable attribute)."""

    def __init__(self, *, unique: bool = True, nullable_items: bool = False, **kwargs):
        item = dict(URI_ITEM)
        if nullable_items:
            item["nullable"] = True
        schema: dict[str, Any] = {"type": "array", "items": item}
        if unique:
            schema["uniqueItems"] = True
        kwargs.setdefault("schema", schema)
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value) -> list[str]:
        rows = value.all() if hasattr(value, "all") else value
        request = self.context.get("request")
        return [object_url(request, row) for row in rows]


class RelationListField(SchemaMixin, serializers.ListField):
    """Writable relation list: each item a URL or an omschrijving/identificatie (DECISIONS.md); answers URLs.

    ``to_internal_value`` only checks the shape (a list of non-empty strings); the service resolves the items,
    because resolving by name needs the catalogus and the geldigheid date of the whole object.
    """

    def __init__(self, *, item_format: str | None = None, nullable_items: bool = False, unique: bool = False, **kw):
        item: dict[str, Any] = {"type": "string"}
        if item_format:
            item["format"] = item_format
        if nullable_items:
            item["nullable"] = True
        schema: dict[str, Any] = {"type": "array", "items": item}
        if unique:
            schema["uniqueItems"] = True
        kw.setdefault("schema", schema)
        kw["child"] = serializers.CharField(max_length=1000)
        super().__init__(**kw)

    def to_representation(self, value) -> list[str]:
        rows = value.all() if hasattr(value, "all") else value
        request = self.context.get("request")
        return [object_url(request, row) for row in rows]


class URLListField(SchemaMixin, serializers.ListField):
    """A list of plain URLs (e.g. productenOfDiensten)."""

    def __init__(self, *, max_length: int = 1000, **kwargs):
        from zgw.common.serializers import URLField

        kwargs.setdefault(
            "schema", {"type": "array", "items": {"type": "string", "format": "uri", "maxLength": max_length}}
        )
        kwargs["child"] = URLField(max_length=max_length)
        super().__init__(**kwargs)


class StringListField(SchemaMixin, serializers.ListField):
    def __init__(self, *, max_length: int, **kwargs):
        kwargs.setdefault("schema", {"type": "array", "items": {"type": "string", "maxLength": max_length}})
        kwargs["child"] = serializers.CharField(max_length=max_length, allow_blank=False)
        super().__init__(**kwargs)


class ObjectField(serializers.DictField):
    """Rejects non-objects with a clean 400 (DRF's nested serializer already does; kept for free-form bodies)."""


def _names_schema(*, unique: bool, items_read_only: bool = False, read_only: bool = True) -> dict[str, Any]:
    item: dict[str, Any] = {"type": "string"}
    if items_read_only:
        item["readOnly"] = True
    schema: dict[str, Any] = {"type": "array", "items": item}
    if read_only:
        schema["readOnly"] = True
    if unique:
        schema["uniqueItems"] = True
    return schema


class ByNameURLsField(RelationListField):
    """A relation by name (:mod:`zgw.catalogi.relations`): answers the URLs of the versions valid on the reference
    date. ``writable`` keeps the field writable in the document (the resource's own write serializer parses it)."""

    def __init__(self, kind: str, relation: str, *, writable: bool = False, unique: bool = True, **kwargs):
        self.kind, self.relation = kind, relation
        if not writable:
            kwargs["read_only"] = True
        super().__init__(item_format="uri", unique=unique, **kwargs)

    def get_attribute(self, instance):
        from .. import relations

        return relations.related(instance, self.kind, self.relation, self.context.get("request")).objects


class ByNameNamesField(SchemaMixin, serializers.Field):
    """The names (identificaties/omschrijvingen) of a relation by name, derived from the same relation as its URLs.

    ``accept_input``: the document lists the field as writable; a value sent is accepted and dropped."""

    def __init__(
        self,
        kind: str,
        relation: str,
        *,
        unique: bool = True,
        items_read_only: bool = False,
        accept_input: bool = False,
        **kwargs,
    ):
        self.kind, self.relation = kind, relation
        kwargs.setdefault(
            "schema", _names_schema(unique=unique, items_read_only=items_read_only, read_only=not items_read_only)
        )
        if accept_input:
            kwargs.setdefault("required", False)
        else:
            kwargs["read_only"] = True
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        from .. import relations

        return relations.related(instance, self.kind, self.relation, self.context.get("request")).names

    def to_representation(self, value) -> list[str]:
        return list(value)

    def to_internal_value(self, data):
        if not isinstance(data, list) or not all(isinstance(item, str) for item in data):
            raise serializers.ValidationError("Verwacht een lijst van teksten.", code="not_a_list")
        return data


class DerivedNamesField(SchemaMixin, serializers.Field):
    """Read-only names of prefetched related rows (``Catalogus.besluittypeOmschrijving``, …), unique, in order."""

    def __init__(self, relation: str, name_field: str, *, unique: bool = True, **kwargs):
        self.relation, self.name_field = relation, name_field
        kwargs.setdefault("schema", _names_schema(unique=unique))
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return getattr(instance, self.relation).all()

    def to_representation(self, value) -> list[str]:
        names: list[str] = []
        for row in value:
            name = getattr(row, self.name_field)
            if name not in names:
                names.append(name)
        return names
