"""Catalogus serializers."""

from __future__ import annotations

from rest_framework import serializers

from zgw.common.serializers import SelfURLField

from ... import models as m
from ..fields import (
    DerivedNamesField,
    RelatedURLsField,
)
from .common import (
    API,
)


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
