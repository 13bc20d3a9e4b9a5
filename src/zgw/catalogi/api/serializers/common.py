"""Shared pieces of the Catalogi serializers: URL references, geldigheid fields, the sub-type base."""

from __future__ import annotations

from rest_framework import serializers

from zgw.common.serializers import URLReferenceField

from ... import models as m

API = "catalogi"


def _ref(model, collection: str, **kwargs) -> URLReferenceField:
    return URLReferenceField(model=model, collection=(API, collection), allow_remote=False, **kwargs)


class ZaaktypeCatalogusField(URLReferenceField):
    """``catalogus`` of a sub-type: answered from its zaaktype; when written it must match (ztc-013)."""

    def get_attribute(self, instance):
        return instance.zaaktype.catalogus


def _sub_catalogus() -> ZaaktypeCatalogusField:
    return ZaaktypeCatalogusField(
        model=m.Catalogus, collection=(API, "catalogussen"), allow_remote=False, required=False, allow_null=True
    )


class GeldigheidFields(serializers.Serializer):
    beginGeldigheid = serializers.DateField(source="datum_begin_geldigheid", required=False, allow_null=True)
    eindeGeldigheid = serializers.DateField(source="datum_einde_geldigheid", required=False, allow_null=True)
    beginObject = serializers.DateField(source="begin_object", required=False, allow_null=True)
    eindeObject = serializers.DateField(source="einde_object", required=False, allow_null=True)


class InheritedDateField(serializers.DateField):
    """A sub-type's geldigheid date; when the sub-type has none of its own it is its zaaktype's (catalogi.md §3)."""

    def get_attribute(self, instance):
        own = super().get_attribute(instance)
        if own is None and getattr(instance, "zaaktype_id", None):
            return getattr(instance.zaaktype, self.source)
        return own


class SubTypeFields(GeldigheidFields):
    """Fields shared by the sub-types of a zaaktype."""

    beginGeldigheid = InheritedDateField(source="datum_begin_geldigheid", required=False, allow_null=True)
    eindeGeldigheid = InheritedDateField(source="datum_einde_geldigheid", required=False, allow_null=True)
    beginObject = InheritedDateField(source="begin_object", required=False, allow_null=True)
    eindeObject = InheritedDateField(source="einde_object", required=False, allow_null=True)
    zaaktype = _ref(m.ZaakType, "zaaktypen")
    zaaktypeIdentificatie = serializers.CharField(source="zaaktype.identificatie", read_only=True)


# --- Catalogus ------------------------------------------------------------------------------------------------
