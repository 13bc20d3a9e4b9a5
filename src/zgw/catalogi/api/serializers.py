"""Serializers of the Catalogi API 1.3.3: shape only (names, types, lengths, required-ness).

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
from .. import relations
from .fields import (
    ByNameNamesField,
    ByNameURLsField,
    DerivedNamesField,
    DurationField,
    RelatedURLsField,
    RelationListField,
    StringListField,
    URLListField,
)

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
    besluittypeOmschrijving = DerivedNamesField("besluittypen", "omschrijving")
    informatieobjecttypen = RelatedURLsField()
    informatieobjecttypeOmschrijving = DerivedNamesField("informatieobjecttypen", "omschrijving")
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
            "besluittypeOmschrijving",
            "informatieobjecttypen",
            "informatieobjecttypeOmschrijving",
            "naam",
            "versie",
            "begindatumVersie",
        )
        validators: list = []


class CatalogusUpdateSerializer(CatalogusSerializer):
    """Write shape of ``PUT /catalogussen/{uuid}`` (Catalogi 1.3.2): the catalogus's own fields."""

    class Meta(CatalogusSerializer.Meta):
        fields = (
            "domein",
            "rsin",
            "contactpersoonBeheerNaam",
            "contactpersoonBeheerTelefoonnummer",
            "contactpersoonBeheerEmailadres",
            "naam",
            "versie",
            "begindatumVersie",
        )


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


class GerelateerdZaaktypeField(URLField):
    """The gerelateerd zaaktype's URL: for a zaaktype of this server the version valid on the reference date
    (by identificatie, :mod:`zgw.catalogi.relations`), else the URL as stored."""

    def get_attribute(self, instance):
        version = getattr(instance, "current_version", None)
        if version is not None:
            return object_url(self.context.get("request"), version)
        return instance.gerelateerd_zaaktype


class ZaakTypenRelatieSerializer(serializers.Serializer):
    zaaktype = GerelateerdZaaktypeField(max_length=200)
    zaaktypeIdentificatie = serializers.CharField(source="zaaktype_identificatie", read_only=True)
    aardRelatie = serializers.ChoiceField(source="aard_relatie", choices=m.AardRelatie.choices)
    toelichting = serializers.CharField(max_length=255, required=False, allow_blank=True)


class ZaakTypenRelatieCreateSerializer(ZaakTypenRelatieSerializer):
    """Write shape: ``zaaktype`` is a URL or a zaaktype identificatie (DECISIONS.md)."""

    zaaktype = serializers.CharField(source="gerelateerd_zaaktype", max_length=200)


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
    informatieobjecttypen = ByNameURLsField("zaaktype", "informatieobjecttypen", unique=False)
    informatieobjecttypeOmschrijving = ByNameNamesField("zaaktype", "informatieobjecttypen")
    roltypen = RelatedURLsField()
    besluittypen = ByNameURLsField("zaaktype", "besluittypen", writable=True)
    besluittypeOmschrijving = ByNameNamesField("zaaktype", "besluittypen")
    deelzaaktypen = ByNameURLsField("zaaktype", "deelzaaktypen", writable=True, nullable_items=True)
    deelzaaktypeIdentificaties = ByNameNamesField("zaaktype", "deelzaaktypen", items_read_only=True)
    gerelateerdeZaaktypen = ZaakTypenRelatieSerializer(source="gerelateerde_zaaktypen", many=True)
    beginGeldigheid = serializers.DateField(source="datum_begin_geldigheid")
    versiedatum = serializers.DateField(required=False)  # deprecated in 1.3.3; defaults to beginGeldigheid
    concept = serializers.BooleanField(read_only=True)

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
            "informatieobjecttypeOmschrijving",
            "roltypen",
            "besluittypen",
            "besluittypeOmschrijving",
            "deelzaaktypen",
            "deelzaaktypeIdentificaties",
            "gerelateerdeZaaktypen",
            "beginGeldigheid",
            "eindeGeldigheid",
            "beginObject",
            "eindeObject",
            "versiedatum",
            "concept",
        )

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not instance.broncatalogus_url:
            data.pop("broncatalogus", None)
        if not instance.bronzaaktype_url:
            data.pop("bronzaaktype", None)
        return data


class ZaakTypeCreateSerializer(ZaakTypeSerializer):
    """Write shape (ZaakTypeCreate): relations by URL or by omschrijving/identificatie (DECISIONS.md).

    ``deelzaaktypen`` and ``versiedatum`` may be absent (optional in Catalogi 1.3.3's ZaakTypeCreate).
    """

    besluittypen = RelationListField()
    deelzaaktypen = RelationListField(required=False)
    gerelateerdeZaaktypen = ZaakTypenRelatieCreateSerializer(source="gerelateerde_zaaktypen", many=True)

    class Meta(ZaakTypeSerializer.Meta):
        fields = tuple(
            f
            for f in ZaakTypeSerializer.Meta.fields
            if f not in ("informatieobjecttypeOmschrijving", "besluittypeOmschrijving", "deelzaaktypeIdentificaties")
        )

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if self.instance is None:
            attrs.setdefault("deelzaaktypen", [])
            if attrs.get("versiedatum") is None and "datum_begin_geldigheid" in attrs:
                # versiedatum is deprecated in 1.3.3: a new version is dated by its beginGeldigheid
                attrs["versiedatum"] = attrs["datum_begin_geldigheid"]
        return attrs


class ZaakTypeUpdateSerializer(ZaakTypeCreateSerializer):
    """Write shape of PUT (ZaakTypeUpdate). Catalogi 1.3.3 still documents ``deelzaaktypen`` as required here (an
    oversight beside the create, docs/decisions.md): documented so, accepted absent (the stored list is kept)."""

    documented_required = ("deelzaaktypen",)


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
    """Write shape (ResultaatTypeCreate): ``besluittypen`` optional (Catalogi 1.3.2); items by URL or omschrijving."""

    besluittypen = RelationListField(unique=True, required=False)
    informatieobjecttypen = RelationListField(unique=True, required=False)


class ResultaatTypeUpdateSerializer(ResultaatTypeCreateSerializer):
    """Documents the answer of ``PUT /resultaattypen/{uuid}`` as Catalogi 1.3.3 names it (ResultaatTypeUpdate)."""

    documented_required = ("besluittypen",)

    informatieobjecttypen = RelationListField(item_format="uri", unique=True, required=False)


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
    resultaattypeOmschrijving = DerivedNamesField("resultaattypen", "omschrijving", unique=True)
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
            "resultaattypeOmschrijving",
            "statustypen",
            "catalogus",
        )


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
        current = relations.related(instance, "ziot", "informatieobjecttype", self.context.get("request")).objects
        data["informatieobjecttype"] = object_url(self.context.get("request"), current[0])
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
    zaaktypen = ByNameURLsField("informatieobjecttype", "zaaktypen")
    # Catalogi 1.3.3 documents this derived list as a required, writable property (docs/decisions.md): a value sent
    # is accepted and ignored, the answer is derived from the zaaktypen
    zaaktypeIdentificaties = ByNameNamesField(
        "informatieobjecttype", "zaaktypen", items_read_only=True, accept_input=True
    )
    besluittypen = ByNameURLsField("informatieobjecttype", "besluittypen")
    besluittypeOmschrijving = ByNameNamesField("informatieobjecttype", "besluittypen")
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
            "zaaktypeIdentificaties",
            "besluittypen",
            "besluittypeOmschrijving",
            "informatieobjectcategorie",
            "trefwoord",
            "omschrijvingGeneriek",
        )

    documented_required = ("informatieobjectcategorie", "zaaktypeIdentificaties")

    def validate(self, attrs):
        attrs = super().validate(attrs)
        attrs.pop("zaaktypeIdentificaties", None)  # derived: never stored
        return attrs


class BesluitTypeSerializer(GeldigheidFields, serializers.ModelSerializer):
    url = SelfURLField(API, "besluittypen")
    catalogus = _ref(m.Catalogus, "catalogussen")
    zaaktypen = ByNameURLsField("besluittype", "zaaktypen")
    zaaktypeIdentificaties = ByNameNamesField("besluittype", "zaaktypen")
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
    informatieobjecttypen = ByNameURLsField("besluittype", "informatieobjecttypen", writable=True)
    informatieobjecttypeOmschrijvingen = ByNameNamesField("besluittype", "informatieobjecttypen")
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
            "zaaktypeIdentificaties",
            "omschrijving",
            "omschrijvingGeneriek",
            "besluitcategorie",
            "reactietermijn",
            "publicatieIndicatie",
            "publicatietekst",
            "publicatietermijn",
            "toelichting",
            "informatieobjecttypen",
            "informatieobjecttypeOmschrijvingen",
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


class BesluitTypePostResponseSerializer(BesluitTypeSerializer):
    """The answer of ``POST /besluittypen`` (Catalogi 1.3.2): also the deprecated singular
    ``informatieobjecttypeOmschrijving`` (the same list as the plural)."""

    informatieobjecttypeOmschrijving = ByNameNamesField("besluittype", "informatieobjecttypen", unique=False)

    class Meta(BesluitTypeSerializer.Meta):
        fields = (
            *BesluitTypeSerializer.Meta.fields[: BesluitTypeSerializer.Meta.fields.index("beginGeldigheid")],
            "informatieobjecttypeOmschrijving",
            *BesluitTypeSerializer.Meta.fields[BesluitTypeSerializer.Meta.fields.index("beginGeldigheid") :],
        )


class BesluitTypeCreateSerializer(BesluitTypeSerializer):
    informatieobjecttypen = RelationListField()

    class Meta(BesluitTypeSerializer.Meta):
        fields = tuple(
            f
            for f in BesluitTypeSerializer.Meta.fields
            if f not in ("zaaktypeIdentificaties", "informatieobjecttypeOmschrijvingen")
        )

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
