"""Serializers of the Catalogi API 1.3.1: shape only (names, types, lengths, required-ness).

Validated data uses the model's field names; relation lists stay raw strings (URL or name) and are resolved by
:mod:`zgw.catalogi.services`, which also enforces every ztc rule.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from zgw.common.constants import VertrouwelijkheidsAanduiding
from zgw.common.references import object_url
from zgw.common.serializers import SelfURLField, URLField, URLReferenceField

from .. import models as m
from ..selectors import geldig_op_q
from .fields import DurationField, RelatedURLsField, RelationListField, StringListField, URLListField

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


class CatalogusSerializer(serializers.ModelSerializer):
    url = SelfURLField(API, "catalogussen")
    domein = serializers.CharField(max_length=5)
    rsin = serializers.CharField(max_length=9)
    contactpersoonBeheerNaam = serializers.CharField(source="contactpersoon_beheer_naam", max_length=40)
    contactpersoonBeheerTelefoonnummer = serializers.CharField(
        source="contactpersoon_beheer_telefoonnummer", max_length=20, required=False, allow_blank=True
    )
    contactpersoonBeheerEmailadres = serializers.EmailField(
        source="contactpersoon_beheer_emailadres", max_length=254, required=False, allow_blank=True
    )
    zaaktypen = RelatedURLsField()
    besluittypen = RelatedURLsField()
    informatieobjecttypen = RelatedURLsField()
    naam = serializers.CharField(max_length=200, required=False, allow_blank=True, allow_null=True)
    versie = serializers.CharField(max_length=20, required=False, allow_blank=True, allow_null=True)
    begindatumVersie = serializers.DateField(source="begindatum_versie", required=False, allow_null=True)

    class Meta:
        model = m.Catalogus
        fields = (
            "url",
            "domein",
            "rsin",
            "contactpersoonBeheerNaam",
            "contactpersoonBeheerTelefoonnummer",
            "contactpersoonBeheerEmailadres",
            "zaaktypen",
            "besluittypen",
            "informatieobjecttypen",
            "naam",
            "versie",
            "begindatumVersie",
        )
        validators: list = []


# --- ZaakType -------------------------------------------------------------------------------------------------


class ReferentieProcesSerializer(serializers.Serializer):
    naam = serializers.CharField(source="referentieproces_naam", max_length=80)
    link = URLField(source="referentieproces_link", max_length=200, required=False, allow_blank=True)


class BronCatalogusSerializer(serializers.Serializer):
    url = URLField(source="broncatalogus_url", max_length=200)
    domein = serializers.CharField(source="broncatalogus_domein", max_length=5)
    rsin = serializers.CharField(source="broncatalogus_rsin", max_length=9)


class BronZaaktypeSerializer(serializers.Serializer):
    url = URLField(source="bronzaaktype_url", max_length=200)
    identificatie = serializers.CharField(source="bronzaaktype_identificatie", max_length=50)
    omschrijving = serializers.CharField(source="bronzaaktype_omschrijving", max_length=80)


class ZaakTypenRelatieSerializer(serializers.Serializer):
    zaaktype = URLField(source="gerelateerd_zaaktype", max_length=200)
    aardRelatie = serializers.ChoiceField(source="aard_relatie", choices=m.AardRelatie.choices)
    toelichting = serializers.CharField(max_length=255, required=False, allow_blank=True)


class ZaakTypenRelatieCreateSerializer(ZaakTypenRelatieSerializer):
    """Write shape: ``zaaktype`` is a URL or a zaaktype identificatie (DECISIONS.md)."""

    zaaktype = serializers.CharField(source="gerelateerd_zaaktype", max_length=200)


def versions_on(rows, name_field: str, datum, request) -> list[str]:
    """URLs of the versions of ``rows`` (same catalogus + name) valid on ``datum``; a row without such a version
    is answered as itself."""
    urls: list[str] = []
    for row in rows:
        version = (
            type(row)
            .objects.filter(geldig_op_q(datum), catalogus_id=row.catalogus_id, **{name_field: getattr(row, name_field)})
            .order_by("-datum_begin_geldigheid", "-id")
            .first()
        )
        url = object_url(request, version or row)
        if url not in urls:
            urls.append(url)
    return urls


class ZaakTypeSerializer(GeldigheidFields, serializers.ModelSerializer):
    url = SelfURLField(API, "zaaktypen")
    identificatie = serializers.CharField(max_length=50)
    omschrijving = serializers.CharField(max_length=80)
    omschrijvingGeneriek = serializers.CharField(
        source="omschrijving_generiek", max_length=80, required=False, allow_blank=True
    )
    vertrouwelijkheidaanduiding = serializers.ChoiceField(choices=VertrouwelijkheidsAanduiding.choices)
    doel = serializers.CharField()
    aanleiding = serializers.CharField()
    toelichting = serializers.CharField(required=False, allow_blank=True)
    indicatieInternOfExtern = serializers.ChoiceField(
        source="indicatie_intern_of_extern", choices=m.IndicatieInternOfExtern.choices
    )
    handelingInitiator = serializers.CharField(source="handeling_initiator", max_length=20)
    onderwerp = serializers.CharField(max_length=80)
    handelingBehandelaar = serializers.CharField(source="handeling_behandelaar", max_length=20)
    doorlooptijd = DurationField(source="doorlooptijd_behandeling")
    servicenorm = DurationField(source="servicenorm_behandeling", required=False, allow_null=True)
    opschortingEnAanhoudingMogelijk = serializers.BooleanField(source="opschorting_en_aanhouding_mogelijk")
    verlengingMogelijk = serializers.BooleanField(source="verlenging_mogelijk")
    verlengingstermijn = DurationField(required=False, allow_null=True)
    trefwoorden = StringListField(max_length=30, required=False)
    publicatieIndicatie = serializers.BooleanField(source="publicatie_indicatie")
    publicatietekst = serializers.CharField(required=False, allow_blank=True)
    verantwoordingsrelatie = StringListField(max_length=40, required=False)
    productenOfDiensten = URLListField(source="producten_of_diensten")
    selectielijstProcestype = URLField(
        source="selectielijst_procestype", max_length=200, required=False, allow_blank=True
    )
    referentieproces = ReferentieProcesSerializer(source="*")
    verantwoordelijke = serializers.CharField(max_length=50)
    zaakobjecttypen = RelatedURLsField()
    broncatalogus = BronCatalogusSerializer(source="*", required=False)
    bronzaaktype = BronZaaktypeSerializer(source="*", required=False)
    catalogus = _ref(m.Catalogus, "catalogussen")
    statustypen = RelatedURLsField()
    resultaattypen = RelatedURLsField()
    eigenschappen = RelatedURLsField()
    informatieobjecttypen = serializers.SerializerMethodField()
    roltypen = RelatedURLsField()
    besluittypen = RelationListField(item_format="uri", unique=True)
    deelzaaktypen = RelationListField(item_format="uri", nullable_items=True, unique=True, required=False)
    gerelateerdeZaaktypen = ZaakTypenRelatieSerializer(source="gerelateerde_zaaktypen", many=True)
    beginGeldigheid = serializers.DateField(source="datum_begin_geldigheid")
    versiedatum = serializers.DateField(required=False)  # deprecated in 1.3.3; defaults to beginGeldigheid
    concept = serializers.BooleanField(read_only=True)

    documented_required = ("versiedatum",)

    class Meta:
        model = m.ZaakType
        fields = (
            "url",
            "identificatie",
            "omschrijving",
            "omschrijvingGeneriek",
            "vertrouwelijkheidaanduiding",
            "doel",
            "aanleiding",
            "toelichting",
            "indicatieInternOfExtern",
            "handelingInitiator",
            "onderwerp",
            "handelingBehandelaar",
            "doorlooptijd",
            "servicenorm",
            "opschortingEnAanhoudingMogelijk",
            "verlengingMogelijk",
            "verlengingstermijn",
            "trefwoorden",
            "publicatieIndicatie",
            "publicatietekst",
            "verantwoordingsrelatie",
            "productenOfDiensten",
            "selectielijstProcestype",
            "referentieproces",
            "verantwoordelijke",
            "zaakobjecttypen",
            "broncatalogus",
            "bronzaaktype",
            "catalogus",
            "statustypen",
            "resultaattypen",
            "eigenschappen",
            "informatieobjecttypen",
            "roltypen",
            "besluittypen",
            "deelzaaktypen",
            "gerelateerdeZaaktypen",
            "beginGeldigheid",
            "eindeGeldigheid",
            "beginObject",
            "eindeObject",
            "versiedatum",
            "concept",
        )

    @extend_schema_field({"type": "array", "items": {"type": "string", "format": "uri"}, "readOnly": True})
    def get_informatieobjecttypen(self, obj) -> list[str]:
        request = self.context.get("request")
        seen: list[str] = []
        for ziot in sorted(obj.ziots.all(), key=lambda z: z.volgnummer):
            url = object_url(request, ziot.informatieobjecttype)
            if url not in seen:
                seen.append(url)
        return seen

    def to_representation(self, instance):
        data = super().to_representation(instance)
        datum = self.context.get("datum_geldigheid")
        if datum is not None:
            request = self.context.get("request")
            data["besluittypen"] = versions_on(instance.besluittypen.all(), "omschrijving", datum, request)
            data["deelzaaktypen"] = versions_on(instance.deelzaaktypen.all(), "identificatie", datum, request)
            iots = [z.informatieobjecttype for z in sorted(instance.ziots.all(), key=lambda z: z.volgnummer)]
            data["informatieobjecttypen"] = versions_on(iots, "omschrijving", datum, request)
        if not instance.broncatalogus_url:
            data.pop("broncatalogus", None)
        if not instance.bronzaaktype_url:
            data.pop("bronzaaktype", None)
        return data


class ZaakTypeCreateSerializer(ZaakTypeSerializer):
    """Write shape (ZaakTypeCreate/ZaakTypeUpdate): relations by URL or by omschrijving/identificatie.

    ``deelzaaktypen`` and ``versiedatum`` may be absent (Catalogi 1.3.3 makes them optional, VNG's collections
    omit them; docs/decisions.md); the document still lists them as required, as the pinned 1.3.1 does.
    """

    documented_required = ("deelzaaktypen", "versiedatum")

    besluittypen = RelationListField()
    deelzaaktypen = RelationListField(required=False)
    gerelateerdeZaaktypen = ZaakTypenRelatieCreateSerializer(source="gerelateerde_zaaktypen", many=True)

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if self.instance is None:
            attrs.setdefault("deelzaaktypen", [])
            if attrs.get("versiedatum") is None and "datum_begin_geldigheid" in attrs:
                # versiedatum is deprecated in 1.3.3: a new version is dated by its beginGeldigheid
                attrs["versiedatum"] = attrs["datum_begin_geldigheid"]
        return attrs


# --- Sub-types ------------------------------------------------------------------------------------------------


class CheckListItemSerializer(serializers.Serializer):
    itemnaam = serializers.CharField(max_length=30)
    toelichting = serializers.CharField(max_length=1000, required=False, allow_blank=True, allow_null=True)
    vraagstelling = serializers.CharField(max_length=255)
    verplicht = serializers.BooleanField(required=False, default=False)


class StatusTypeSerializer(SubTypeFields, serializers.ModelSerializer):
    url = SelfURLField(API, "statustypen")
    omschrijving = serializers.CharField(max_length=80)
    omschrijvingGeneriek = serializers.CharField(
        source="omschrijving_generiek", max_length=80, required=False, allow_blank=True
    )
    statustekst = serializers.CharField(max_length=1000, required=False, allow_blank=True)
    catalogus = serializers.SerializerMethodField()
    volgnummer = serializers.IntegerField(min_value=1, max_value=9999)
    isEindstatus = serializers.BooleanField(source="is_eindstatus", read_only=True)
    informeren = serializers.BooleanField(required=False)
    doorlooptijd = DurationField(required=False, allow_null=True)
    toelichting = serializers.CharField(max_length=1000, required=False, allow_blank=True, allow_null=True)
    checklistitemStatustype = CheckListItemSerializer(source="checklistitem_statustype", many=True, required=False)
    eigenschappen = RelationListField(item_format="uri", nullable_items=True, unique=True, required=False)

    class Meta:
        model = m.StatusType
        fields = (
            "url",
            "omschrijving",
            "omschrijvingGeneriek",
            "statustekst",
            "zaaktype",
            "catalogus",
            "zaaktypeIdentificatie",
            "volgnummer",
            "isEindstatus",
            "informeren",
            "doorlooptijd",
            "toelichting",
            "checklistitemStatustype",
            "eigenschappen",
            "beginGeldigheid",
            "eindeGeldigheid",
            "beginObject",
            "eindeObject",
        )
        validators: list = []

    @extend_schema_field({"type": "string", "format": "uri", "readOnly": True})
    def get_catalogus(self, obj) -> str:
        return object_url(self.context.get("request"), obj.zaaktype.catalogus)


class RolTypeSerializer(SubTypeFields, serializers.ModelSerializer):
    url = SelfURLField(API, "roltypen")
    omschrijving = serializers.CharField(max_length=100)
    omschrijvingGeneriek = serializers.ChoiceField(source="omschrijving_generiek", choices=m.RolOmschrijving.choices)
    catalogus = _sub_catalogus()

    class Meta:
        model = m.RolType
        fields = (
            "url",
            "zaaktype",
            "zaaktypeIdentificatie",
            "omschrijving",
            "omschrijvingGeneriek",
            "catalogus",
            "beginGeldigheid",
            "eindeGeldigheid",
            "beginObject",
            "eindeObject",
        )


class BrondatumArchiefprocedureSerializer(serializers.Serializer):
    afleidingswijze = serializers.ChoiceField(
        source="brondatum_archiefprocedure_afleidingswijze", choices=m.Afleidingswijze.choices
    )
    datumkenmerk = serializers.CharField(
        source="brondatum_archiefprocedure_datumkenmerk", max_length=80, required=False, allow_blank=True
    )
    einddatumBekend = serializers.BooleanField(source="brondatum_archiefprocedure_einddatum_bekend", required=False)
    objecttype = serializers.ChoiceField(
        source="brondatum_archiefprocedure_objecttype",
        choices=m.ArchiefObjecttype.choices,
        required=False,
        allow_blank=True,
    )
    registratie = serializers.CharField(
        source="brondatum_archiefprocedure_registratie", max_length=80, required=False, allow_blank=True
    )
    procestermijn = DurationField(source="brondatum_archiefprocedure_procestermijn", required=False, allow_null=True)


class ResultaatTypeSerializer(SubTypeFields, serializers.ModelSerializer):
    url = SelfURLField(API, "resultaattypen")
    omschrijving = serializers.CharField(max_length=30)
    resultaattypeomschrijving = URLField(max_length=1000)
    omschrijvingGeneriek = serializers.CharField(source="omschrijving_generiek", read_only=True)
    selectielijstklasse = URLField(max_length=1000)
    toelichting = serializers.CharField(required=False, allow_blank=True)
    archiefnominatie = serializers.ChoiceField(choices=m.Archiefnominatie.choices, required=False, allow_blank=True)
    archiefactietermijn = DurationField(required=False, allow_null=True)
    brondatumArchiefprocedure = BrondatumArchiefprocedureSerializer(source="*", required=False, allow_null=True)
    procesobjectaard = serializers.CharField(max_length=200, required=False, allow_blank=True, allow_null=True)
    catalogus = _sub_catalogus()
    indicatieSpecifiek = serializers.BooleanField(source="indicatie_specifiek", required=False, allow_null=True)
    procestermijn = DurationField(required=False, allow_null=True)
    besluittypen = RelationListField(item_format="uri", nullable_items=True, unique=True, required=False)
    besluittypeOmschrijving = serializers.SerializerMethodField()
    informatieobjecttypen = RelationListField(item_format="uri", nullable_items=True, unique=True, required=False)
    informatieobjecttypeOmschrijving = serializers.SerializerMethodField()

    class Meta:
        model = m.ResultaatType
        fields = (
            "url",
            "zaaktype",
            "zaaktypeIdentificatie",
            "omschrijving",
            "resultaattypeomschrijving",
            "omschrijvingGeneriek",
            "selectielijstklasse",
            "toelichting",
            "archiefnominatie",
            "archiefactietermijn",
            "brondatumArchiefprocedure",
            "procesobjectaard",
            "catalogus",
            "beginGeldigheid",
            "eindeGeldigheid",
            "beginObject",
            "eindeObject",
            "indicatieSpecifiek",
            "procestermijn",
            "besluittypen",
            "besluittypeOmschrijving",
            "informatieobjecttypen",
            "informatieobjecttypeOmschrijving",
        )

    @extend_schema_field({"type": "array", "items": {"type": "string"}, "readOnly": True, "uniqueItems": True})
    def get_besluittypeOmschrijving(self, obj) -> list[str]:
        return [b.omschrijving for b in obj.besluittypen.all()]

    @extend_schema_field({"type": "array", "items": {"type": "string"}, "readOnly": True, "uniqueItems": True})
    def get_informatieobjecttypeOmschrijving(self, obj) -> list[str]:
        return [i.omschrijving for i in obj.informatieobjecttypen.all()]

    def to_internal_value(self, data):
        cleared = (
            isinstance(data, dict) and "brondatumArchiefprocedure" in data and data["brondatumArchiefprocedure"] is None
        )
        if cleared:
            data = {k: v for k, v in data.items() if k != "brondatumArchiefprocedure"}
        values = super().to_internal_value(data)
        if cleared:
            values.update(
                brondatum_archiefprocedure_afleidingswijze="",
                brondatum_archiefprocedure_datumkenmerk="",
                brondatum_archiefprocedure_einddatum_bekend=False,
                brondatum_archiefprocedure_objecttype="",
                brondatum_archiefprocedure_registratie="",
                brondatum_archiefprocedure_procestermijn=None,
            )
        return values

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not instance.brondatum_archiefprocedure_afleidingswijze:
            data["brondatumArchiefprocedure"] = None
        return data


class ResultaatTypeCreateSerializer(ResultaatTypeSerializer):
    """``besluittypen`` may be absent (optional in Catalogi 1.3.3's ResultaatTypeCreate); documented as required."""

    documented_required = ("besluittypen",)

    besluittypen = RelationListField(required=False)


class EigenschapSpecificatieSerializer(serializers.Serializer):
    groep = serializers.CharField(max_length=32, required=False, allow_blank=True)
    formaat = serializers.ChoiceField(choices=m.FormaatChoices.choices)
    lengte = serializers.CharField(max_length=14)
    kardinaliteit = serializers.CharField(max_length=3)
    waardenverzameling = StringListField(max_length=100, required=False)


class EigenschapSerializer(SubTypeFields, serializers.ModelSerializer):
    url = SelfURLField(API, "eigenschappen")
    naam = serializers.CharField(max_length=20)
    catalogus = serializers.SerializerMethodField()
    definitie = serializers.CharField(max_length=255)
    specificatie = EigenschapSpecificatieSerializer(source="*")
    toelichting = serializers.CharField(max_length=1000, required=False, allow_blank=True)
    statustype = _ref(m.StatusType, "statustypen", required=False, allow_null=True)

    class Meta:
        model = m.Eigenschap
        fields = (
            "url",
            "naam",
            "catalogus",
            "definitie",
            "specificatie",
            "toelichting",
            "zaaktype",
            "zaaktypeIdentificatie",
            "statustype",
            "beginGeldigheid",
            "eindeGeldigheid",
            "beginObject",
            "eindeObject",
        )

    @extend_schema_field({"type": "string", "format": "uri", "readOnly": True})
    def get_catalogus(self, obj) -> str:
        return object_url(self.context.get("request"), obj.zaaktype.catalogus)


class ZaakObjectTypeSerializer(SubTypeFields, serializers.ModelSerializer):
    url = SelfURLField(API, "zaakobjecttypen")
    anderObjecttype = serializers.BooleanField(source="ander_objecttype")
    # deprecated and optional in Catalogi 1.3.3; absent on create, the zaaktype's beginGeldigheid is stored
    beginGeldigheid = serializers.DateField(source="datum_begin_geldigheid", required=False)
    objecttype = URLField(max_length=200)
    relatieOmschrijving = serializers.CharField(source="relatie_omschrijving", max_length=80)
    resultaattypen = RelatedURLsField()
    statustypen = RelatedURLsField()
    catalogus = _ref(m.Catalogus, "catalogussen")

    class Meta:
        model = m.ZaakObjectType
        fields = (
            "url",
            "anderObjecttype",
            "beginGeldigheid",
            "eindeGeldigheid",
            "beginObject",
            "eindeObject",
            "objecttype",
            "relatieOmschrijving",
            "zaaktype",
            "zaaktypeIdentificatie",
            "resultaattypen",
            "statustypen",
            "catalogus",
        )

    documented_required = ("beginGeldigheid",)


class ZaakTypeInformatieObjectTypeSerializer(serializers.ModelSerializer):
    url = SelfURLField(API, "zaaktype-informatieobjecttypen")
    zaaktype = _ref(m.ZaakType, "zaaktypen")
    zaaktypeIdentificatie = serializers.CharField(source="zaaktype.identificatie", read_only=True)
    catalogus = serializers.SerializerMethodField()
    informatieobjecttype = serializers.CharField(max_length=100)
    volgnummer = serializers.IntegerField(min_value=1, max_value=999)
    richting = serializers.ChoiceField(choices=m.RichtingChoices.choices)
    statustype = _ref(m.StatusType, "statustypen", required=False, allow_null=True)

    class Meta:
        model = m.ZaakTypeInformatieObjectType
        fields = (
            "url",
            "zaaktype",
            "zaaktypeIdentificatie",
            "catalogus",
            "informatieobjecttype",
            "volgnummer",
            "richting",
            "statustype",
        )
        validators: list = []

    @extend_schema_field({"type": "string", "format": "uri", "readOnly": True})
    def get_catalogus(self, obj) -> str:
        return object_url(self.context.get("request"), obj.zaaktype.catalogus)

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["informatieobjecttype"] = object_url(self.context.get("request"), instance.informatieobjecttype)
        return data


# --- InformatieObjectType / BesluitType -----------------------------------------------------------------------


class InformatieObjectTypeOmschrijvingGeneriekSerializer(serializers.Serializer):
    informatieobjecttypeOmschrijvingGeneriek = serializers.CharField(
        source="omschrijving_generiek_informatieobjecttype", max_length=80
    )
    definitieInformatieobjecttypeOmschrijvingGeneriek = serializers.CharField(
        source="omschrijving_generiek_definitie", max_length=255
    )
    herkomstInformatieobjecttypeOmschrijvingGeneriek = serializers.CharField(
        source="omschrijving_generiek_herkomst", max_length=12
    )
    hierarchieInformatieobjecttypeOmschrijvingGeneriek = serializers.CharField(
        source="omschrijving_generiek_hierarchie", max_length=80
    )
    opmerkingInformatieobjecttypeOmschrijvingGeneriek = serializers.CharField(
        source="omschrijving_generiek_opmerking", max_length=255, required=False, allow_blank=True, allow_null=True
    )


class InformatieObjectTypeSerializer(GeldigheidFields, serializers.ModelSerializer):
    url = SelfURLField(API, "informatieobjecttypen")
    catalogus = _ref(m.Catalogus, "catalogussen")
    omschrijving = serializers.CharField(max_length=80)
    vertrouwelijkheidaanduiding = serializers.ChoiceField(choices=VertrouwelijkheidsAanduiding.choices)
    beginGeldigheid = serializers.DateField(source="datum_begin_geldigheid")
    concept = serializers.BooleanField(read_only=True)
    zaaktypen = serializers.SerializerMethodField()
    besluittypen = RelatedURLsField()
    # accepted absent (VNG's collections omit it, DECISIONS.md): stored and answered as ""
    informatieobjectcategorie = serializers.CharField(max_length=80, required=False, allow_blank=True, default="")
    trefwoord = StringListField(max_length=30, required=False)
    omschrijvingGeneriek = InformatieObjectTypeOmschrijvingGeneriekSerializer(source="*", required=False)

    class Meta:
        model = m.InformatieObjectType
        fields = (
            "url",
            "catalogus",
            "omschrijving",
            "vertrouwelijkheidaanduiding",
            "beginGeldigheid",
            "eindeGeldigheid",
            "beginObject",
            "eindeObject",
            "concept",
            "zaaktypen",
            "besluittypen",
            "informatieobjectcategorie",
            "trefwoord",
            "omschrijvingGeneriek",
        )

    documented_required = ("informatieobjectcategorie",)

    @extend_schema_field({"type": "array", "items": {"type": "string", "format": "uri"}, "readOnly": True})
    def get_zaaktypen(self, obj) -> list[str]:
        request = self.context.get("request")
        urls: list[str] = []
        for zaaktype in obj.zaaktypen.all():
            url = object_url(request, zaaktype)
            if url not in urls:
                urls.append(url)
        return urls


class BesluitTypeSerializer(GeldigheidFields, serializers.ModelSerializer):
    url = SelfURLField(API, "besluittypen")
    catalogus = _ref(m.Catalogus, "catalogussen")
    zaaktypen = RelatedURLsField()
    omschrijving = serializers.CharField(max_length=80, required=False, allow_blank=True)
    omschrijvingGeneriek = serializers.CharField(
        source="omschrijving_generiek", max_length=80, required=False, allow_blank=True
    )
    besluitcategorie = serializers.CharField(max_length=40, required=False, allow_blank=True)
    reactietermijn = DurationField(required=False, allow_null=True)
    publicatieIndicatie = serializers.BooleanField(source="publicatie_indicatie")
    publicatietekst = serializers.CharField(required=False, allow_blank=True)
    publicatietermijn = DurationField(required=False, allow_null=True)
    toelichting = serializers.CharField(required=False, allow_blank=True)
    informatieobjecttypen = RelationListField(item_format="uri", unique=True)
    beginGeldigheid = serializers.DateField(source="datum_begin_geldigheid")
    concept = serializers.BooleanField(read_only=True)
    resultaattypen = RelatedURLsField()
    resultaattypenOmschrijving = serializers.SerializerMethodField()
    vastgelegdIn = serializers.SerializerMethodField()

    class Meta:
        model = m.BesluitType
        fields = (
            "url",
            "catalogus",
            "zaaktypen",
            "omschrijving",
            "omschrijvingGeneriek",
            "besluitcategorie",
            "reactietermijn",
            "publicatieIndicatie",
            "publicatietekst",
            "publicatietermijn",
            "toelichting",
            "informatieobjecttypen",
            "beginGeldigheid",
            "eindeGeldigheid",
            "beginObject",
            "eindeObject",
            "concept",
            "resultaattypen",
            "resultaattypenOmschrijving",
            "vastgelegdIn",
        )

    @extend_schema_field({"type": "array", "items": {"type": "string"}, "readOnly": True, "uniqueItems": True})
    def get_resultaattypenOmschrijving(self, obj) -> list[str]:
        return [r.omschrijving for r in obj.resultaattypen.all()]

    @extend_schema_field({"type": "array", "items": {"type": "string"}, "readOnly": True, "uniqueItems": True})
    def get_vastgelegdIn(self, obj) -> list[str]:
        return [i.omschrijving for i in obj.informatieobjecttypen.all()]


class BesluitTypeCreateSerializer(BesluitTypeSerializer):
    informatieobjecttypen = RelationListField()

    def to_internal_value(self, data):
        """ztc-issue-001: ``zaaktypen`` was dropped from the 1.3 write body by mistake; it is still accepted (URLs or
        identificaties) although the OAS documents it read-only."""
        values = super().to_internal_value(data)
        if isinstance(data, dict) and "zaaktypen" in data:
            zaaktypen = data["zaaktypen"]
            if not isinstance(zaaktypen, list) or not all(isinstance(z, str) and z for z in zaaktypen):
                raise serializers.ValidationError(
                    {
                        "zaaktypen": [
                            serializers.ErrorDetail("Verwacht een lijst van URLs of identificaties.", "invalid")
                        ]
                    }
                )
            values["zaaktypen"] = zaaktypen
        return values
