"""Fields of the Documenten API whose request and response shapes differ, with their OpenAPI extensions."""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from rest_framework import serializers

from zgw.common.references import resource_url
from zgw.common.serializers import URLReferenceField

from ..typeinfo import INFORMATIEOBJECTTYPE_COLLECTION, REMOTE_REQUIRED, informatieobjecttype_model


class InhoudField(serializers.Field):
    """``inhoud``: base64 (or null) in requests; the download URL (or null) in responses."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("allow_null", True)
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return instance

    def to_representation(self, version) -> str | None:
        if not version.inhoud:
            return None
        base = resource_url(
            self.context.get("request"), "documenten", "enkelvoudiginformatieobjecten", version.document.uuid
        )
        return f"{base}/download?versie={version.versie}"

    def to_internal_value(self, data) -> str:
        if not isinstance(data, str):
            raise serializers.ValidationError("Geef de inhoud als base64-string.", code="invalid")
        return data


class InhoudFieldExtension(OpenApiSerializerFieldExtension):
    target_class = InhoudField

    def map_serializer_field(self, auto_schema, direction):
        if direction == "request":
            return {"type": "string", "format": "byte", "nullable": True}
        return {"type": "string", "format": "uri", "nullable": True}


class InformatieObjectTypeField(URLReferenceField):
    """A local (Catalogi app) or remote informatieobjecttype URL (drc-001 existence and shape)."""

    _spectacular_annotation: dict = {}  # the schema comes from ReferenceFieldExtension (direction-aware)

    def __init__(self, **kwargs):
        kwargs.setdefault("url_field", "informatieobjecttype_url")
        kwargs.setdefault("remote_required", REMOTE_REQUIRED)
        super().__init__(model=None, collection=INFORMATIEOBJECTTYPE_COLLECTION, max_length=200, **kwargs)

    def to_internal_value(self, data):
        self.model = informatieobjecttype_model()
        return super().to_internal_value(data)


class ReferenceFieldExtension(OpenApiSerializerFieldExtension):
    """URL references with the OAS constraints: ``maxLength`` always, ``minLength: 1`` on requests."""

    target_class = InformatieObjectTypeField

    def map_serializer_field(self, auto_schema, direction):
        schema = {"type": "string", "format": "uri", "maxLength": self.target.max_length}
        if direction == "request":
            schema["minLength"] = 1
        return schema
