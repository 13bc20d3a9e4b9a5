"""Query parameters of the Besluiten API lists (names exactly as in the OAS)."""

from __future__ import annotations

from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework.exceptions import ErrorDetail, ValidationError

from zgw.common.filters import LenientURLFormField, ZGWFilterSet
from zgw.common.references import match_local

from ..constants import BESLUIT_COLLECTION, BESLUITTYPE_COLLECTION, EIO_COLLECTION, ZAAK_COLLECTION
from ..models import Besluit, BesluitInformatieObject, has_local_zaak


@extend_schema_field(OpenApiTypes.URI)
class ReferenceFilter(filters.CharFilter):
    """Filter on a reference by URL.

    A URL on this server must name the expected kind of resource (else 400 ``invalid``) and matches the foreign
    key by uuid; any other URL matches the remote-URL column (or nothing, when remote objects cannot occur).
    """

    field_class = LenientURLFormField

    def __init__(self, *args, collection: tuple[str, str], remote_field: str | None = None, **kwargs):
        self.collection = collection
        self.remote_field = remote_field
        kwargs.setdefault("max_length", 1000)
        super().__init__(*args, **kwargs)

    def local_available(self) -> bool:
        return True

    def filter(self, qs, value):
        if value in (None, ""):
            return qs
        match = match_local(value, getattr(self.parent, "request", None))
        if match is None:
            return qs.filter(**{self.remote_field: value}) if self.remote_field else qs.none()
        if (match.api, match.collection) != self.collection:
            raise ValidationError(
                {self.field_name: [ErrorDetail("De URL wijst niet naar het verwachte soort resource.", code="invalid")]}
            )
        if not self.local_available():
            return qs.none()
        return qs.filter(**{f"{self.field_name}__uuid": match.uuid})


class ZaakReferenceFilter(ReferenceFilter):
    def local_available(self) -> bool:
        return has_local_zaak()


class BesluitFilter(ZGWFilterSet):
    identificatie = filters.CharFilter(
        field_name="identificatie",
        help_text="Identificatie van het besluit binnen de organisatie die het besluit heeft vastgesteld. "
        "Indien deze niet opgegeven is, dan wordt die gegenereerd.",
    )
    verantwoordelijkeOrganisatie = filters.CharFilter(
        field_name="verantwoordelijke_organisatie",
        help_text="Het RSIN van de niet-natuurlijk persoon zijnde de organisatie die het besluit heeft vastgesteld.",
    )
    besluittype = ReferenceFilter(
        field_name="besluittype",
        collection=BESLUITTYPE_COLLECTION,
        remote_field="besluittype_url",
        help_text="URL-referentie naar het BESLUITTYPE (in de Catalogi API).",
    )
    zaak = ZaakReferenceFilter(
        field_name="zaak",
        collection=ZAAK_COLLECTION,
        remote_field="zaak_url",
        help_text="URL-referentie naar de ZAAK (in de Zaken API) waarvan dit besluit uitkomst is.",
    )

    class Meta:
        model = Besluit
        fields: list[str] = []


class BesluitInformatieObjectFilter(ZGWFilterSet):
    besluit = ReferenceFilter(
        field_name="besluit", collection=BESLUIT_COLLECTION, help_text="URL-referentie naar het BESLUIT."
    )
    informatieobject = ReferenceFilter(
        field_name="informatieobject",
        collection=EIO_COLLECTION,
        remote_field="informatieobject_url",
        help_text="URL-referentie naar het INFORMATIEOBJECT (in de Documenten API) waarin (een deel van) het "
        "besluit beschreven is.",
    )

    class Meta:
        model = BesluitInformatieObject
        fields: list[str] = []
