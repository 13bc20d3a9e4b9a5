"""Catalogi API 1.3.3 endpoints: thin views over the selectors and services."""

from __future__ import annotations

import datetime

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, status
from rest_framework.decorators import action
from rest_framework.response import Response

from zgw.common import precompiled
from zgw.common.filters import URLReferenceFilter
from zgw.common.permissions import Scope, ZGWPermission
from zgw.common.schema import ZGWAutoSchema
from zgw.common.viewsets import RetrieveWithETagMixin, ZGWGenericViewSet

from .. import relations, selectors, services
from . import expand as catalogi_expand
from . import filters as f
from . import serializers as s

LEZEN = Scope("catalogi.lezen")
SCHRIJVEN = Scope("catalogi.schrijven")
GEFORCEERD_SCHRIJVEN = Scope("catalogi.geforceerd-schrijven")
GEFORCEERD_VERWIJDEREN = Scope("catalogi.geforceerd-verwijderen")
ZAAKTYPE_LEZEN = LEZEN | Scope("documenten.lezen") | Scope("zaken.lezen")


class CatalogiPermission(ZGWPermission):
    """ztc-014: reading with ``zaken.lezen`` (a zrc autorisatie) or ``documenten.lezen`` (drc) counts as
    ``catalogi.lezen``."""

    def has_permission(self, request, view) -> bool:
        if super().has_permission(request, view):
            return True
        client = request.auth
        if request.method not in ("GET", "HEAD") or client is None or request.user is None:
            return False
        return "zaken.lezen" in client.scopes_for("zrc") or "documenten.lezen" in client.scopes_for("drc")


class CatalogiAutoSchema(ZGWAutoSchema):
    """Operation ids as in the OAS (``zaaktype_list`` … ``zaaktype_headers``, ``zaaktype_publish``)."""

    def get_operation_id(self):
        prefix = getattr(self.view, "operation_prefix", "")
        if not prefix:
            return super().get_operation_id()
        if self.method == "HEAD":
            return f"{prefix}_headers"
        return f"{prefix}_{getattr(self.view, 'action', '') or 'retrieve'}"


def _scopes(*, create_forced: bool, read: Scope = LEZEN, publish: bool = False) -> dict:
    scopes = {
        "list": read,
        "retrieve": read,
        "create": SCHRIJVEN | GEFORCEERD_SCHRIJVEN if create_forced else SCHRIJVEN,
        "update": SCHRIJVEN | GEFORCEERD_SCHRIJVEN,
        "partial_update": SCHRIJVEN | GEFORCEERD_SCHRIJVEN,
        "destroy": SCHRIJVEN | GEFORCEERD_VERWIJDEREN,
    }
    if publish:
        scopes["publish"] = SCHRIJVEN
    return scopes


class CatalogiViewSet(RetrieveWithETagMixin, ZGWGenericViewSet):
    """Shared flow: validate the shape → service (rules + write) → answer the fresh representation."""

    component = "ztc"
    etag_enabled = True
    schema = CatalogiAutoSchema()
    operation_prefix = ""
    permission_classes = [CatalogiPermission]
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]
    write_serializer_class = None
    prefix = ""

    patch_serializer_class = None
    update_serializer_class = None
    extra_query_params = ("expand",)
    # the kind of this resource in the expand graph (api/expand.py) and for the relations by name (relations.py)
    expand_kind = ""
    by_name_kind = ""

    def get_object(self):
        """A detail read runs the SQL compiled once per viewset (``get_queryset`` has one shape per viewset and the
        filter backend leaves details alone); writes lock and load as DRF does."""
        if self.action != "retrieve":
            return super().get_object()
        obj = precompiled.get_by(type(self), self.get_queryset(), self.lookup_field, self.kwargs[self.lookup_field])
        if obj is None:
            raise Http404
        self.check_object_permissions(self.request, obj)
        return obj

    def get_serializer_class(self):
        if self.action == "partial_update" and self.patch_serializer_class:
            return self.patch_serializer_class
        if self.action == "update" and self.update_serializer_class:
            return self.update_serializer_class
        if self.action in ("create", "update", "partial_update") and self.write_serializer_class:
            return self.write_serializer_class
        return self.serializer_class

    def get_extra_schema_parameters(self, method: str, action_name: str | None) -> list[OpenApiParameter]:
        """The headers the OAS documents (Content-Type on writes, If-None-Match on details) and the URL format of
        URL filters."""
        params: list[OpenApiParameter] = []
        if method == "get" and action_name in ("list", "retrieve") and self.expand_kind:
            params.append(catalogi_expand.EXPAND_PARAMETER)
        if method in ("post", "put", "patch"):
            params.append(
                OpenApiParameter(
                    "Content-Type",
                    str,
                    OpenApiParameter.HEADER,
                    required=True,
                    enum=["application/json"],
                    description="Content type van de verzoekinhoud.",
                )
            )
        if method in ("get", "head") and action_name == "retrieve":
            params.append(
                OpenApiParameter(
                    "If-None-Match",
                    str,
                    OpenApiParameter.HEADER,
                    required=False,
                    description="Voer een voorwaardelijk verzoek uit. Deze header moet één of meerdere ETag-waardes "
                    "bevatten van resources die de consumer gecached heeft.",
                )
            )
        if action_name == "list" and getattr(self, "filterset_class", None):
            for name, flt in self.filterset_class.base_filters.items():
                if isinstance(flt, URLReferenceFilter) or name == "objecttype":
                    params.append(OpenApiParameter(name, OpenApiTypes.URI, description=flt.label or ""))
                elif name == "anderObjecttype":
                    params.append(OpenApiParameter(name, str, enum=["true", "false"]))
        return params

    def get_queryset(self):  # pragma: no cover - overridden
        raise NotImplementedError

    def _forced(self, scope: str) -> bool:
        client = self.request.auth
        return bool(client) and (client.heeft_alle_autorisaties or scope in client.scopes_for("ztc"))

    @property
    def geforceerd_schrijven(self) -> bool:
        return self._forced("catalogi.geforceerd-schrijven")

    @property
    def geforceerd_verwijderen(self) -> bool:
        return self._forced("catalogi.geforceerd-verwijderen")

    answer_serializer_class = None  # the create's answer, when it differs (POST /besluittypen)

    def _answer(self, obj, code=status.HTTP_200_OK) -> Response:
        fresh = self.get_queryset().get(pk=obj.pk)
        serializer_class = self.serializer_class
        if code == status.HTTP_201_CREATED and self.answer_serializer_class:
            serializer_class = self.answer_serializer_class
        data = serializer_class(fresh, context=self.get_serializer_context()).data
        headers = self.get_success_headers(data) if code == status.HTTP_201_CREATED else {}
        return Response(data, status=code, headers=headers)

    def reference_date(self) -> datetime.date | None:
        """The date the relations by name are answered for: the ``datumGeldigheid`` query parameter, else today."""
        raw = self.request.query_params.get("datumGeldigheid") or self.request.query_params.get("datum_geldigheid")
        if not raw:
            return None
        try:
            return datetime.date.fromisoformat(raw)
        except ValueError as exc:
            raise exceptions.ValidationError(
                {"datumGeldigheid": [exceptions.ErrorDetail("Voer een geldige datum in.", code="invalid")]}
            ) from exc

    def _render(self, objs: list, request) -> list[dict]:
        """Serialize ``objs`` (relations by name resolved for all of them at once) and embed ``expand``."""
        paths = catalogi_expand.parse(request.query_params.get("expand"), self.expand_kind)
        if self.by_name_kind:
            relations.annotate(objs, self.by_name_kind, self.reference_date(), request)
        data = [
            dict(item) for item in self.serializer_class(objs, many=True, context=self.get_serializer_context()).data
        ]
        catalogi_expand.expand(data, self.expand_kind, paths, request)
        return data

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(self._render(list(page), request))

    def retrieve(self, request, *args, **kwargs):
        data = self._render([self.get_object()], request)[0]
        return self._etag_response(request, data)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        obj = self.perform_write(None, dict(serializer.validated_data), partial=False)
        return self._answer(obj, status.HTTP_201_CREATED)

    def update(self, request, *args, partial: bool = False, **kwargs):
        instance = self.get_object()
        serializer = self.get_serializer(instance, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        obj = self.perform_write(instance, dict(serializer.validated_data), partial=partial)
        return self._answer(obj)

    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)

    def destroy(self, request, *args, **kwargs):
        self.perform_remove(self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

    def perform_write(self, instance, data: dict, *, partial: bool):  # pragma: no cover - overridden
        raise NotImplementedError

    def perform_remove(self, instance) -> None:
        services.delete_subtype(instance, geforceerd=self.geforceerd_verwijderen, request=self.request)


def _crud_schema(
    name: str,
    read,
    write=None,
    *,
    patch_body: bool = True,
    put_body: bool = True,
    patch=None,
    put_response=None,
    put_write=None,
    create_response=None,
):
    write = write or read
    patch = patch or write
    return extend_schema_view(
        list=extend_schema(summary=f"Alle {name} opvragen."),
        retrieve=extend_schema(summary=f"Een specifieke {name} opvragen."),
        create=extend_schema(summary=f"Maak een {name} aan.", request=write, responses={201: create_response or read}),
        update=extend_schema(
            summary=f"Werk een {name} in zijn geheel bij.",
            request=(put_write or write) if put_body else None,
            responses={200: (put_response or read) if put_body else None},
        ),
        partial_update=extend_schema(
            summary=f"Werk een {name} deels bij.",
            request=patch if patch_body else None,
            responses={200: read if patch_body else None},
        ),
        destroy=extend_schema(summary=f"Verwijder een {name}.", responses={204: None}),
    )


def _publish_action(read_serializer, *, with_body: bool = False):
    @extend_schema(
        summary="Publiceer het concept.",
        request={"application/json": {"type": "object", "additionalProperties": {}}} if with_body else None,
        responses={200: read_serializer},
        filters=False,
    )
    @action(detail=True, methods=["post"], filterset_class=None, pagination_class=None)
    def publish(self, request, *args, **kwargs):
        instance = self.get_object()
        services.publish(instance, request=request)
        return self._answer(instance)

    publish.__name__ = "publish"
    return publish


# --- Catalogussen -----------------------------------------------------------------------------------------------


@_crud_schema("catalogus", s.CatalogusSerializer, put_write=s.CatalogusUpdateSerializer)
class CatalogusViewSet(CatalogiViewSet):
    operation_prefix = "catalogus"
    serializer_class = s.CatalogusSerializer
    update_serializer_class = s.CatalogusUpdateSerializer
    filterset_class = f.CatalogusFilter
    expand_kind = "catalogus"
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    required_scopes = {
        "list": LEZEN,
        "retrieve": LEZEN,
        "create": SCHRIJVEN,
        "update": SCHRIJVEN | GEFORCEERD_SCHRIJVEN,
        "partial_update": SCHRIJVEN | GEFORCEERD_SCHRIJVEN,
    }

    def get_queryset(self):
        return selectors.catalogus_queryset()

    def perform_write(self, instance, data, *, partial):
        if instance is None:
            return services.create_catalogus(data, request=self.request)
        return services.update_catalogus(instance, data, geforceerd=self.geforceerd_schrijven, request=self.request)


# --- Main types -------------------------------------------------------------------------------------------------


@_crud_schema(
    "zaaktype",
    s.ZaakTypeSerializer,
    s.ZaakTypeCreateSerializer,
    patch_body=False,
    put_write=s.ZaakTypeUpdateSerializer,
)
class ZaakTypeViewSet(CatalogiViewSet):
    operation_prefix = "zaaktype"
    serializer_class = s.ZaakTypeSerializer
    write_serializer_class = s.ZaakTypeCreateSerializer
    update_serializer_class = s.ZaakTypeUpdateSerializer
    filterset_class = f.ZaakTypeFilter
    expand_kind = by_name_kind = "zaaktype"
    required_scopes = _scopes(create_forced=False, read=ZAAKTYPE_LEZEN, publish=True)

    def get_queryset(self):
        return selectors.zaaktype_queryset()

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "datumGeldigheid",
                str,
                description="filter op datumGeldigheid voor het zelf en alle onderliggende objecten",
                deprecated=True,
            )
        ]
    )
    def retrieve(self, request, *args, **kwargs):
        """``datumGeldigheid`` (deprecated in 1.3.2): the relations by name are answered as the versions valid on
        that date."""
        return super().retrieve(request, *args, **kwargs)

    def perform_write(self, instance, data, *, partial):
        if instance is None:
            return services.create_zaaktype(data, request=self.request)
        return services.update_zaaktype(
            instance, data, partial=partial, geforceerd=self.geforceerd_schrijven, request=self.request
        )

    def perform_remove(self, instance) -> None:
        services.delete_zaaktype(instance, geforceerd=self.geforceerd_verwijderen, request=self.request)

    publish = _publish_action(s.ZaakTypeSerializer, with_body=True)


@_crud_schema("informatieobjecttype", s.InformatieObjectTypeSerializer, patch_body=False, put_body=False)
class InformatieObjectTypeViewSet(CatalogiViewSet):
    operation_prefix = "informatieobjecttype"
    serializer_class = s.InformatieObjectTypeSerializer
    filterset_class = f.InformatieObjectTypeFilter
    expand_kind = by_name_kind = "informatieobjecttype"
    required_scopes = _scopes(create_forced=False, publish=True)

    def get_queryset(self):
        return selectors.informatieobjecttype_queryset()

    def perform_write(self, instance, data, *, partial):
        if instance is None:
            return services.create_informatieobjecttype(data, request=self.request)
        return services.update_informatieobjecttype(
            instance, data, partial=partial, geforceerd=self.geforceerd_schrijven, request=self.request
        )

    def perform_remove(self, instance) -> None:
        services.delete_informatieobjecttype(instance, geforceerd=self.geforceerd_verwijderen, request=self.request)

    publish = _publish_action(s.InformatieObjectTypeSerializer)


@_crud_schema(
    "besluittype",
    s.BesluitTypeSerializer,
    s.BesluitTypeCreateSerializer,
    patch_body=False,
    create_response=s.BesluitTypePostResponseSerializer,
)
class BesluitTypeViewSet(CatalogiViewSet):
    operation_prefix = "besluittype"
    serializer_class = s.BesluitTypeSerializer
    write_serializer_class = s.BesluitTypeCreateSerializer
    answer_serializer_class = s.BesluitTypePostResponseSerializer
    filterset_class = f.BesluitTypeFilter
    expand_kind = by_name_kind = "besluittype"
    required_scopes = _scopes(create_forced=False, publish=True)

    def get_queryset(self):
        return selectors.besluittype_queryset()

    def perform_write(self, instance, data, *, partial):
        if instance is None:
            return services.create_besluittype(data, request=self.request, geforceerd=self.geforceerd_schrijven)
        return services.update_besluittype(
            instance, data, partial=partial, geforceerd=self.geforceerd_schrijven, request=self.request
        )

    def perform_remove(self, instance) -> None:
        services.delete_besluittype(instance, geforceerd=self.geforceerd_verwijderen, request=self.request)

    publish = _publish_action(s.BesluitTypeSerializer)


# --- Sub-types --------------------------------------------------------------------------------------------------


class SubTypeViewSet(CatalogiViewSet):
    required_scopes = _scopes(create_forced=True)
    save = None

    def perform_write(self, instance, data, *, partial):
        return type(self).save(instance, data, geforceerd=self.geforceerd_schrijven, request=self.request)


@_crud_schema("statustype", s.StatusTypeSerializer)
class StatusTypeViewSet(SubTypeViewSet):
    operation_prefix = "statustype"
    serializer_class = s.StatusTypeSerializer
    filterset_class = f.StatusTypeFilter
    expand_kind = "statustype"
    save = staticmethod(services.save_statustype)

    def get_queryset(self):
        return selectors.statustype_queryset()


@_crud_schema("roltype", s.RolTypeSerializer)
class RolTypeViewSet(SubTypeViewSet):
    operation_prefix = "roltype"
    serializer_class = s.RolTypeSerializer
    filterset_class = f.RolTypeFilter
    expand_kind = "roltype"
    save = staticmethod(services.save_roltype)

    def get_queryset(self):
        return selectors.roltype_queryset()


@_crud_schema(
    "resultaattype",
    s.ResultaatTypeSerializer,
    s.ResultaatTypeCreateSerializer,
    patch=s.ResultaatTypeSerializer,
    put_response=s.ResultaatTypeUpdateSerializer,
)
class ResultaatTypeViewSet(SubTypeViewSet):
    operation_prefix = "resultaattype"
    serializer_class = s.ResultaatTypeSerializer
    write_serializer_class = s.ResultaatTypeCreateSerializer
    patch_serializer_class = s.ResultaatTypeSerializer
    filterset_class = f.ResultaatTypeFilter
    expand_kind = "resultaattype"
    save = staticmethod(services.save_resultaattype)

    def get_queryset(self):
        return selectors.resultaattype_queryset()


@_crud_schema("eigenschap", s.EigenschapSerializer)
class EigenschapViewSet(SubTypeViewSet):
    operation_prefix = "eigenschap"
    serializer_class = s.EigenschapSerializer
    filterset_class = f.EigenschapFilter
    expand_kind = "eigenschap"
    save = staticmethod(services.save_eigenschap)

    def get_queryset(self):
        return selectors.eigenschap_queryset()


@_crud_schema("zaakobjecttype", s.ZaakObjectTypeSerializer)
class ZaakObjectTypeViewSet(SubTypeViewSet):
    operation_prefix = "zaakobjecttype"
    serializer_class = s.ZaakObjectTypeSerializer
    filterset_class = f.ZaakObjectTypeFilter
    expand_kind = "zaakobjecttype"
    save = staticmethod(services.save_zaakobjecttype)

    def get_queryset(self):
        return selectors.zaakobjecttype_queryset()


@_crud_schema("zaaktype-informatieobjecttype", s.ZaakTypeInformatieObjectTypeSerializer)
class ZaakTypeInformatieObjectTypeViewSet(SubTypeViewSet):
    operation_prefix = "zaakinformatieobjecttype"
    serializer_class = s.ZaakTypeInformatieObjectTypeSerializer
    filterset_class = f.ZIOTFilter
    expand_kind = "zaaktypeinformatieobjecttype"
    by_name_kind = "ziot"
    save = staticmethod(services.save_ziot)

    def get_queryset(self):
        return selectors.ziot_queryset()
