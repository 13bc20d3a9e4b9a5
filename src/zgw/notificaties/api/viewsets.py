"""Notificaties API 1.0.0 endpoints (notificaties.md §2). Lists are plain arrays."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.response import Response

from zgw.common.permissions import Scope
from zgw.common.viewsets import ZGWGenericViewSet

from .. import selectors, services
from .filters import KanaalFilter
from .serializers import AbonnementSerializer, KanaalSerializer, MessageSerializer

SCOPE_PUBLICEREN = Scope("notificaties.publiceren")
SCOPE_CONSUMEREN = Scope("notificaties.consumeren")


@extend_schema_view(
    list=extend_schema(description="Alle KANAALen opvragen.", tags=["kanaal"]),
    retrieve=extend_schema(description="Een specifiek KANAAL opvragen.", tags=["kanaal"]),
    create=extend_schema(description="Maak een KANAAL aan.", tags=["kanaal"]),
)
class KanaalViewSet(ZGWGenericViewSet):
    serializer_class = KanaalSerializer
    filterset_class = KanaalFilter
    pagination_class = None
    component = "nrc"
    http_method_names = ["get", "post", "options"]
    required_scopes = {
        "list": SCOPE_PUBLICEREN | SCOPE_CONSUMEREN,
        "retrieve": SCOPE_PUBLICEREN | SCOPE_CONSUMEREN,
        "create": SCOPE_PUBLICEREN,
    }
    operation_ids = {"list": "kanaal_list", "retrieve": "kanaal_read", "create": "kanaal_create"}

    def get_queryset(self):
        return selectors.kanalen()

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        return Response(self.get_serializer(queryset, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        return Response(self.get_serializer(self.get_object()).data)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        kanaal = services.create_kanaal(data["naam"], data.get("documentatie_link", ""), data.get("filters"))
        body = self.get_serializer(kanaal).data
        return Response(body, status=status.HTTP_201_CREATED, headers=self.get_success_headers(body))


@extend_schema_view(
    list=extend_schema(description="Alle ABONNEMENTen opvragen.", tags=["abonnement"]),
    retrieve=extend_schema(description="Een specifiek ABONNEMENT opvragen.", tags=["abonnement"]),
    create=extend_schema(description="Maak een ABONNEMENT aan.", tags=["abonnement"]),
    update=extend_schema(description="Werk een ABONNEMENT in zijn geheel bij.", tags=["abonnement"]),
    partial_update=extend_schema(description="Werk een ABONNEMENT deels bij.", tags=["abonnement"]),
    destroy=extend_schema(description="Verwijder een ABONNEMENT.", tags=["abonnement"]),
)
class AbonnementViewSet(ZGWGenericViewSet):
    serializer_class = AbonnementSerializer
    pagination_class = None
    component = "nrc"
    http_method_names = ["get", "post", "put", "patch", "delete", "options"]
    required_scopes = {
        "list": SCOPE_CONSUMEREN | SCOPE_PUBLICEREN,
        "retrieve": SCOPE_CONSUMEREN | SCOPE_PUBLICEREN,
        "create": SCOPE_CONSUMEREN,
        "update": SCOPE_CONSUMEREN,
        "partial_update": SCOPE_CONSUMEREN,
        "destroy": SCOPE_CONSUMEREN,
    }
    operation_ids = {
        "list": "abonnement_list",
        "retrieve": "abonnement_read",
        "create": "abonnement_create",
        "update": "abonnement_update",
        "partial_update": "abonnement_partial_update",
        "destroy": "abonnement_delete",
    }

    def get_queryset(self):
        # Owned: another client's abonnement is not found (404) on read, PUT, PATCH and DELETE, and not listed.
        return selectors.abonnementen_for(self.request.auth)

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        return Response(self.get_serializer(queryset, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        return Response(self.get_serializer(self.get_object()).data)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        client_id = getattr(request.auth, "client_id", "") or ""
        abonnement = services.create_abonnement(
            data["callback_url"], data["auth"], _groups(data["filter_groups"]), client_id=client_id
        )
        body = self.get_serializer(self.get_queryset().get(pk=abonnement.pk)).data
        return Response(body, status=status.HTTP_201_CREATED, headers=self.get_success_headers(body))

    def update(self, request, *args, partial: bool = False, **kwargs):
        instance = self.get_object()
        serializer = self.get_serializer(instance, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        changes = dict(serializer.validated_data)
        if "filter_groups" in changes:
            changes["kanalen"] = _groups(changes.pop("filter_groups"))
        services.update_abonnement(instance, changes)
        return Response(self.get_serializer(self.get_queryset().get(pk=instance.pk)).data)

    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)

    def destroy(self, request, *args, **kwargs):
        services.delete_abonnement(self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)


def _groups(items: list[dict]) -> list[services.FilterGroupData]:
    return [services.FilterGroupData(naam=item["naam"], filters=dict(item.get("filters") or {})) for item in items]


class NotificatieViewSet(ZGWGenericViewSet):
    serializer_class = MessageSerializer
    pagination_class = None
    component = "nrc"
    http_method_names = ["post", "options"]
    required_scopes = {"create": SCOPE_PUBLICEREN}
    operation_ids = {"create": "notificaties_create"}

    def get_queryset(self):  # pragma: no cover - no object endpoints
        return selectors.kanalen().none()

    @extend_schema(
        description="Publiceer een notificatie.",
        tags=["notificaties"],
        request=MessageSerializer,
        responses={200: MessageSerializer},
    )
    def create(self, request, *args, **kwargs):
        """Validate and route; the answer echoes the message (200, DECISIONS.md)."""
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        payload = {key: request.data[key] for key in serializer.fields if key in request.data}
        services.receive_notificatie(payload)
        return Response(payload, status=status.HTTP_200_OK)
