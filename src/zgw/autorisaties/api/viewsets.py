"""Autorisaties API 1.1.0 endpoints."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, status
from rest_framework.decorators import action
from rest_framework.response import Response

from zgw.common.permissions import Scope
from zgw.common.viewsets import ZGWGenericViewSet

from .. import selectors, services
from .filters import ApplicatieFilter
from .serializers import ApplicatieSerializer

SCOPE_LEZEN = Scope("autorisaties.lezen")
SCOPE_BIJWERKEN = Scope("autorisaties.bijwerken")

FIELD_MAP = {
    "client_id_list": "client_ids",
    "label": "label",
    "heeft_alle_autorisaties": "heeft_alle_autorisaties",
    "alleen_is_gereed_voor_publicatie": "alleen_is_gereed_voor_publicatie",
    "autorisaties": "autorisaties",
}


@extend_schema_view(
    list=extend_schema(summary="Geef een collectie van applicaties, met ingesloten autorisaties."),
    retrieve=extend_schema(summary="Vraag een applicatie op, met ingesloten autorisaties."),
    create=extend_schema(summary="Registreer een applicatie met een bepaalde set van autorisaties."),
    update=extend_schema(summary="Werk de applicatie bij."),
    partial_update=extend_schema(summary="Werk (een deel van) de applicatie bij."),
    destroy=extend_schema(summary="Verwijder een applicatie met de bijhorende autorisaties."),
)
class ApplicatieViewSet(ZGWGenericViewSet):
    """Applicaties and the autorisaties they hold on the other components."""

    serializer_class = ApplicatieSerializer
    filterset_class = ApplicatieFilter
    component = "ac"
    required_scopes = {
        "list": SCOPE_LEZEN,
        "retrieve": SCOPE_LEZEN,
        "consumer": SCOPE_LEZEN,
        "create": SCOPE_BIJWERKEN,
        "update": SCOPE_BIJWERKEN,
        "partial_update": SCOPE_BIJWERKEN,
        "destroy": SCOPE_BIJWERKEN,
    }
    operation_ids = {
        "list": "applicatie_list",
        "retrieve": "applicatie_read",
        "create": "applicatie_create",
        "update": "applicatie_update",
        "partial_update": "applicatie_partial_update",
        "destroy": "applicatie_delete",
        "consumer": "applicatie_consumer",
    }

    def get_queryset(self):
        return selectors.applicaties()

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        return Response(self.get_serializer(self.get_object()).data)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        applicatie = services.create_applicatie(
            services.ApplicatieData(**self._changes(serializer.validated_data)), request=request
        )
        data = self.get_serializer(selectors.applicaties().get(pk=applicatie.pk)).data
        return Response(data, status=status.HTTP_201_CREATED, headers=self.get_success_headers(data))

    def update(self, request, *args, partial: bool = False, **kwargs):
        instance = self.get_object()
        serializer = self.get_serializer(instance, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        services.update_applicatie(instance, self._changes(serializer.validated_data), partial=partial, request=request)
        return Response(self.get_serializer(selectors.applicaties().get(pk=instance.pk)).data)

    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)

    def destroy(self, request, *args, **kwargs):
        services.delete_applicatie(self.get_object(), request=request)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="Vraag een applicatie op, op basis van clientId",
        parameters=[
            OpenApiParameter(
                "clientId",
                str,
                required=True,
                description="Geef het client ID op waarvoor je de applicatie wil opvragen.",
            )
        ],
        responses={200: ApplicatieSerializer},
        filters=False,
    )
    @action(detail=False, methods=["get"], pagination_class=None, filterset_class=None)
    def consumer(self, request, *args, **kwargs):
        """One Applicatie object for a client id (DECISIONS.md), 404 when none has it."""
        client_id = request.query_params.get("clientId")
        if not client_id:
            raise exceptions.ValidationError(
                {"clientId": [exceptions.ErrorDetail("Dit veld is vereist.", code="required")]}
            )
        applicatie = selectors.applicatie_for_client_id(client_id)
        if applicatie is None:
            raise exceptions.NotFound()
        return Response(self.get_serializer(applicatie).data)

    @staticmethod
    def _changes(validated: dict) -> dict:
        return {FIELD_MAP[key]: value for key, value in validated.items() if key in FIELD_MAP}
