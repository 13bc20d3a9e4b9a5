"""Shapes of the Notificaties API 1.0.0 resources, field names exactly as in the OAS."""

from __future__ import annotations

from rest_framework import serializers
from rest_framework.fields import SkipField
from rest_framework.validators import UniqueValidator

from zgw.common.serializers import SelfURLField, URLField

from ..models import Abonnement, Kanaal

API = "notificaties"


class StrictCharField(serializers.CharField):
    """A string that really is one: numbers, booleans and objects are 400 ``invalid`` instead of coerced."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class KenmerkenField(serializers.DictField):
    """A map kenmerk -> value (strings of 1..1000 characters)."""

    def __init__(self, **kwargs):
        super().__init__(child=StrictCharField(max_length=1000, min_length=1), **kwargs)


class OptionalLinkField(URLField):
    """``documentatieLink`` is ``format: uri`` and not nullable: without a link the key is left out (no ``""``)."""

    def get_attribute(self, instance):
        value = super().get_attribute(instance)
        if not value:
            raise SkipField
        return value


class KanaalSerializer(serializers.ModelSerializer):
    url = SelfURLField(API, "kanaal")
    naam = serializers.CharField(
        max_length=50,
        min_length=1,
        help_text='Naam van het KANAAL (ook wel "Exchange" genoemd) dat de bron vertegenwoordigd.',
        validators=[UniqueValidator(queryset=Kanaal.objects.all(), message="Er bestaat al een kanaal met deze naam.")],
    )
    documentatieLink = OptionalLinkField(
        source="documentatie_link", max_length=200, required=False, allow_blank=True, help_text="URL naar documentatie."
    )
    filters = serializers.ListField(
        child=serializers.CharField(max_length=100, min_length=1),
        required=False,
        help_text="Lijst van mogelijke filter kenmerken van een KANAAL. Deze filter kenmerken kunnen worden "
        "gebruikt bij het aanmaken van een ABONNEMENT.",
    )

    class Meta:
        model = Kanaal
        fields = ("url", "naam", "documentatieLink", "filters")


class FilterGroupSerializer(serializers.Serializer):
    filters = KenmerkenField(
        required=False,
        help_text="Map van kenmerken (sleutel/waarde) waarop notificaties gefilterd worden. Alleen notificaties "
        "waarvan de kenmerken voldoen aan het filter worden doorgestuurd naar de afnemer van het ABONNEMENT.",
    )
    naam = serializers.CharField(
        min_length=1,
        help_text="De naam van het KANAAL (`KANAAL.naam`) waarop een abonnement is of wordt genomen.",
    )

    class Meta:
        ref_name = "FilterGroup"

    def to_representation(self, instance) -> dict:
        return {"filters": instance.filters or {}, "naam": instance.kanaal.naam}


class AbonnementSerializer(serializers.ModelSerializer):
    url = SelfURLField(API, "abonnement")
    callbackUrl = URLField(
        source="callback_url",
        min_length=1,
        help_text="De URL waar notificaties naar toe gestuurd dienen te worden. Deze URL dient uit te komen bij een "
        "API die geschikt is om notificaties op te ontvangen.",
    )
    auth = serializers.CharField(
        min_length=1,
        write_only=True,
        help_text='Autorisatie header invulling voor het vesturen naar de "Callback URL". Voorbeeld: Bearer a4daa31...',
    )
    kanalen = FilterGroupSerializer(
        many=True,
        source="filter_groups",
        help_text="Een lijst van kanalen en filters waarop het ABONNEMENT wordt afgenomen.",
    )

    class Meta:
        model = Abonnement
        fields = ("url", "callbackUrl", "auth", "kanalen")

    def validate_auth(self, value: str) -> str:
        """Sent as an HTTP header: visible ASCII and spaces only (RFC 9110 field-value), nothing else can be sent."""
        if not all(" " <= char <= "~" or char == "\t" for char in value):
            raise serializers.ValidationError(
                "De Authorization header mag alleen zichtbare ASCII-tekens en spaties bevatten.", code="invalid"
            )
        return value


class MessageSerializer(serializers.Serializer):
    kanaal = serializers.CharField(
        max_length=50,
        min_length=1,
        help_text="De naam van het kanaal (`KANAAL.naam`) waar het bericht op moet worden gepubliceerd.",
    )
    hoofdObject = URLField(
        help_text="URL-referentie naar het hoofd object van de publicerende API die betrekking heeft op de `resource`."
    )
    resource = serializers.CharField(
        max_length=100, min_length=1, help_text="De resourcenaam waar de notificatie over gaat."
    )
    resourceUrl = URLField(help_text="URL-referentie naar de `resource` van de publicerende API.")
    actie = serializers.CharField(
        max_length=100,
        min_length=1,
        help_text="De actie die door de publicerende API is gedaan. De publicerende API specificeert de toegestane "
        "acties.",
    )
    aanmaakdatum = serializers.DateTimeField(help_text="Datum en tijd waarop de actie heeft plaatsgevonden.")
    kenmerken = KenmerkenField(
        required=False,
        help_text="Mapping van kenmerken (sleutel/waarde) van de notificatie. De publicerende API specificeert de "
        "toegestane kenmerken.",
    )
