"""Reference fields of the Besluiten API, documented with the exact lengths of the 1.0.2 OAS."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from zgw.common.references import match_local
from zgw.common.serializers import Reference, URLReferenceField

from ..constants import ZAAK_COLLECTION
from ..models import Besluit, has_local_zaak
from ..related import REMOTE_ZAAK, get_model


@extend_schema_field({"type": "string", "format": "uri", "maxLength": 200, "minLength": 1})
class BesluittypeField(URLReferenceField):
    """``besluittype``: a local besluittype (FK) or one on another Catalogi API (URL column), max 200."""


@extend_schema_field({"type": "string", "format": "uri", "maxLength": 1000, "minLength": 1})
class InformatieobjectField(URLReferenceField):
    """``informatieobject``: a local document (FK) or one on another Documenten API (URL column)."""


@extend_schema_field({"type": "string", "format": "uri"})
class BesluitField(URLReferenceField):
    """``besluit`` of a besluitinformatieobject: always a besluit of this API."""


@extend_schema_field({"type": "string", "format": "uri", "maxLength": 200})
class ZaakField(URLReferenceField):
    """``zaak``: optional (``""`` = none); a local zaak (FK, once the Zaken app has it) or a remote one."""

    blank_means_absent = False  # "" is a value here: it clears the zaak (brc-006)

    def __init__(self, **kwargs):
        kwargs.setdefault("model", Besluit)  # replaced by zaken.Zaak when it exists; see to_internal_value
        kwargs.setdefault("collection", ZAAK_COLLECTION)
        kwargs.setdefault("url_field", "zaak_url")
        kwargs.setdefault("remote_required", REMOTE_ZAAK)
        kwargs.setdefault("max_length", 200)
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        zaak = getattr(instance, "zaak", None) if has_local_zaak() else None
        return zaak if zaak is not None else instance.zaak_url

    def to_representation(self, value) -> str:
        return super().to_representation(value) or ""

    def to_internal_value(self, data) -> Reference | None:
        if data == "":
            return None
        if isinstance(data, str):
            zaak_model = get_model("zaken", "Zaak") if has_local_zaak() else None
            if zaak_model is None:
                match = match_local(data, self.context.get("request"))
                if match is not None:
                    raise serializers.ValidationError("Lokale zaken worden (nog) niet ondersteund.", code="bad-url")
            else:
                self.model = zaak_model
        return super().to_internal_value(data)
