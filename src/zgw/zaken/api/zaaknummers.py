"""``POST /zaaknummer_reserveren`` (Zaken 1.7.0): the rules are in ../zaaknummers.py."""

from __future__ import annotations

from urllib.parse import urlencode

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from zgw.common.references import request_base_url
from zgw.common.viewsets import ZGWGenericViewSet

from .. import zaaknummers
from ..services import SCOPE_AANMAKEN
from .schema import ZakenAutoSchema
from .serializers import validate_rsin

RSIN = (
    "Het RSIN van de Niet-natuurlijk persoon zijnde de organisatie die de zaak heeft gecreeerd. Dit moet een geldig "
    "RSIN zijn van 9 nummers en voldoen aan https://nl.wikipedia.org/wiki/Burgerservicenummer#11-proef"
)
ZAAKNUMMER = (
    "De unieke identificatie van de ZAAK binnen de organisatie die verantwoordelijk is voor de behandeling van de ZAAK."
)


class ReserveZaakIdentificatieSerializer(serializers.Serializer):
    bronorganisatie = serializers.CharField(
        write_only=True, min_length=9, max_length=9, validators=[validate_rsin], help_text=RSIN
    )
    aantal = serializers.IntegerField(
        write_only=True, min_value=1, default=1, help_text="Het aantal identificaties om te reserveren."
    )
    zaaknummer = serializers.CharField(read_only=True, label="Zaaknummer", help_text=ZAAKNUMMER)

    def validate_aantal(self, value: int) -> int:
        limit = zaaknummers.max_aantal()
        if value > limit:
            raise serializers.ValidationError(
                f"Er kunnen maximaal {limit} zaaknummers per verzoek gereserveerd worden.", code="max_value"
            )
        return value


class ZaakNummerReserverenViewSet(ZGWGenericViewSet):
    """Reserve 1…n zaak identificaties; the answer is always an array (the schema, not the description)."""

    component = "zrc"
    schema = ZakenAutoSchema()
    serializer_class = ReserveZaakIdentificatieSerializer
    pagination_class = None
    operation_ids = {"create": "zaaknummer_reserveren"}
    no_audit_headers = ("create",)
    extra_error_statuses = (412,)
    http_method_names = ["post", "options"]
    required_scopes = {"create": SCOPE_AANMAKEN}

    @extend_schema(
        request=ReserveZaakIdentificatieSerializer,
        responses={201: ReserveZaakIdentificatieSerializer(many=True)},
        tags=["zaaknummer_reserveren"],
    )
    def create(self, request, *args, **kwargs):
        if not isinstance(request.data, dict):
            raise serializers.ValidationError(
                {"nonFieldErrors": [serializers.ErrorDetail("Verwacht een JSON object.", code="invalid")]}
            )
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        bron = serializer.validated_data["bronorganisatie"]
        client = getattr(request, "auth", None)
        numbers = zaaknummers.reserve(
            bron, serializer.validated_data["aantal"], applicatie=getattr(client, "label", "") or ""
        )
        # no resource of its own: Location is where the zaak with the (first) reserved number will be listed
        query = urlencode({"bronorganisatie": bron, "identificatie": numbers[0]})
        location = f"{request_base_url(request)}/zaken/api/v1/zaken?{query}"
        return Response(
            [{"zaaknummer": value} for value in numbers], status=status.HTTP_201_CREATED, headers={"Location": location}
        )
