"""The informatieobjecttype of a document, local (Catalogi app) or remote (fetched JSON), behind one interface."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import models

from zgw.common.references import object_url

INFORMATIEOBJECTTYPE_COLLECTION = ("catalogi", "informatieobjecttypen")
# required properties of InformatieObjectType in the Catalogi 1.3.1 OAS that we rely on
REMOTE_REQUIRED = ("url", "catalogus", "omschrijving", "vertrouwelijkheidaanduiding")


def informatieobjecttype_model() -> type[models.Model] | None:
    try:
        return apps.get_model("catalogi", "InformatieObjectType")
    except LookupError:
        return None


@dataclass
class TypeInfo:
    url: str
    obj: models.Model | None = None
    data: dict[str, Any] | None = None

    @property
    def is_local(self) -> bool:
        return self.obj is not None

    @property
    def concept(self) -> bool:
        if self.obj is not None:
            return bool(getattr(self.obj, "concept", False))
        return bool((self.data or {}).get("concept", False))

    @property
    def vertrouwelijkheidaanduiding(self) -> str:
        if self.obj is not None:
            return getattr(self.obj, "vertrouwelijkheidaanduiding", "") or ""
        return (self.data or {}).get("vertrouwelijkheidaanduiding") or ""

    def catalogus_url(self, request=None) -> str:
        if self.obj is not None:
            catalogus = getattr(self.obj, "catalogus", None)
            try:
                return object_url(request, catalogus) if catalogus is not None else ""
            except KeyError:
                return ""
        return (self.data or {}).get("catalogus") or ""


def from_reference(ref, request=None) -> TypeInfo:
    """Build a TypeInfo from a validated ``common.serializers.Reference``."""
    url = object_url(request, ref.obj) if ref.obj is not None else ref.url
    return TypeInfo(url=url, obj=ref.obj, data=ref.data)


def type_url_of(instance, request=None) -> str:
    """The informatieobjecttype URL of a document identity or version (local FK or remote URL column)."""
    obj = getattr(instance, "informatieobjecttype", None)
    if obj is not None:
        return object_url(request, obj)
    return instance.informatieobjecttype_url
