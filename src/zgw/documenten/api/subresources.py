"""Documenten API 1.7.0: gebruiksrechten, objectinformatieobjecten, verzendingen and bestandsdelen."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from zgw.common.viewsets import ZGWGenericViewSet

from .. import selectors, services
from ..models import VERZENDING_GROUP_COLUMNS, Verzending
from .expand import SUB_EXPAND, parse_expand
from .filters import GebruiksrechtenFilter, ObjectInformatieObjectFilter, VerzendingFilter
from .schema import content_type
from .serializers import (
    BestandsDeelResponseSerializer,
    BestandsDeelUploadSerializer,
    GebruiksrechtenExpandedSerializer,
    GebruiksrechtenSerializer,
    ObjectInformatieObjectExpandedSerializer,
    ObjectInformatieObjectSerializer,
    VerzendingExpandedSerializer,
    VerzendingSerializer,
)
from .viewsets import AANMAKEN, BIJWERKEN, EXPAND_PARAM, LEZEN, VERWIJDEREN, DocumentViewMixin

CRUD_SCOPES = {
    "list": LEZEN,
    "retrieve": LEZEN,
    "create": AANMAKEN,
    "update": BIJWERKEN,
    "partial_update": BIJWERKEN,
    "destroy": VERWIJDEREN,
}


class SubResourceViewSet(DocumentViewMixin, ZGWGenericViewSet):
    """Common handling of resources that hang off a document (authorised through it)."""

    etag_enabled = True
    required_scopes = CRUD_SCOPES
    expanded_serializer_class = None
    extra_query_params: tuple[str, ...] = ()

    def get_expand(self) -> frozenset[str]:
        if "expand" not in self.extra_query_params:
            return frozenset()
        return parse_expand(self.request.query_params.get("expand"), SUB_EXPAND)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context.setdefault("expand", frozenset())
        return context

    def _expanded(self, instance, many: bool = False):
        cls = self.expanded_serializer_class or self.serializer_class
        context = {**self.get_serializer_context(), "expand": self.get_expand()}
        return cls(instance, many=many, context=context).data

    def _render(self, instance) -> dict:
        return dict(self.serializer_class(instance, context=self.get_serializer_context()).data)

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.visible_queryset())
        if "informatieobject" in self.get_expand():
            queryset = selectors.with_expanded_document(queryset)
        if self.pagination_class is None:
            return Response(self._expanded(queryset, many=True))
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(self._expanded(page, many=True))

    def retrieve(self, request, *args, **kwargs):
        return self._etag_response(request, self._expanded(self.get_object()))

    def visible_queryset(self):  # pragma: no cover - abstract
        raise NotImplementedError

    def _validated(self, instance=None, partial: bool = False) -> dict:
        serializer = self.get_serializer(instance, data=self.request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def _check_document(self, document, scope) -> None:
        type_url, level = services.document_subject(document, self.request)
        services.check_allowed(self.request, scope, type_url, level)

    def _created(self, instance) -> Response:
        data = self.get_serializer(instance).data
        return Response(data, status=status.HTTP_201_CREATED, headers=self.get_success_headers(data))


@extend_schema_view(
    list=extend_schema(
        summary="Alle GEBRUIKSRECHTen opvragen.",
        parameters=[EXPAND_PARAM],
        responses=GebruiksrechtenExpandedSerializer(many=True),
    ),
    retrieve=extend_schema(
        summary="Een specifieke GEBRUIKSRECHT opvragen.",
        parameters=[EXPAND_PARAM],
        responses=GebruiksrechtenExpandedSerializer,
    ),
    create=extend_schema(summary="Maak een GEBRUIKSRECHT aan."),
    update=extend_schema(summary="Werk een GEBRUIKSRECHT in zijn geheel bij."),
    partial_update=extend_schema(summary="Werk een GEBRUIKSRECHT relatie deels bij."),
    destroy=extend_schema(summary="Verwijder een GEBRUIKSRECHT."),
)
class GebruiksrechtenViewSet(SubResourceViewSet):
    serializer_class = GebruiksrechtenSerializer
    expanded_serializer_class = GebruiksrechtenExpandedSerializer
    filterset_class = GebruiksrechtenFilter
    pagination_class = None
    audit_headers = True
    operation_prefix = "gebruiksrechten"
    extra_query_params = ("expand",)

    def get_queryset(self):
        return selectors.gebruiksrechten()

    def visible_queryset(self):
        return selectors.gebruiksrechten(self.request.auth, LEZEN, self.request)

    def create(self, request, *args, **kwargs):
        data = self._validated()
        self._check_document(data["informatieobject"], AANMAKEN)
        recht = services.create_gebruiksrechten(data, request=request, render=self._render)
        return self._created(recht)

    def update(self, request, *args, partial: bool = False, **kwargs):
        recht = self.get_object()
        data = self._validated(recht, partial)
        recht = services.update_gebruiksrechten(recht, data, partial=partial, request=request, render=self._render)
        return Response(self.get_serializer(recht).data)

    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)

    def destroy(self, request, *args, **kwargs):
        services.destroy_gebruiksrechten(self.get_object(), request=request, render=self._render)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(
    list=extend_schema(
        summary="Alle OBJECT-INFORMATIEOBJECT relaties opvragen.",
        parameters=[EXPAND_PARAM],
        responses=ObjectInformatieObjectExpandedSerializer(many=True),
    ),
    retrieve=extend_schema(
        summary="Een specifieke OBJECT-INFORMATIEOBJECT relatie opvragen.",
        parameters=[EXPAND_PARAM],
        responses=ObjectInformatieObjectExpandedSerializer,
    ),
    create=extend_schema(summary="Maak een OBJECT-INFORMATIEOBJECT relatie aan."),
    destroy=extend_schema(summary="Verwijder een OBJECT-INFORMATIEOBJECT relatie."),
)
class ObjectInformatieObjectViewSet(SubResourceViewSet):
    serializer_class = ObjectInformatieObjectSerializer
    expanded_serializer_class = ObjectInformatieObjectExpandedSerializer
    filterset_class = ObjectInformatieObjectFilter
    pagination_class = None
    operation_prefix = "objectinformatieobject"
    extra_query_params = ("expand",)
    http_method_names = ["get", "post", "delete", "head", "options"]

    def get_queryset(self):
        return selectors.objectinformatieobjecten()

    def visible_queryset(self):
        return selectors.objectinformatieobjecten(self.request.auth, LEZEN, self.request)

    def create(self, request, *args, **kwargs):
        data = self._validated()
        self._check_document(data["informatieobject"], AANMAKEN)
        oio = services.create_objectinformatieobject(
            informatieobject=data["informatieobject"],
            object_type=data["object_type"],
            url=data["object"],
            request=request,
        )
        return self._created(oio)

    def destroy(self, request, *args, **kwargs):
        services.destroy_objectinformatieobject(self.get_object(), request=request)
        return Response(status=status.HTTP_204_NO_CONTENT)


def verzending_values(data: dict) -> dict:
    """Validated Verzending data → model column values (address groups flattened; null clears a group)."""
    values = {}
    for name, value in data.items():
        columns = VERZENDING_GROUP_COLUMNS.get(name)
        if columns is None:
            values[name] = value
            continue
        group = value or {}
        for key, column in columns.items():
            empty = None if Verzending._meta.get_field(column).null else ""
            values[column] = group.get(key, empty)
    return values


@extend_schema_view(
    list=extend_schema(
        summary="Alle VERZENDINGen opvragen.",
        parameters=[EXPAND_PARAM],
        responses=VerzendingExpandedSerializer(many=True),
    ),
    retrieve=extend_schema(
        summary="Een specifieke VERZENDING opvragen.",
        parameters=[EXPAND_PARAM],
        responses=VerzendingExpandedSerializer,
    ),
    create=extend_schema(summary="Maak een VERZENDING aan."),
    update=extend_schema(summary="Werk een VERZENDING in zijn geheel bij."),
    partial_update=extend_schema(summary="Werk een VERZENDING relatie deels bij."),
    destroy=extend_schema(summary="Verwijder een VERZENDING"),
)
class VerzendingViewSet(SubResourceViewSet):
    serializer_class = VerzendingSerializer
    expanded_serializer_class = VerzendingExpandedSerializer
    filterset_class = VerzendingFilter
    operation_prefix = "verzending"
    extra_query_params = ("expand",)

    def get_queryset(self):
        return selectors.verzendingen()

    def visible_queryset(self):
        return selectors.verzendingen(self.request.auth, LEZEN, self.request).order_by("id")

    def create(self, request, *args, **kwargs):
        data = self._validated()
        self._check_document(data["informatieobject"], AANMAKEN)
        verzending = services.save_verzending(
            Verzending(), verzending_values(data), actie="create", request=request, render=self._render
        )
        return self._created(verzending)

    def update(self, request, *args, partial: bool = False, **kwargs):
        verzending = self.get_object()
        data = self._validated(verzending, partial)
        if "informatieobject" in data and data["informatieobject"].pk != verzending.informatieobject_id:
            self._check_document(data["informatieobject"], BIJWERKEN)
        actie = "partial_update" if partial else "update"
        verzending = services.save_verzending(
            verzending, verzending_values(data), actie=actie, request=request, render=self._render
        )
        return Response(self.get_serializer(verzending).data)

    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)

    def destroy(self, request, *args, **kwargs):
        services.destroy_verzending(self.get_object(), request=request, render=self._render)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(
    update=extend_schema(
        summary="Upload een bestandsdeel.",
        request={
            "multipart/form-data": BestandsDeelUploadSerializer,
            "application/x-www-form-urlencoded": BestandsDeelUploadSerializer,
        },
        responses=BestandsDeelResponseSerializer,
        parameters=[content_type("application/x-www-form-urlencoded", "multipart/form-data")],
    ),
)
class BestandsDeelViewSet(DocumentViewMixin, ZGWGenericViewSet):
    """``PUT /bestandsdelen/{uuid}``: one part of a chunked upload, streamed to storage."""

    serializer_class = BestandsDeelResponseSerializer
    parser_classes = (MultiPartParser, FormParser)
    required_scopes = {"update": BIJWERKEN}
    operation_prefix = "bestandsdeel"
    json_body_actions = ()
    http_method_names = ["put", "options"]

    def get_queryset(self):
        return selectors.bestandsdelen()

    def update(self, request, *args, **kwargs):
        part = self.get_object()
        upload = BestandsDeelUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        part = services.upload_part(
            part, fileobj=upload.validated_data.get("inhoud"), lock=upload.validated_data["lock"]
        )
        return Response(BestandsDeelResponseSerializer(part, context=self.get_serializer_context()).data)
