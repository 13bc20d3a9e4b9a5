"""FilterSets of the Zaken API; the filter names are the spec's query parameter names."""

from __future__ import annotations

from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from zgw.catalogi.models import RolOmschrijving
from zgw.common.constants import VertrouwelijkheidsAanduiding, levels_up_to
from zgw.common.filters import LenientURLFormField, ZGWFilterSet
from zgw.common.filters import URLReferenceFilter as _URLReferenceFilter

from ..models import (
    OBJECT_TYPE_CHOICES,
    Archiefnominatie,
    Archiefstatus,
    BetrokkeneType,
    KlantContact,
    Resultaat,
    Rol,
    Status,
    Zaak,
    ZaakContactMoment,
    ZaakInformatieObject,
    ZaakObject,
    ZaakVerzoek,
)


@extend_schema_field(OpenApiTypes.URI)
class URLReferenceFilter(_URLReferenceFilter):
    """URL filter documented as ``format: uri``."""


@extend_schema_field(OpenApiTypes.URI)
class URLFilter(filters.CharFilter):
    field_class = LenientURLFormField


IDENT_MAX = {
    "natuurlijkPersoon__inpBsn": 9,
    "natuurlijkPersoon__anpIdentificatie": 17,
    "natuurlijkPersoon__inpA_nummer": 10,
    "nietNatuurlijkPersoon__innNnpId": 9,
    "nietNatuurlijkPersoon__annIdentificatie": 17,
    "vestiging__vestigingsNummer": 24,
    "organisatorischeEenheid__identificatie": 24,
    "medewerker__identificatie": 254,  # Zaken 1.7 (was 24)
}

IDENT_FILTERS = {
    "natuurlijkPersoon__inpBsn": "inpBsn",
    "natuurlijkPersoon__anpIdentificatie": "anpIdentificatie",
    "natuurlijkPersoon__inpA_nummer": "inpA_nummer",
    "nietNatuurlijkPersoon__innNnpId": "innNnpId",
    "nietNatuurlijkPersoon__annIdentificatie": "annIdentificatie",
    "vestiging__vestigingsNummer": "vestigingsNummer",
    "organisatorischeEenheid__identificatie": "identificatie",
    "medewerker__identificatie": "identificatie",
}
IDENT_TYPES = {
    "natuurlijkPersoon": "natuurlijk_persoon",
    "nietNatuurlijkPersoon": "niet_natuurlijk_persoon",
    "vestiging": "vestiging",
    "organisatorischeEenheid": "organisatorische_eenheid",
    "medewerker": "medewerker",
}


class IdentFilter(filters.CharFilter):
    """``…betrokkeneIdentificatie__<type>__<key>``: matches the indexed ``ident_key`` column of the rol."""

    def __init__(self, *args, prefix: str = "", ident: str = "", **kwargs):
        self.prefix = prefix
        self.ident = ident
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        betrokkene_type = IDENT_TYPES[self.ident.split("__")[0]]
        key = f"{IDENT_FILTERS[self.ident]}:{value}"
        return qs.filter(
            **{f"{self.prefix}ident_key": key, f"{self.prefix}betrokkene_type": betrokkene_type}
        ).distinct()


def _documented(max_length: int) -> type[IdentFilter]:
    """An IdentFilter whose schema shows the maxLength (the zaken list documents it, the rollen list does not)."""
    return extend_schema_field({"type": "string", "maxLength": max_length})(
        type(f"IdentFilter{max_length}", (IdentFilter,), {})
    )


def _ident_filters(prefix: str, name_prefix: str) -> dict:
    result = {}
    for ident in IDENT_FILTERS:
        cls = _documented(IDENT_MAX[ident]) if name_prefix else IdentFilter
        result[f"{name_prefix}betrokkeneIdentificatie__{ident}"] = cls(
            prefix=prefix, ident=ident, max_length=IDENT_MAX[ident]
        )
    return result


class CharInFilter(filters.BaseInFilter, filters.CharFilter):
    pass


class MaxVertrouwelijkheidFilter(filters.ChoiceFilter):
    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(vertrouwelijkheidaanduiding__in=levels_up_to(value))


def _zaak_filterset():
    attrs = {
        "identificatie": filters.CharFilter(),
        "bronorganisatie": filters.CharFilter(),
        "bronorganisatie__in": CharInFilter(field_name="bronorganisatie", lookup_expr="in"),
        "zaaktype": URLReferenceFilter(field_name="zaaktype", remote_field="zaaktype_url"),
        "archiefnominatie": filters.ChoiceFilter(choices=Archiefnominatie.choices),
        "archiefnominatie__in": CharInFilter(field_name="archiefnominatie", lookup_expr="in"),
        "archiefactiedatum": filters.DateFilter(),
        "archiefactiedatum__isnull": filters.BooleanFilter(field_name="archiefactiedatum", lookup_expr="isnull"),
        "archiefactiedatum__lt": filters.DateFilter(field_name="archiefactiedatum", lookup_expr="lt"),
        "archiefactiedatum__gt": filters.DateFilter(field_name="archiefactiedatum", lookup_expr="gt"),
        "archiefstatus": filters.ChoiceFilter(choices=Archiefstatus.choices),
        "archiefstatus__in": CharInFilter(field_name="archiefstatus", lookup_expr="in"),
        "rol__betrokkeneType": filters.ChoiceFilter(
            field_name="rollen__betrokkene_type", choices=BetrokkeneType.choices, distinct=True
        ),
        "rol__betrokkene": URLFilter(field_name="rollen__betrokkene", distinct=True, max_length=1000),
        "rol__omschrijvingGeneriek": filters.ChoiceFilter(
            field_name="rollen__omschrijving_generiek", choices=RolOmschrijving.choices, distinct=True
        ),
        "maximaleVertrouwelijkheidaanduiding": MaxVertrouwelijkheidFilter(choices=VertrouwelijkheidsAanduiding.choices),
        "ordering": filters.OrderingFilter(
            fields=(
                ("startdatum", "startdatum"),
                ("einddatum", "einddatum"),
                ("publicatiedatum", "publicatiedatum"),
                ("archiefactiedatum", "archiefactiedatum"),
                ("registratiedatum", "registratiedatum"),
                ("identificatie", "identificatie"),
            )
        ),
    }
    for name, field in (
        ("startdatum", "startdatum"),
        ("registratiedatum", "registratiedatum"),
        ("einddatum", "einddatum"),
        ("einddatumGepland", "einddatum_gepland"),
        ("uiterlijkeEinddatumAfdoening", "uiterlijke_einddatum_afdoening"),
    ):
        attrs[name] = filters.DateFilter(field_name=field)
        for lookup in ("gt", "gte", "lt", "lte"):
            if lookup in ("gte", "lte") and name != "startdatum":
                continue
            attrs[f"{name}__{lookup}"] = filters.DateFilter(field_name=field, lookup_expr=lookup)
    attrs["einddatum__isnull"] = filters.BooleanFilter(field_name="einddatum", lookup_expr="isnull")
    attrs.update(_ident_filters("rollen__", "rol__"))
    attrs["Meta"] = type("Meta", (), {"model": Zaak, "fields": []})
    attrs["get_form_class"] = _form_class_once
    return type("ZaakFilter", (ZGWFilterSet,), attrs)


def _form_class_once(self):
    """The form class of ~40 fields is built once per FilterSet class, not per request: its fields depend on the
    filters' declarations only (the request matters in ``filter()``), and each form instance deep-copies them."""
    cls = type(self)
    form_class = cls.__dict__.get("_form_class")
    if form_class is None:
        form_class = ZGWFilterSet.get_form_class(self)
        cls._form_class = form_class
    return form_class


ZaakFilter = _zaak_filterset()


def _zaak_ref():
    return URLReferenceFilter(field_name="zaak")


class StatusFilter(ZGWFilterSet):
    zaak = _zaak_ref()
    statustype = URLReferenceFilter(field_name="statustype", remote_field="statustype_url")
    indicatieLaatstGezetteStatus = filters.ChoiceFilter(
        method="filter_laatst", choices=[("true", "true"), ("false", "false")]
    )

    class Meta:
        model = Status
        fields: list = []

    def filter_laatst(self, qs, name, value):
        from django.db.models import Max, OuterRef, Subquery

        latest = (
            Status.objects.filter(zaak=OuterRef("zaak"))
            .values("zaak")
            .annotate(m=Max("datum_status_gezet"))
            .values("m")
        )
        qs = qs.annotate(_latest=Subquery(latest))
        from django.db.models import F

        if value == "true":
            return qs.filter(datum_status_gezet=F("_latest"))
        return qs.exclude(datum_status_gezet=F("_latest"))


class ResultaatFilter(ZGWFilterSet):
    zaak = _zaak_ref()
    resultaattype = URLReferenceFilter(field_name="resultaattype", remote_field="resultaattype_url")

    class Meta:
        model = Resultaat
        fields: list = []


def _rol_filterset():
    attrs = {
        "zaak": _zaak_ref(),
        "betrokkene": URLFilter(max_length=1000),
        "betrokkeneType": filters.ChoiceFilter(field_name="betrokkene_type", choices=BetrokkeneType.choices),
        "roltype": URLReferenceFilter(field_name="roltype", remote_field="roltype_url"),
        "omschrijving": filters.CharFilter(),
        "omschrijvingGeneriek": filters.ChoiceFilter(
            field_name="omschrijving_generiek", choices=RolOmschrijving.choices
        ),
        "Meta": type("Meta", (), {"model": Rol, "fields": []}),
    }
    attrs.update(_ident_filters("", ""))
    return type("RolFilter", (ZGWFilterSet,), attrs)


RolFilter = _rol_filterset()


class ZaakObjectFilter(ZGWFilterSet):
    zaak = _zaak_ref()
    object = URLFilter(max_length=1000)
    objectType = filters.ChoiceFilter(field_name="object_type", choices=OBJECT_TYPE_CHOICES)

    class Meta:
        model = ZaakObject
        fields: list = []


class ZaakInformatieObjectFilter(ZGWFilterSet):
    zaak = _zaak_ref()
    informatieobject = URLReferenceFilter(field_name="informatieobject", remote_field="informatieobject_url")

    class Meta:
        model = ZaakInformatieObject
        fields: list = []


class KlantContactFilter(ZGWFilterSet):
    zaak = _zaak_ref()

    class Meta:
        model = KlantContact
        fields: list = []


class ZaakContactMomentFilter(ZGWFilterSet):
    zaak = _zaak_ref()
    contactmoment = URLFilter(max_length=1000)

    class Meta:
        model = ZaakContactMoment
        fields: list = []


class ZaakVerzoekFilter(ZGWFilterSet):
    zaak = _zaak_ref()
    verzoek = URLFilter(max_length=1000)

    class Meta:
        model = ZaakVerzoek
        fields: list = []


def _fix_labels(*filtersets: type) -> None:
    """Compute each filter's label once, on the class: django-filter otherwise derives it (model field lookups,
    lookup-expression names) for every filter of every request, a measurable part of a list's cost (~40 filters)."""
    from django_filters.utils import label_for_filter

    for filterset in filtersets:
        model = filterset._meta.model
        for flt in filterset.base_filters.values():
            if flt.label is None and not isinstance(flt, filters.OrderingFilter):
                flt.label = label_for_filter(model, flt.field_name, flt.lookup_expr, flt.exclude)


_fix_labels(ZaakFilter)
