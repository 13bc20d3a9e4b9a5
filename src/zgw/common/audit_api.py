"""The read-only audit trail endpoints (``…/{main_uuid}/audittrail[/{uuid}]``) shared by zrc, drc and brc.

A component subclasses :class:`AuditTrailViewSet`, sets ``bron``, ``component``, ``main_lookup_kwarg`` and
implements ``get_main_object()`` (which must apply the same autorisatie check as a direct read of the main object).
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.response import Response

from .constants import ComponentTypes
from .models import AuditTrail
from .viewsets import ZGWGenericViewSet

BRON_CHOICES = [
    *ComponentTypes.choices,
    ("cmc", "Contactmomenten API"),
    ("kc", "Klanten API"),
    ("vrc", "Verzoeken API"),
]


@extend_schema_field(
    {
        "type": "object",
        "properties": {
            "oud": {
                "type": "object",
                "additionalProperties": {},
                "description": "Volledige JSON body van het object zoals dat bestond voordat de actie heeft "
                "plaatsgevonden.",
            },
            "nieuw": {
                "type": "object",
                "additionalProperties": {},
                "description": "Volledige JSON body van het object na de actie.",
            },
        },
    }
)
class WijzigingenField(serializers.Field):
    def __init__(self, **kwargs):
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value: AuditTrail) -> dict:
        return {"oud": value.oud, "nieuw": value.nieuw}


class AuditTrailSerializer(serializers.ModelSerializer):
    bron = serializers.ChoiceField(choices=BRON_CHOICES)
    applicatieId = serializers.CharField(source="applicatie_id", max_length=100, required=False)
    applicatieWeergave = serializers.CharField(source="applicatie_weergave", max_length=200, required=False)
    gebruikersId = serializers.CharField(source="gebruikers_id", max_length=255, required=False)
    gebruikersWeergave = serializers.CharField(source="gebruikers_weergave", max_length=255, required=False)
    actie = serializers.CharField(max_length=50)
    actieWeergave = serializers.CharField(source="actie_weergave", max_length=200, required=False)
    resultaat = serializers.IntegerField(min_value=100, max_value=599)
    hoofdObject = serializers.URLField(source="hoofd_object", max_length=1000)
    resource = serializers.CharField(max_length=50)
    resourceUrl = serializers.URLField(source="resource_url", max_length=1000)
    toelichting = serializers.CharField(required=False)
    resourceWeergave = serializers.CharField(source="resource_weergave", max_length=200)
    aanmaakdatum = serializers.DateTimeField(read_only=True)
    wijzigingen = WijzigingenField()

    class Meta:
        model = AuditTrail
        fields = (
            "uuid",
            "bron",
            "applicatieId",
            "applicatieWeergave",
            "gebruikersId",
            "gebruikersWeergave",
            "actie",
            "actieWeergave",
            "resultaat",
            "hoofdObject",
            "resource",
            "resourceUrl",
            "toelichting",
            "resourceWeergave",
            "aanmaakdatum",
            "wijzigingen",
        )
        extra_kwargs = {"uuid": {"read_only": False, "required": False}}


class AuditTrailViewSet(ZGWGenericViewSet):
    serializer_class = AuditTrailSerializer
    pagination_class = None
    bron: str = ""
    main_lookup_kwarg: str = ""

    def get_main_object(self):  # pragma: no cover - abstract
        raise NotImplementedError

    def get_queryset(self):
        main = self.get_main_object()
        return AuditTrail.objects.filter(bron=self.bron, hoofd_object_uuid=main.uuid)

    def list(self, request, *args, **kwargs):
        return Response(self.get_serializer(self.get_queryset(), many=True).data)

    def retrieve(self, request, *args, **kwargs):
        return Response(self.get_serializer(self.get_object()).data)
