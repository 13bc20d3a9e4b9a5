"""Serializers of the zaaktype's sub-types: statustypen, roltypen, resultaattypen, eigenschappen, zaakobjecttypen,
zaaktype-informatieobjecttypen."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from zgw.common.references import object_url
from zgw.common.serializers import SelfURLField, URLField

from ... import models as m
from ... import relations
from ..fields import (
    DerivedNamesField,
    DurationField,
    RelatedURLsField,
    RelationListField,
    StringListField,
)
from .common import (
    API,
    SubTypeFields,
    _ref,
    _sub_catalogus,
)


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
