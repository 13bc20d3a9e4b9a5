"""Besluiten API 1.1.0 endpoints: thin — parse, call a service or selector, serialize."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.response import Response

from zgw.common.audit_api import AuditTrailViewSet
from zgw.common.permissions import Scope, required_scope
from zgw.common.references import is_valid_url
from zgw.common.viewsets import ZGWGenericViewSet

from .. import rules, selectors, services
from ..constants import COMPONENT
from ..models import Besluit
from . import expand
from .expand import EXPAND_PARAMETER
from .filters import BesluitFilter, BesluitInformatieObjectFilter
from .kinds import BESLUIT, BIO
from .schema import write_headers
from .serializers import (
    BesluitExpandedSerializer,
    BesluitInformatieObjectExpandedSerializer,
    BesluitInformatieObjectSerializer,
    BesluitSerializer,
)

LEZEN = Scope("besluiten.lezen")
AANMAKEN = Scope("besluiten.aanmaken")
BIJWERKEN = Scope("besluiten.bijwerken")
VERWIJDEREN = Scope("besluiten.verwijderen")
AUDITTRAILS = Scope("audittrails.lezen")


class BesluitenViewMixin:
    """What every Besluiten endpoint shares: component ``brc``, autorisatie per besluittype, no outer transaction.

    The services open their own transactions: a mirror on a remote API is written after our rows are committed
    (the remote API reads them back), which an outer request-wide transaction would prevent.
    """

    component = COMPONENT

    def dispatch(self, request, *args, **kwargs):
        return viewsets.GenericViewSet.dispatch(self, request, *args, **kwargs)

    def get_extra_schema_parameters(self, method: str, action_name: str | None) -> list:
        return write_headers(method)

    def besluit_of(self, obj) -> Besluit:
        return obj

    def get_autorisatie_subject(self, obj) -> tuple[str, str]:
        return rules.besluittype_url(self.besluit_of(obj), self.request), ""

    def render(self, obj) -> dict:
        return self.get_serializer_class()(obj, context=self.get_serializer_context()).data


@extend_schema_view(
    list=extend_schema(
        summary="Alle BESLUITen opvragen.",
        description="Deze lijst kan gefilterd wordt met query-string parameters.",
        responses=BesluitExpandedSerializer(many=True),
    ),
    retrieve=extend_schema(summary="Een specifiek BESLUIT opvragen.", responses=BesluitExpandedSerializer),
    create=extend_schema(summary="Maak een BESLUIT aan."),
    update=extend_schema(summary="Werk een BESLUIT in zijn geheel bij."),
    partial_update=extend_schema(summary="Werk een BESLUIT deels bij."),
    destroy=extend_schema(summary="Verwijder een BESLUIT."),
)  # fmt: skip
class BesluitViewSet(BesluitenViewMixin, ZGWGenericViewSet):
    """Besluiten: decisions, typed by a besluittype, optionally the outcome of a zaak."""

    serializer_class = BesluitSerializer
    filterset_class = BesluitFilter
    required_scopes = {
        "list": LEZEN,
        "retrieve": LEZEN,
        "create": AANMAKEN,
        "update": BIJWERKEN,
        "partial_update": BIJWERKEN,
        "destroy": VERWIJDEREN,
    }
    operation_ids = {
        "list": "besluit_list",
        "retrieve": "besluit_read",
        "create": "besluit_create",
        "update": "besluit_update",
        "partial_update": "besluit_partial_update",
        "destroy": "besluit_delete",
    }

    extra_query_params = ("expand",)

    def get_extra_schema_parameters(self, method: str, action_name: str | None) -> list:
        if action_name in ("list", "retrieve"):
            return [EXPAND_PARAMETER]
        return write_headers(method)

    def get_queryset(self):
        qs = selectors.besluiten()
        if self.action == "list":
            qs = selectors.authorised_besluiten(qs, self.request, required_scope(self))
        return qs

    def list(self, request, *args, **kwargs):
        paths = expand.parse(request.query_params.get("expand"), BESLUIT)
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        data = self.get_serializer(page, many=True).data
        expand.expand(data, paths, BESLUIT, request)
        return self.get_paginated_response(data)

    def retrieve(self, request, *args, **kwargs):
        paths = expand.parse(request.query_params.get("expand"), BESLUIT)
        data = self.render(self.get_object())
        expand.expand(data, paths, BESLUIT, request)
        return Response(data)

    def create(self, request, *args, **kwargs):
        besluittype = request.data.get("besluittype") if isinstance(request.data, dict) else None
        if isinstance(besluittype, str) and is_valid_url(besluittype):
            rules.check_allowed(request, required_scope(self), besluittype)  # 403 before revealing validation
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        besluit = services.create_besluit(
            serializer.validated_data, request=request, render=self.render, scope=required_scope(self)
        )
        data = besluit.rendered  # rendered once by the service from what it wrote
        return Response(data, status=status.HTTP_201_CREATED, headers=self.get_success_headers(data))

    def update(self, request, *args, partial: bool = False, **kwargs):
        instance = self.get_object()
        serializer = self.get_serializer(instance, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        services.update_besluit(
            instance, serializer.validated_data, partial=partial, request=request, render=self.render
        )
        return Response(self.render(selectors.besluiten().get(pk=instance.pk)))

    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)

    def destroy(self, request, *args, **kwargs):
        services.delete_besluit(self.get_object(), request=request)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(
    list=extend_schema(
        summary="Alle BESLUIT-INFORMATIEOBJECT relaties opvragen.",
        responses=BesluitInformatieObjectExpandedSerializer(many=True),
    ),
    retrieve=extend_schema(
        summary="Een specifieke BESLUIT-INFORMATIEOBJECT relatie opvragen.",
        responses=BesluitInformatieObjectExpandedSerializer,
    ),
    create=extend_schema(summary="Maak een BESLUIT-INFORMATIEOBJECT relatie aan."),
    destroy=extend_schema(summary="Verwijder een BESLUIT-INFORMATIEOBJECT relatie."),
)
class BesluitInformatieObjectViewSet(BesluitenViewMixin, ZGWGenericViewSet):
    """The documents in which a besluit is recorded; mirrored as objectinformatieobjecten in Documenten."""

    serializer_class = BesluitInformatieObjectSerializer
    filterset_class = BesluitInformatieObjectFilter
    pagination_class = None
    http_method_names = ["get", "post", "delete", "options"]
    required_scopes = {"list": LEZEN, "retrieve": LEZEN, "create": AANMAKEN, "destroy": VERWIJDEREN}
    operation_ids = {
        "list": "besluitinformatieobject_list",
        "retrieve": "besluitinformatieobject_read",
        "create": "besluitinformatieobject_create",
        "destroy": "besluitinformatieobject_delete",
    }

    def besluit_of(self, obj) -> Besluit:
        return obj.besluit

    def get_queryset(self):
        qs = selectors.besluitinformatieobjecten()
        if self.action == "list":
            qs = selectors.authorised_besluitinformatieobjecten(qs, self.request, required_scope(self))
        return qs

    extra_query_params = ("expand",)

    def get_extra_schema_parameters(self, method: str, action_name: str | None) -> list:
        if action_name in ("list", "retrieve"):
            return [EXPAND_PARAMETER]
        return write_headers(method)

    def list(self, request, *args, **kwargs):
        paths = expand.parse(request.query_params.get("expand"), BIO)
        data = self.get_serializer(self.filter_queryset(self.get_queryset()), many=True).data
        expand.expand(data, paths, BIO, request)
        return Response(data)

    def retrieve(self, request, *args, **kwargs):
        paths = expand.parse(request.query_params.get("expand"), BIO)
        data = self.render(self.get_object())
        expand.expand(data, paths, BIO, request)
        return Response(data)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        bio = services.create_besluitinformatieobject(
            serializer.validated_data["besluit"],
            serializer.validated_data["informatieobject"],
            request=request,
            render=self.render,
            scope=required_scope(self),
        )
        data = bio.rendered  # rendered once by the service from what it wrote
        return Response(data, status=status.HTTP_201_CREATED, headers=self.get_success_headers(data))

    def destroy(self, request, *args, **kwargs):
        services.delete_besluitinformatieobject(self.get_object(), request=request, render=self.render)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(
    list=extend_schema(
        summary="Alle audit trail regels behorend bij het BESLUIT.",
        description="Alle audit trail regels behorend bij het BESLUIT.",
    ),
    retrieve=extend_schema(summary="Een specifieke audit trail regel opvragen."),
)
class BesluitAuditTrailViewSet(BesluitenViewMixin, AuditTrailViewSet):
    bron = "brc"
    main_lookup_kwarg = "besluit_uuid"
    required_scopes = {"list": AUDITTRAILS, "retrieve": AUDITTRAILS}
    operation_ids = {"list": "audittrail_list", "retrieve": "audittrail_read"}

    def besluit_of(self, obj) -> Besluit:
        return self.get_main_object()

    def get_main_object(self) -> Besluit:
        """The besluit of the trail: 404 when unknown, 403 when the client may not see it."""
        cached = getattr(self, "_besluit", None)
        if cached is not None:
            return cached
        besluit = selectors.besluiten().filter(uuid=self.kwargs[self.main_lookup_kwarg]).first()
        if besluit is None:
            raise Http404
        self._besluit = besluit
        self.check_object_permissions(self.request, besluit)
        return besluit
