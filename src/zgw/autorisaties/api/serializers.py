"""Serializers of the Autorisaties API 1.0.0 (thin: shape only; the ac rules live in services)."""

from __future__ import annotations

from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema_field
from rest_framework import serializers

from zgw.common.constants import ComponentTypes, VertrouwelijkheidsAanduiding
from zgw.common.references import match_local
from zgw.common.serializers import SelfURLField, URLField

from ..models import Applicatie, Autorisatie
from ..services import AutorisatieData

TYPE_COLLECTIONS = {
    "zaaktype": ("catalogi", "zaaktypen"),
    "informatieobjecttype": ("catalogi", "informatieobjecttypen"),
    "besluittype": ("catalogi", "besluittypen"),
}


class TypeURLField(URLField):
    """A type URL: when it points at this server it must name an existing type of the right kind."""

    def __init__(self, type_name: str, **kwargs):
        self.type_name = type_name
        kwargs.setdefault("max_length", 1000)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        url = super().to_internal_value(data)
        match = match_local(url, self.context.get("request"))
        if match is None:
            return url
        if (match.api, match.collection) != TYPE_COLLECTIONS[self.type_name]:
            raise serializers.ValidationError("De URL wijst niet naar een " + self.type_name + ".", code="bad-url")
        if match.model is not None and not match.model._default_manager.filter(uuid=match.uuid).exists():
            raise serializers.ValidationError("Het object bestaat niet.", code="does_not_exist")
        return url


class AutorisatieBaseSerializer(serializers.Serializer):
    component = serializers.ChoiceField(
        choices=ComponentTypes.choices,
        help_text="Component waarop autorisatie van toepassing is.",
    )
    componentWeergave = serializers.SerializerMethodField(help_text="Omschrijving van `component`.")
    scopes = serializers.ListField(
        child=serializers.CharField(max_length=100, min_length=1),
        help_text="Lijst van scope labels. Elke scope geeft toegang tot een set van acties/operaties, zoals "
        "gedocumenteerd bij de betreffende component.",
    )

    def get_componentWeergave(self, obj) -> str:
        component = obj.component if isinstance(obj, Autorisatie) else obj.get("component")
        return ComponentTypes(component).label if component in ComponentTypes.values else ""


class ZrcAutorisatieSerializer(AutorisatieBaseSerializer):
    zaaktype = TypeURLField("zaaktype", help_text="URL naar het zaaktype waarop de autorisatie van toepassing is.")
    maxVertrouwelijkheidaanduiding = serializers.ChoiceField(
        source="max_vertrouwelijkheidaanduiding",
        choices=VertrouwelijkheidsAanduiding.choices,
        required=False,
        help_text="Maximaal toegelaten vertrouwelijkheidaanduiding (inclusief).",
    )


class DrcAutorisatieSerializer(AutorisatieBaseSerializer):
    informatieobjecttype = TypeURLField(
        "informatieobjecttype",
        help_text="URL naar het informatieobjecttype waarop de autorisatie van toepassing is.",
    )
    maxVertrouwelijkheidaanduiding = serializers.ChoiceField(
        source="max_vertrouwelijkheidaanduiding",
        choices=VertrouwelijkheidsAanduiding.choices,
        required=False,
        help_text="Maximaal toegelaten vertrouwelijkheidaanduiding (inclusief).",
    )


class BrcAutorisatieSerializer(AutorisatieBaseSerializer):
    besluittype = TypeURLField(
        "besluittype", help_text="URL naar het besluittype waarop de autorisatie van toepassing is."
    )


class AcAutorisatieSerializer(AutorisatieBaseSerializer):
    pass


class NrcAutorisatieSerializer(AutorisatieBaseSerializer):
    pass


class ZtcAutorisatieSerializer(AutorisatieBaseSerializer):
    pass


VARIANTS: dict[str, type[AutorisatieBaseSerializer]] = {
    "ac": AcAutorisatieSerializer,
    "nrc": NrcAutorisatieSerializer,
    "zrc": ZrcAutorisatieSerializer,
    "ztc": ZtcAutorisatieSerializer,
    "drc": DrcAutorisatieSerializer,
    "brc": BrcAutorisatieSerializer,
}

AUTORISATIE_SCHEMA = PolymorphicProxySerializer(
    component_name="Autorisatie",
    serializers={component: serializer for component, serializer in VARIANTS.items()},
    resource_type_field_name="component",
    many=True,
)


@extend_schema_field(AUTORISATIE_SCHEMA)
class AutorisatieListField(serializers.Field):
    """``autorisaties``: each item is validated by the serializer of its ``component``."""

    def to_representation(self, value) -> list[dict]:
        return [VARIANTS[a.component](a, context=self.context).data for a in value.all()]

    def input_serializer(self, item: dict) -> AutorisatieBaseSerializer:
        """For common.parsers: each item is read with the serializer of its component."""
        component = item.get("component")
        variant = VARIANTS.get(component) if isinstance(component, str) else None  # [] or {}: no TypeError
        return (variant or AutorisatieBaseSerializer)(context=self.context)

    def to_internal_value(self, data) -> list[AutorisatieData]:
        if not isinstance(data, list):
            raise serializers.ValidationError("Verwachtte een lijst.", code="not_a_list")
        result: list[AutorisatieData] = []
        errors: list[dict] = []
        for item in data:
            if not isinstance(item, dict):
                errors.append({"nonFieldErrors": [serializers.ErrorDetail("Verwachtte een object.", "invalid")]})
                continue
            component = item.get("component")
            # a component of the wrong JSON type (list, object) is the base serializer's choice error, not a TypeError
            variant = VARIANTS.get(component) if isinstance(component, str) else None
            serializer_class = variant or AutorisatieBaseSerializer
            serializer = serializer_class(data=item, context=self.context)
            if not serializer.is_valid():
                errors.append(serializer.errors)
                continue
            values = serializer.validated_data
            result.append(
                AutorisatieData(
                    component=values["component"],
                    scopes=list(values["scopes"]),
                    zaaktype=values.get("zaaktype", ""),
                    informatieobjecttype=values.get("informatieobjecttype", ""),
                    besluittype=values.get("besluittype", ""),
                    max_vertrouwelijkheidaanduiding=values.get("max_vertrouwelijkheidaanduiding", ""),
                )
            )
            errors.append({})
        if any(errors):
            raise serializers.ValidationError(errors)
        return result


class ApplicatieSerializer(serializers.ModelSerializer):
    url = SelfURLField("autorisaties", "applicaties")
    clientIds = serializers.ListField(
        source="client_id_list",
        child=serializers.CharField(max_length=50, min_length=1),
        help_text="Lijst van consumer identifiers (hun 'client_id'). Een `client_id` mag slechts bij één "
        "applicatie-object voorkomen.",
    )
    label = serializers.CharField(
        max_length=100,
        min_length=1,
        help_text="Een leesbare representatie van de applicatie, voor eindgebruikers.",
    )
    heeftAlleAutorisaties = serializers.BooleanField(
        source="heeft_alle_autorisaties",
        required=False,
        help_text="Indien alle autorisaties gegeven zijn, dan hoeven deze niet individueel opgegeven te worden. "
        "Gebruik dit alleen als je de consumer helemaal vertrouwt.",
    )
    alleenIsGereedVoorPublicatie = serializers.BooleanField(
        source="alleen_is_gereed_voor_publicatie",
        required=False,
        help_text="Indien `true` mag de betreffende applicatie alleen documenten lezen met waarde `true` voor "
        "`isGereedVoorPublicatie`.",
    )
    autorisaties = AutorisatieListField(required=False)

    class Meta:
        model = Applicatie
        fields = ("url", "clientIds", "label", "heeftAlleAutorisaties", "alleenIsGereedVoorPublicatie", "autorisaties")
