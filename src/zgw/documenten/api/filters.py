"""Query parameters of the Documenten API lists (names exactly as in the OAS)."""

from __future__ import annotations

import json

from django.db import connection
from django.db.models import TextField
from django.db.models.functions import Cast
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework.exceptions import ErrorDetail, ValidationError

from zgw.common.filters import LenientURLFormField, URLReferenceFilter, ZGWFilterSet
from zgw.common.references import match_local

from ..models import (
    AardRelatie,
    EnkelvoudigInformatieObject,
    Gebruiksrechten,
    ObjectInformatieObject,
    ObjectTypes,
    Verzending,
)

EIO_COLLECTION = ("documenten", "enkelvoudiginformatieobjecten")


@extend_schema_field(OpenApiTypes.URI)
class DocumentURLFilter(URLReferenceFilter):
    """``informatieobject=<url>``: a URL of this API's enkelvoudiginformatieobjecten (else 400)."""

    def filter(self, qs, value):
        if value in (None, ""):
            return qs
        match = match_local(value, getattr(self.parent, "request", None))
        if match is None:
            return qs.none()
        if (match.api, match.collection) != EIO_COLLECTION:
            raise ValidationError(
                {
                    self.field_name: [
                        ErrorDetail("De URL wijst niet naar een enkelvoudiginformatieobject.", code="invalid")
                    ]
                }
            )
        return qs.filter(**{f"{self.field_name}__uuid": match.uuid})


@extend_schema_field(OpenApiTypes.URI)
class URLExactFilter(filters.CharFilter):
    field_class = LenientURLFormField


class TrefwoordenFilter(filters.BaseCSVFilter, filters.CharFilter):
    """Documents whose current version has all given trefwoorden."""

    def filter(self, qs, value):
        if not value:
            return qs
        if connection.vendor == "postgresql":
            return qs.filter(latest_version__trefwoorden__contains=list(value))
        # databases without JSON containment (SQLite): match the quoted item in the JSON text
        qs = qs.annotate(_trefwoorden_text=Cast("latest_version__trefwoorden", TextField()))
        for word in value:
            qs = qs.filter(_trefwoorden_text__contains=json.dumps(word))
        return qs


OIO_OBJECT = "objectinformatieobjecten_object"
OIO_OBJECT_TYPE = "objectinformatieobjecten_objectType"
# Open Zaak's (experimental, undocumented) spelling of the same parameters: accepted, not in the schema
OPEN_ZAAK_ALIASES = {
    "objectinformatieobjecten__object": OIO_OBJECT,
    "objectinformatieobjecten__objectType": OIO_OBJECT_TYPE,
}


def official_names(query_params):
    """``query_params`` with Open Zaak's double-underscore names renamed to the official ones (same QueryDict when
    none is used); an official name given as well wins."""
    if not any(alias in query_params for alias in OPEN_ZAAK_ALIASES):
        return query_params
    renamed = query_params.copy()
    for alias, name in OPEN_ZAAK_ALIASES.items():
        if alias in renamed:
            values = renamed.pop(alias)
            if name not in renamed:
                renamed.setlist(name, values)
    return renamed


def _linked_documents(**conditions):
    return ObjectInformatieObject.objects.filter(**conditions).values("informatieobject_id")


@extend_schema_field(OpenApiTypes.URI)
class LinkedObjectFilter(URLExactFilter):
    """Documents with an objectinformatieobject to this object (and of ``objectinformatieobjecten_objectType`` when
    that is given too: both conditions on the same relation)."""

    def filter(self, qs, value):
        if value in (None, ""):
            return qs
        conditions = {"object": value}
        object_type = self.parent.form.cleaned_data.get(OIO_OBJECT_TYPE)
        if object_type:
            conditions["object_type"] = object_type
        return qs.filter(pk__in=_linked_documents(**conditions))


class LinkedObjectTypeFilter(filters.ChoiceFilter):
    """Documents with an objectinformatieobject of this objectType (combined with the object filter above)."""

    def filter(self, qs, value):
        if value in (None, "") or self.parent.form.cleaned_data.get(OIO_OBJECT):
            return qs
        return qs.filter(pk__in=_linked_documents(object_type=value))


class EnkelvoudigInformatieObjectFilter(ZGWFilterSet):
    identificatie = filters.CharFilter(field_name="identificatie")
    bronorganisatie = filters.CharFilter(field_name="bronorganisatie")
    objectinformatieobjecten_object = LinkedObjectFilter(
        field_name="objectinformatieobjecten__object",
        help_text="URL-referentie naar het gerelateerde OBJECT (in deze of andere API).",
    )
    objectinformatieobjecten_objectType = LinkedObjectTypeFilter(  # noqa: N815 - the OAS name
        field_name="objectinformatieobjecten__object_type",
        choices=ObjectTypes.choices,
        help_text="Het type van het gerelateerde OBJECT.",
    )
    trefwoorden = TrefwoordenFilter()

    class Meta:
        model = EnkelvoudigInformatieObject
        fields = ("identificatie", "bronorganisatie", "trefwoorden")


class GebruiksrechtenFilter(ZGWFilterSet):
    informatieobject = DocumentURLFilter(field_name="informatieobject")
    startdatum__lt = filters.IsoDateTimeFilter(field_name="startdatum", lookup_expr="lt")
    startdatum__lte = filters.IsoDateTimeFilter(field_name="startdatum", lookup_expr="lte")
    startdatum__gt = filters.IsoDateTimeFilter(field_name="startdatum", lookup_expr="gt")
    startdatum__gte = filters.IsoDateTimeFilter(field_name="startdatum", lookup_expr="gte")
    einddatum__lt = filters.IsoDateTimeFilter(field_name="einddatum", lookup_expr="lt")
    einddatum__lte = filters.IsoDateTimeFilter(field_name="einddatum", lookup_expr="lte")
    einddatum__gt = filters.IsoDateTimeFilter(field_name="einddatum", lookup_expr="gt")
    einddatum__gte = filters.IsoDateTimeFilter(field_name="einddatum", lookup_expr="gte")

    class Meta:
        model = Gebruiksrechten
        fields = ("informatieobject",)


class ObjectInformatieObjectFilter(ZGWFilterSet):
    object = URLExactFilter(field_name="object")
    informatieobject = DocumentURLFilter(field_name="informatieobject")

    class Meta:
        model = ObjectInformatieObject
        fields = ("object", "informatieobject")


class VerzendingFilter(ZGWFilterSet):
    aardRelatie = filters.ChoiceFilter(field_name="aard_relatie", choices=AardRelatie.choices)
    informatieobject = DocumentURLFilter(field_name="informatieobject")
    betrokkene = URLExactFilter(field_name="betrokkene")

    class Meta:
        model = Verzending
        fields = ("aardRelatie", "informatieobject", "betrokkene")
