"""``expand`` for the Documenten API (common.md §12, drc-011..014).

Supported paths (as Open Zaak): EIO ``informatieobjecttype``; gebruiksrechten and verzendingen ``informatieobject``
and ``informatieobject.informatieobjecttype``. Anything else is a 400 ``invalid-expand-field`` (DECISIONS.md).
"""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from rest_framework import serializers
from rest_framework.exceptions import ErrorDetail, ValidationError

from zgw.common.references import RemoteFetchError, fetch_json

CATALOGI_INFORMATIEOBJECTTYPE = {
    "$ref": "https://raw.githubusercontent.com/VNG-Realisatie/gemma-zaken/master/api-specificatie/ztc/"
    "current_version/openapi.yaml#/components/schemas/InformatieObjectType"
}
EIO_EXPAND = frozenset({"informatieobjecttype"})
SUB_EXPAND = frozenset({"informatieobject", "informatieobject.informatieobjecttype"})


def parse_expand(value: str | None, allowed: frozenset[str]) -> frozenset[str]:
    """The set of requested paths, each with its parents (``a.b`` also expands ``a``)."""
    if not value:
        return frozenset()
    paths: set[str] = set()
    for raw in value.split(","):
        path = raw.strip()
        if path not in allowed:
            raise ValidationError(
                {"expand": [ErrorDetail(f"Ongeldige expand-waarde: {path!r}.", code="invalid-expand-field")]}
            )
        parts = path.split(".")
        for depth in range(1, len(parts) + 1):
            paths.add(".".join(parts[:depth]))
    return frozenset(paths)


def render_informatieobjecttype(version, request) -> dict:
    """The informatieobjecttype as the Catalogi API shows it (local serializer, or the fetched remote JSON)."""
    obj = getattr(version, "informatieobjecttype", None)
    if obj is not None:
        try:
            from zgw.catalogi.api.serializers import InformatieObjectTypeSerializer
        except ImportError:  # pragma: no cover - Catalogi app without serializers
            return {}
        return dict(InformatieObjectTypeSerializer(obj, context={"request": request}).data)
    if not version.informatieobjecttype_url:
        return {}
    try:
        data = fetch_json(version.informatieobjecttype_url)
    except RemoteFetchError:
        return {}
    return data if isinstance(data, dict) else {}


class ExpandField(serializers.Field):
    """The read-only ``_expand`` object, filled from ``context["expand"]``."""

    def __init__(self, schema_properties: dict, **kwargs):
        self.schema_properties = schema_properties
        super().__init__(**kwargs)

    def to_representation(self, instance) -> dict:
        paths = self.context.get("expand") or frozenset()
        request = self.context.get("request")
        result: dict = {}
        if "informatieobjecttype" in paths and hasattr(instance, "informatieobjecttype_url"):
            # one rendering per type per response: a page of documents usually shares a handful of types
            cache = self.context.setdefault("_expanded_types", {})
            key = instance.informatieobjecttype_id or instance.informatieobjecttype_url
            if key not in cache:
                cache[key] = render_informatieobjecttype(instance, request)
            result["informatieobjecttype"] = cache[key]
        if "informatieobject" in paths and hasattr(instance, "informatieobject"):
            from .serializers import EnkelvoudigInformatieObjectExpandedSerializer

            document = instance.informatieobject
            version = document.latest_version
            version.document = document
            nested = {"informatieobjecttype"} if "informatieobject.informatieobjecttype" in paths else set()
            result["informatieobject"] = EnkelvoudigInformatieObjectExpandedSerializer(
                version, context={**self.context, "expand": frozenset(nested)}
            ).data
        return result


class ExpandFieldExtension(OpenApiSerializerFieldExtension):
    target_class = ExpandField

    def map_serializer_field(self, auto_schema, direction):
        properties = {}
        for name, schema in self.target.schema_properties.items():
            if isinstance(schema, type):  # a serializer class: reference its component
                schema = auto_schema.resolve_serializer(schema, direction).ref
            properties[name] = schema
        return {"type": "object", "properties": properties, "readOnly": True}
