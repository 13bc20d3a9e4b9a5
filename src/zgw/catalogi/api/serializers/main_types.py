"""Informatieobjecttype and besluittype serializers."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from zgw.common.constants import VertrouwelijkheidsAanduiding
from zgw.common.serializers import SelfURLField

from ... import models as m
from ..fields import (
    ByNameNamesField,
    ByNameURLsField,
    DurationField,
    RelatedURLsField,
    RelationListField,
    StringListField,
)
from .common import (
    API,
    GeldigheidFields,
    _ref,
)


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
