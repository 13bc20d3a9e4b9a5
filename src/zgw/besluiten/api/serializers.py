"""Serializers of the Besluiten API 1.1.0 (shape only: names, types, lengths, required-ness; rules in services)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from zgw.catalogi.models import BesluitType
from zgw.common.serializers import ModelSerializer, SelfURLField, Serializer
from zgw.documenten.models import EnkelvoudigInformatieObject

from ..constants import BESLUIT_COLLECTION, BESLUITTYPE_COLLECTION, EIO_COLLECTION, VervalRedenen
from ..models import Besluit, BesluitInformatieObject
from ..related import REMOTE_BESLUITTYPE, REMOTE_INFORMATIEOBJECT
from ..validators import validate_rsin
from .fields import BesluitField, BesluittypeField, InformatieobjectField, ZaakField


class BesluitSerializer(ModelSerializer):
    url = SelfURLField("besluiten", "besluiten")
    identificatie = serializers.CharField(
        max_length=50,
        required=False,
        allow_blank=True,
        help_text="Identificatie van het besluit binnen de organisatie die het besluit heeft vastgesteld. Indien "
        "deze niet opgegeven is, dan wordt die gegenereerd.",
    )
    verantwoordelijkeOrganisatie = serializers.CharField(
        source="verantwoordelijke_organisatie",
        max_length=9,
        validators=[validate_rsin],
        help_text="Het RSIN van de niet-natuurlijk persoon zijnde de organisatie die het besluit heeft vastgesteld.",
    )
    besluittype = BesluittypeField(
        model=BesluitType,
        collection=BESLUITTYPE_COLLECTION,
        url_field="besluittype_url",
        remote_required=REMOTE_BESLUITTYPE,
        max_length=200,
        help_text="URL-referentie naar het BESLUITTYPE (in de Catalogi API).",
    )
    zaak = ZaakField(
        required=False,
        help_text="URL-referentie naar de ZAAK (in de Zaken API) waarvan dit besluit uitkomst is.",
    )
    datum = serializers.DateField(help_text="De beslisdatum (AWB) van het besluit.")
    toelichting = serializers.CharField(required=False, allow_blank=True, help_text="Toelichting bij het besluit.")
    bestuursorgaan = serializers.CharField(
        max_length=50,
        required=False,
        allow_blank=True,
        help_text="Een orgaan van een rechtspersoon krachtens publiekrecht ingesteld of een persoon of college, "
        "met enig openbaar gezag bekleed onder wiens verantwoordelijkheid het besluit vastgesteld is.",
    )
    ingangsdatum = serializers.DateField(help_text="Ingangsdatum van de werkingsperiode van het besluit.")
    vervaldatum = serializers.DateField(
        required=False, allow_null=True, help_text="Datum waarop de werkingsperiode van het besluit eindigt."
    )
    vervalreden = serializers.ChoiceField(
        choices=VervalRedenen.choices,
        required=False,
        allow_blank=True,
        help_text="De omschrijving die aangeeft op grond waarvan het besluit is of komt te vervallen.",
    )
    vervalredenWeergave = serializers.CharField(source="get_vervalreden_display", read_only=True)
    publicatiedatum = serializers.DateField(
        required=False, allow_null=True, help_text="Datum waarop het besluit gepubliceerd wordt."
    )
    verzenddatum = serializers.DateField(
        required=False, allow_null=True, help_text="Datum waarop het besluit verzonden is."
    )
    uiterlijkeReactiedatum = serializers.DateField(
        source="uiterlijke_reactiedatum",
        required=False,
        allow_null=True,
        help_text="De datum tot wanneer verweer tegen het besluit mogelijk is.",
    )

    class Meta:
        model = Besluit
        fields = (
            "url",
            "identificatie",
            "verantwoordelijkeOrganisatie",
            "besluittype",
            "zaak",
            "datum",
            "toelichting",
            "bestuursorgaan",
            "ingangsdatum",
            "vervaldatum",
            "vervalreden",
            "vervalredenWeergave",
            "publicatiedatum",
            "verzenddatum",
            "uiterlijkeReactiedatum",
        )
        validators: list = []  # uniqueness is brc-002 in services (with its own error code)


class BesluitInformatieObjectSerializer(ModelSerializer):
    url = SelfURLField("besluiten", "besluitinformatieobjecten")
    informatieobject = InformatieobjectField(
        model=EnkelvoudigInformatieObject,
        collection=EIO_COLLECTION,
        url_field="informatieobject_url",
        remote_required=REMOTE_INFORMATIEOBJECT,
        help_text="URL-referentie naar het INFORMATIEOBJECT (in de Documenten API) waarin (een deel van) het "
        "besluit beschreven is.",
    )
    besluit = BesluitField(
        model=Besluit,
        collection=BESLUIT_COLLECTION,
        allow_remote=False,
        help_text="URL-referentie naar het BESLUIT.",
    )

    class Meta:
        model = BesluitInformatieObject
        fields = ("url", "informatieobject", "besluit")
        validators: list = []  # uniqueness is checked in services


# ---- documentation of the 1.1.0 ``expand`` responses (only present when ``expand`` is asked for) ---------------
# These serializers only shape the OpenAPI document (component names as in besluiten-1.1.0.yaml); the expanded
# data itself is rendered by ``api.expand``.


class _RemoteResourceSerializer(Serializer):
    url = serializers.URLField(read_only=True, help_text="URL-referentie naar dit object.")


class BesluitTypeExpandedSerializer(_RemoteResourceSerializer):
    """A besluittype as the Catalogi API returns it (see the Catalogi API for all properties)."""


class ZaakExpandedSerializer(_RemoteResourceSerializer):
    """A zaak as the Zaken API returns it (see the Zaken API for all properties)."""


class EnkelvoudigInformatieObjectExpandedSerializer(_RemoteResourceSerializer):
    """An enkelvoudiginformatieobject as the Documenten API returns it (see the Documenten API)."""


class BesluitEmbeddedSerializer(Serializer):
    besluittype = BesluitTypeExpandedSerializer(read_only=True)
    zaak = ZaakExpandedSerializer(read_only=True)


class BesluitExpandedSerializer(BesluitSerializer):
    _expand = BesluitEmbeddedSerializer(read_only=True)

    class Meta(BesluitSerializer.Meta):
        fields = (*BesluitSerializer.Meta.fields, "_expand")


@extend_schema_field(
    {
        "oneOf": [
            {"$ref": "#/components/schemas/BesluitExpanded"},
            {
                "type": "object",
                "description": "Leeg object. Dit wordt teruggeven indien het te expanderen veld een null waarde heeft.",
            },
        ]
    }
)
class BesluitOrEmptyField(serializers.ReadOnlyField):
    pass


class BesluitInformatieObjectEmbeddedSerializer(Serializer):
    informatieobject = EnkelvoudigInformatieObjectExpandedSerializer(read_only=True)
    besluit = BesluitOrEmptyField()


class BesluitInformatieObjectExpandedSerializer(BesluitInformatieObjectSerializer):
    _expand = BesluitInformatieObjectEmbeddedSerializer(read_only=True)

    class Meta(BesluitInformatieObjectSerializer.Meta):
        fields = (*BesluitInformatieObjectSerializer.Meta.fields, "_expand")
