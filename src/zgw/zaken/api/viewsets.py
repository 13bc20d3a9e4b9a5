"""Zaken API 1.7.0 endpoints of the zaak (thin: parse → service/selector → render); the resources under a zaak
are in subviewsets.py (re-exported here for the URL configuration)."""

from __future__ import annotations

import functools

from django.db import connection
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from zgw.common import listcache
from zgw.common.errors import validate_in_one_stage
from zgw.common.viewsets import RetrieveWithETagMixin, ZGWGenericViewSet

from .. import selectors, services, typeinfo
from ..models import (
    Zaak,
)
from ..services import (
    SCOPE_AANMAKEN,
    SCOPE_LEZEN,
    SCOPE_VERWIJDEREN,
)
from . import filters, rows, serializers
from .crs import CrsMixin
from .expand import expand
from .schema import ZakenAutoSchema
from .subviewsets import (
    WRITE,
    KlantContactViewSet,
    ResultaatViewSet,
    RolViewSet,
    StatusViewSet,
    ZaakAuditTrailViewSet,
    ZaakBesluitViewSet,
    ZaakChildViewSet,
    ZaakContactMomentViewSet,
    ZaakEigenschapViewSet,
    ZaakInformatieObjectViewSet,
    ZaakObjectViewSet,
    ZaakVerzoekViewSet,
    _check_body,
)

__all__ = [
    "KlantContactViewSet",
    "ResultaatViewSet",
    "RolViewSet",
    "StatusViewSet",
    "ZaakAuditTrailViewSet",
    "ZaakBesluitViewSet",
    "ZaakChildViewSet",
    "ZaakContactMomentViewSet",
    "ZaakEigenschapViewSet",
    "ZaakInformatieObjectViewSet",
    "ZaakObjectViewSet",
    "ZaakVerzoekViewSet",
    "ZaakViewSet",
]


@extend_schema_view(
    list=extend_schema(responses=serializers.ZaakExpandedSerializer(many=True)),
    retrieve=extend_schema(responses=serializers.ZaakExpandedSerializer),
)
class ZaakViewSet(CrsMixin, RetrieveWithETagMixin, ZGWGenericViewSet):
    geo = True
    extra_error_statuses = (412,)
    operation_prefix = "zaak"
    schema = ZakenAutoSchema()
    component = "zrc"
    serializer_class = serializers.ZaakSerializer
    filterset_class = filters.ZaakFilter
    etag_enabled = True
    extra_query_params = ("expand",)
    required_scopes = {
        "list": SCOPE_LEZEN,
        "retrieve": SCOPE_LEZEN,
        "_zoek": SCOPE_LEZEN,
        "create": SCOPE_AANMAKEN,
        "update": WRITE,
        "partial_update": WRITE,
        "destroy": SCOPE_VERWIJDEREN,
    }

    def get_queryset(self):
        qs = selectors.zaken()
        if self.action in ("list", "_zoek"):
            qs = selectors.authorised(qs, self.request, SCOPE_LEZEN)
        return qs

    def get_autorisatie_subject(self, obj):
        return typeinfo.zaaktype_url(obj, self.request), obj.vertrouwelijkheidaanduiding

    def render(self, obj) -> dict:
        return rows.render_zaak(obj, self.request)

    def list(self, request, *args, **kwargs):
        data = self._page(self.filter_queryset)
        expand(data, request.query_params.get("expand"), request)
        return self.get_paginated_response(data)

    def _page(self, narrow) -> list[dict]:
        """The zaken of the requested page of ``narrow(visible zaken)`` (list filters or a ``_zoek`` body).

        PostgreSQL: the ids come from the lean queryset (no joins, no subqueries; kept by the list cache), then the
        page's rows from ``zaak_rows`` rendered by ``api/rows.py``. Elsewhere: the serializer on the annotated queryset.
        """
        if connection.vendor != "postgresql":
            return self.get_serializer(self.paginate_queryset(narrow(self.get_queryset())), many=True).data
        lean = selectors.authorised(Zaak.objects.all(), self.request, SCOPE_LEZEN)
        ids = self.paginate_queryset(listcache.ids(narrow(lean), tags=("zaken", "catalogi")))
        return rows.render_rows(selectors.zaak_rows(ids), self.request)

    def retrieve(self, request, *args, **kwargs):
        data = self.render(self.get_object())
        value = request.query_params.get("expand")
        expand(data, value, request)
        return self._etag_response(request, data)

    def create(self, request, *args, **kwargs):
        _check_body(request)
        serializer = self.get_serializer(data=request.data)
        values = validate_in_one_stage(serializer, functools.partial(services.check_create_zaak_rules, request=request))
        zaak = services.create_zaak(values, request=request, render=self.render)
        data = zaak.rendered
        return Response(data, status=status.HTTP_201_CREATED, headers=self.get_success_headers(data))

    def update(self, request, *args, partial: bool = False, **kwargs):
        instance = self.get_object()
        _check_body(request)
        serializer = self.get_serializer(instance, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        services.update_zaak(
            instance, dict(serializer.validated_data), request=request, render=self.render, partial=partial
        )
        return Response(self.render(selectors.zaken().get(pk=instance.pk)))

    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)

    def destroy(self, request, *args, **kwargs):
        services.destroy_zaak(self.get_object(), request=request)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        operation_id="zaak__zoek",
        summary="Voer een (geo)-zoekopdracht uit op ZAAKen.",
        request=serializers.ZaakZoekSerializer,
        responses={200: serializers.ZaakExpandedSerializer(many=True)},
        filters=False,
    )
    @action(detail=False, methods=["post"], url_path="_zoek")
    def _zoek(self, request, *args, **kwargs):
        from . import fields
        from .search import search

        tree = fields.selection(request)  # zrc-029; 400 beside expand
        if tree is not None:
            return self.get_paginated_response(fields.render_page(self, tree, lambda qs: search(qs, request)))
        data = self._page(lambda qs: search(qs, request))
        values = [v for v in (request.query_params.get("expand"), request.data.get("expand")) if v]
        expand(data, ",".join(v for v in values if isinstance(v, str)) or (values[0] if values else None), request)
        return self.get_paginated_response(data)
