"""Query parameters of the Catalogi API list endpoints (names exactly as in the OAS)."""

from __future__ import annotations

from django.db import connection
from django.db.models import Q
from django_filters import rest_framework as filters

from zgw.common.filters import URLReferenceFilter, ZGWFilterSet

from .. import models as m
from ..selectors import geldig_op_q

STATUS_CHOICES = (("alles", "Alles"), ("concept", "Concept"), ("definitief", "Definitief"))
STATUS_HELP = (
    "filter objects depending on their concept status:\n* `alles`: Toon objecten waarvan het attribuut `concept` true "
    "of false is.\n* `concept`: Toon objecten waarvan het attribuut `concept` true is.\n* `definitief`: Toon objecten"
    " waarvan het attribuut `concept` false is (standaard).\n"
)


class StatusFilterSet(ZGWFilterSet):
    """``status`` (default ``definitief``: concepts are hidden unless asked for) and ``datumGeldigheid``."""

    concept_field = "concept"
    status = filters.ChoiceFilter(choices=STATUS_CHOICES, method="filter_status", help_text=STATUS_HELP)

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("status"):
            queryset = self.apply_status(queryset, "definitief")
        return queryset

    def filter_status(self, queryset, name, value):
        return self.apply_status(queryset, value or "definitief")

    def apply_status(self, queryset, value):
        if value == "concept":
            return queryset.filter(**{self.concept_field: True})
        if value == "definitief":
            return queryset.filter(**{self.concept_field: False})
        return queryset

    def filter_datum_geldigheid(self, queryset, name, value):
        return queryset.filter(geldig_op_q(value))


class CatalogusFilter(ZGWFilterSet):
    domein = filters.CharFilter()
    domein__in = filters.BaseInFilter(field_name="domein")
    rsin = filters.CharFilter()
    rsin__in = filters.BaseInFilter(field_name="rsin")

    class Meta:
        model = m.Catalogus
        fields: list[str] = []


class ZaakTypeFilter(StatusFilterSet):
    catalogus = URLReferenceFilter(field_name="catalogus")
    identificatie = filters.CharFilter()
    trefwoorden = filters.CharFilter(
        method="filter_trefwoorden", help_text="Multiple values may be separated by commas."
    )
    datumGeldigheid = filters.DateFilter(method="filter_datum_geldigheid")

    class Meta:
        model = m.ZaakType
        fields: list[str] = []

    def filter_trefwoorden(self, queryset, name, value):
        """Zaaktypen that have every given trefwoord (comma-separated)."""
        wanted = [v.strip() for v in value.split(",") if v.strip()]
        if connection.vendor == "postgresql":
            for trefwoord in wanted:
                queryset = queryset.filter(trefwoorden__contains=[trefwoord])
            return queryset
        # SQLite has no JSON containment: select the ids in Python (small tables; development only)
        ids = [pk for pk, values in queryset.values_list("pk", "trefwoorden") if set(wanted) <= set(values or [])]
        return queryset.filter(pk__in=ids)


class SubTypeFilter(StatusFilterSet):
    concept_field = "zaaktype__concept"
    zaaktype = URLReferenceFilter(field_name="zaaktype")
    zaaktypeIdentificatie = filters.CharFilter(field_name="zaaktype__identificatie")
    datumGeldigheid = filters.DateFilter(method="filter_datum_geldigheid")

    def filter_datum_geldigheid(self, queryset, name, value):
        return queryset.filter(geldig_op_q(value, "zaaktype__"))


class StatusTypeFilter(SubTypeFilter):
    class Meta:
        model = m.StatusType
        fields: list[str] = []


class RolTypeFilter(SubTypeFilter):
    omschrijvingGeneriek = filters.ChoiceFilter(field_name="omschrijving_generiek", choices=m.RolOmschrijving.choices)

    class Meta:
        model = m.RolType
        fields: list[str] = []


class EigenschapFilter(SubTypeFilter):
    class Meta:
        model = m.Eigenschap
        fields: list[str] = []


class ResultaatTypeFilter(SubTypeFilter):
    """The OAS spells these snake_case; the camelCase names are accepted as aliases (DECISIONS.md)."""

    zaaktype_identificatie = filters.CharFilter(field_name="zaaktype__identificatie")
    datum_geldigheid = filters.DateFilter(method="filter_datum_geldigheid")

    class Meta:
        model = m.ResultaatType
        fields: list[str] = []


class ZaakObjectTypeFilter(ZGWFilterSet):
    """Zaakobjecttypen have no ``status`` parameter in the OAS: every version is listed."""

    anderObjecttype = filters.BooleanFilter(field_name="ander_objecttype")
    catalogus = URLReferenceFilter(field_name="catalogus")
    datumBeginGeldigheid = filters.DateFilter(field_name="datum_begin_geldigheid")
    datumEindeGeldigheid = filters.DateFilter(field_name="datum_einde_geldigheid")
    datumGeldigheid = filters.DateFilter(method="filter_datum_geldigheid")
    objecttype = filters.CharFilter()
    relatieOmschrijving = filters.CharFilter(field_name="relatie_omschrijving")
    zaaktype = URLReferenceFilter(field_name="zaaktype")
    zaaktypeIdentificatie = filters.CharFilter(field_name="zaaktype__identificatie")

    class Meta:
        model = m.ZaakObjectType
        fields: list[str] = []

    def filter_datum_geldigheid(self, queryset, name, value):
        return queryset.filter(geldig_op_q(value))


class ZIOTFilter(StatusFilterSet):
    zaaktype = URLReferenceFilter(field_name="zaaktype")
    informatieobjecttype = URLReferenceFilter(field_name="informatieobjecttype")
    richting = filters.ChoiceFilter(choices=m.RichtingChoices.choices)

    class Meta:
        model = m.ZaakTypeInformatieObjectType
        fields: list[str] = []

    def apply_status(self, queryset, value):
        """concept: zaaktype or informatieobjecttype is a concept; definitief: both are published."""
        if value == "concept":
            return queryset.filter(Q(zaaktype__concept=True) | Q(informatieobjecttype__concept=True))
        if value == "definitief":
            return queryset.filter(zaaktype__concept=False, informatieobjecttype__concept=False)
        return queryset


class InformatieObjectTypeFilter(StatusFilterSet):
    catalogus = URLReferenceFilter(field_name="catalogus")
    datumGeldigheid = filters.DateFilter(method="filter_datum_geldigheid")
    omschrijving = filters.CharFilter()

    class Meta:
        model = m.InformatieObjectType
        fields: list[str] = []


class BesluitTypeFilter(StatusFilterSet):
    catalogus = URLReferenceFilter(field_name="catalogus")
    zaaktypen = URLReferenceFilter(field_name="zaaktypen")
    informatieobjecttypen = URLReferenceFilter(field_name="informatieobjecttypen")
    omschrijving = filters.CharFilter()
    datumGeldigheid = filters.DateFilter(method="filter_datum_geldigheid")

    class Meta:
        model = m.BesluitType
        fields: list[str] = []
