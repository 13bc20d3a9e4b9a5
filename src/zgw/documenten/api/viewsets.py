"""Documenten API 1.7.0: enkelvoudiginformatieobjecten (with versions, download, lock/unlock, _zoek)."""

from __future__ import annotations

from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import ErrorDetail, NotFound, ValidationError
from rest_framework.response import Response

from zgw.common.audit_api import AuditTrailViewSet
from zgw.common.errors import collect_errors
from zgw.common.permissions import Scope, is_allowed_for, may_read_document, required_scope
from zgw.common.renderers import JSONRenderer
from zgw.common.viewsets import ZGWGenericViewSet

from .. import selectors, services
from ..typeinfo import from_reference
from . import render
from .expand import EIO_EXPAND, parse_expand
from .filters import OPEN_ZAAK_ALIASES, EnkelvoudigInformatieObjectFilter, official_names
from .renderers import AnyMediaTypeRenderer, BinaryRenderer
from .schema import DocumentenAutoSchema, standard_headers
from .serializers import (
    EIOZoekSerializer,
    EnkelvoudigInformatieObjectCreateLockSerializer,
    EnkelvoudigInformatieObjectExpandedSerializer,
    EnkelvoudigInformatieObjectSerializer,
    EnkelvoudigInformatieObjectWithLockSerializer,
    LockEnkelvoudigInformatieObjectSerializer,
    UnlockEnkelvoudigInformatieObjectSerializer,
)

LEZEN = Scope("documenten.lezen")
AANMAKEN = Scope("documenten.aanmaken")
BIJWERKEN = Scope("documenten.bijwerken")
GEFORCEERD_BIJWERKEN = Scope("documenten.geforceerd-bijwerken")
VERWIJDEREN = Scope("documenten.verwijderen")
LOCK = Scope("documenten.lock")
GEFORCEERD_UNLOCK = Scope("documenten.geforceerd-unlock")
AUDITTRAILS = Scope("audittrails.lezen")

VERSIE_PARAMS = [
    OpenApiParameter(
        "versie", int, OpenApiParameter.QUERY, description="Het (automatische) versienummer van het INFORMATIEOBJECT."
    ),
    OpenApiParameter(
        "registratieOp",
        str,
        OpenApiParameter.QUERY,
        description="Een datumtijd in ISO8601 formaat. De versie van het INFORMATIEOBJECT die qua "
        "`begin_registratie` het kortst hiervoor zit wordt opgehaald.",
    ),
]
EXPAND_PARAM = OpenApiParameter(
    "expand",
    str,
    OpenApiParameter.QUERY,
    description="Haal details van gelinkte resources direct op. Als je meerdere resources tegelijk wilt ophalen kun "
    "je deze scheiden met een komma. Voor het ophalen van resources die een laag dieper genest zijn wordt de "
    "punt-notatie gebruikt.",
)


class DocumentViewMixin:
    """Shared pieces of the document-centred viewsets: the autorisatie subject and schema conventions."""

    schema = DocumentenAutoSchema()
    component = "drc"
    json_body_actions: tuple[str, ...] = ("create", "update", "partial_update")
    audit_headers = False

    def get_extra_schema_parameters(self, method: str, action_name: str | None) -> list:
        return standard_headers(self, method, action_name)

    def document_of(self, obj):
        return obj.informatieobject

    def get_autorisatie_subject(self, obj) -> tuple[str, str]:
        return services.document_subject(self.document_of(obj), self.request)

    def check_object_permissions(self, request, obj) -> None:
        """Type and level (``ZGWPermission``), then Autorisaties 1.1.0: an application with
        ``alleenIsGereedVoorPublicatie`` reads only documents with ``isGereedVoorPublicatie = true`` (403 as any
        read it may not do); writes are not limited."""
        super().check_object_permissions(request, obj)
        ready = self.document_of(obj).is_gereed_voor_publicatie
        if not may_read_document(request.auth, ready, required_scope(self)):
            self.permission_denied(request)


def _versions_of(documents) -> list:
    return [render.latest(document) for document in documents]


@extend_schema_view(
    list=extend_schema(
        summary="Alle (ENKELVOUDIGe) INFORMATIEOBJECTen opvragen.",
        parameters=[EXPAND_PARAM],
        responses=EnkelvoudigInformatieObjectExpandedSerializer(many=True),
    ),
    retrieve=extend_schema(
        summary="Een specifiek (ENKELVOUDIG) INFORMATIEOBJECT opvragen.",
        parameters=[*VERSIE_PARAMS, EXPAND_PARAM],
        responses=EnkelvoudigInformatieObjectExpandedSerializer,
    ),
    create=extend_schema(
        summary="Maak een (ENKELVOUDIG) INFORMATIEOBJECT aan.",
        request=EnkelvoudigInformatieObjectCreateLockSerializer,
        responses={201: EnkelvoudigInformatieObjectCreateLockSerializer},
    ),
    update=extend_schema(
        summary="Werk een (ENKELVOUDIG) INFORMATIEOBJECT in zijn geheel bij.",
        request=EnkelvoudigInformatieObjectWithLockSerializer,
        responses=EnkelvoudigInformatieObjectWithLockSerializer,
    ),
    partial_update=extend_schema(
        summary="Werk een (ENKELVOUDIG) INFORMATIEOBJECT deels bij.",
        request=EnkelvoudigInformatieObjectWithLockSerializer,
        responses=EnkelvoudigInformatieObjectWithLockSerializer,
    ),
    destroy=extend_schema(summary="Verwijder een (ENKELVOUDIG) INFORMATIEOBJECT."),
)
class EnkelvoudigInformatieObjectViewSet(DocumentViewMixin, ZGWGenericViewSet):
    serializer_class = EnkelvoudigInformatieObjectSerializer
    filterset_class = EnkelvoudigInformatieObjectFilter
    etag_enabled = True
    audit_headers = True
    operation_prefix = "enkelvoudiginformatieobject"
    operation_ids = {"zoek": "enkelvoudiginformatieobject__zoek"}
    json_body_actions = ("create", "update", "partial_update", "lock", "unlock", "zoek")
    extra_query_params = ("expand", *OPEN_ZAAK_ALIASES)
    required_scopes = {
        "list": LEZEN,
        "retrieve": LEZEN,
        "download": LEZEN,
        "zoek": LEZEN,
        "create": AANMAKEN,
        "update": BIJWERKEN | GEFORCEERD_BIJWERKEN,
        "partial_update": BIJWERKEN | GEFORCEERD_BIJWERKEN,
        "destroy": VERWIJDEREN,
        "lock": LOCK,
        "unlock": LOCK | GEFORCEERD_UNLOCK,
    }

    def document_of(self, obj):
        return obj

    def initialize_request(self, request, *args, **kwargs):
        """Base64 ``inhoud`` makes JSON bodies large: the standard wants bodies far above Django's
        DATA_UPLOAD_MAX_MEMORY_SIZE accepted here (DRF parses JSON in memory anyway; huge files use bestandsdelen)."""
        if request.method in ("POST", "PUT", "PATCH") and not hasattr(request, "_body"):
            if request.content_type == "application/json":
                request._body = request.read()
        return super().initialize_request(request, *args, **kwargs)

    def get_queryset(self):
        return selectors.documents()

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context.setdefault("expand", frozenset())
        return context

    def _render(self, document) -> dict:
        return render.render_document(document, self.request)

    def _readable_version(self, document):
        """The version asked for; an application limited to documents ready for publication may read an older
        version only when that version was marked ready too (403 otherwise, like the document)."""
        version = selectors.version_for(document, self.request.query_params)
        if not may_read_document(self.request.auth, version.is_gereed_voor_publicatie, LEZEN):
            self.permission_denied(self.request)
        version.document = document
        return version

    def _page_response(self, queryset, expand: frozenset[str]):
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(render.render_versions(_versions_of(page), self.request, expand))

    def list(self, request, *args, **kwargs):
        # Open Zaak's objectinformatieobjecten__object/__objectType: filtered (and validated) as the official names
        request._request.GET = official_names(request._request.GET)
        expand = parse_expand(request.query_params.get("expand"), EIO_EXPAND)
        queryset = self.filter_queryset(selectors.visible_documents(request.auth, LEZEN, request))
        return self._page_response(queryset, expand)

    def retrieve(self, request, *args, **kwargs):
        document = self.get_object()
        expand = parse_expand(request.query_params.get("expand"), EIO_EXPAND)
        version = self._readable_version(document)
        data = render.render_versions([version], request, expand)[0]
        return self._etag_response(request, data)

    def create(self, request, *args, **kwargs):
        serializer = EnkelvoudigInformatieObjectCreateLockSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        info = from_reference(data["informatieobjecttype"], request)
        document = services.create_document(data, info=info, request=request, scope=AANMAKEN, render=self._render)
        # EnkelvoudigInformatieObjectCreateLockSerializer is the rendering plus ``lock`` last: built from what the
        # service rendered for the audit trail instead of serializing the new document a second time
        body = {**document.rendered, "lock": document.lock}
        return Response(body, status=status.HTTP_201_CREATED, headers=self.get_success_headers(body))

    def update(self, request, *args, partial: bool = False, **kwargs):
        document = self.get_object()
        version = document.latest_version
        version.document = document
        serializer = EnkelvoudigInformatieObjectWithLockSerializer(
            version, data=request.data, partial=partial, context=self.get_serializer_context()
        )
        # drc-009: the field checks first, then the lock rule; both reported in one 400
        with collect_errors() as errors:
            if not serializer.is_valid():
                errors.merge(serializer.errors)
            with errors.check():
                services.validate_drc_009_lock(
                    document, request.data, partial=partial, lock_field_failed=errors.failed("lock")
                )
        data = dict(serializer.validated_data)
        info = from_reference(data["informatieobjecttype"], request) if "informatieobjecttype" in data else None
        scope = BIJWERKEN | GEFORCEERD_BIJWERKEN
        document = services.update_document(
            document, data, partial=partial, info=info, request=request, scope=scope, render=self._render
        )
        return Response(self._render(selectors.documents().get(pk=document.pk)))

    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)

    def destroy(self, request, *args, **kwargs):
        services.destroy_document(self.get_object(), request=request)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="Download de binaire data van het (ENKELVOUDIG) INFORMATIEOBJECT.",
        parameters=VERSIE_PARAMS,
        responses={(200, "application/octet-stream"): OpenApiResponse(OpenApiTypes.BINARY)},
        filters=False,
    )
    @action(
        detail=True,
        methods=["get"],
        pagination_class=None,
        filterset_class=None,
        renderer_classes=[JSONRenderer, BinaryRenderer, AnyMediaTypeRenderer],
    )
    def download(self, request, *args, **kwargs):
        """Streams the stored content (FileResponse): memory use does not depend on the file size."""
        document = self.get_object()
        version = self._readable_version(document)
        if not version.inhoud:
            return Response(status=status.HTTP_204_NO_CONTENT)
        response = FileResponse(
            version.inhoud.open("rb"),
            as_attachment=True,
            filename=version.bestandsnaam or f"{document.uuid}",
            content_type="application/octet-stream",
        )
        response.block_size = 256 * 1024
        return response

    @extend_schema(
        summary="Vergrendel een (ENKELVOUDIG) INFORMATIEOBJECT.",
        request=None,
        responses={200: LockEnkelvoudigInformatieObjectSerializer},
        filters=False,
    )
    @action(detail=True, methods=["post"], pagination_class=None, filterset_class=None)
    def lock(self, request, *args, **kwargs):
        lock = services.lock_document(self.get_object())
        return Response({"lock": lock})

    @extend_schema(
        summary="Ontgrendel een (ENKELVOUDIG) INFORMATIEOBJECT.",
        request=UnlockEnkelvoudigInformatieObjectSerializer,
        responses={204: None},
        filters=False,
    )
    @action(detail=True, methods=["post"], pagination_class=None, filterset_class=None)
    def unlock(self, request, *args, **kwargs):
        document = self.get_object()
        serializer = UnlockEnkelvoudigInformatieObjectSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        type_url, level = services.document_subject(document, request)
        force = is_allowed_for(request.auth, "drc", GEFORCEERD_UNLOCK, type_url, level, request)
        services.unlock_document(document, lock=serializer.validated_data.get("lock", ""), force=force)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="Voer een zoekopdracht uit op (ENKELVOUDIG) INFORMATIEOBJECTen.",
        request=EIOZoekSerializer,
        responses={200: EnkelvoudigInformatieObjectExpandedSerializer(many=True)},
        filters=False,
    )
    @action(detail=False, methods=["post"], url_path="_zoek", filterset_class=None)
    def zoek(self, request, *args, **kwargs):
        if not request.data:
            raise ValidationError(
                {"nonFieldErrors": [ErrorDetail("Zoekparameters zijn verplicht.", code="empty_search_body")]}
            )
        serializer = EIOZoekSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        criteria = serializer.validated_data
        expand = parse_expand(criteria.get("expand"), EIO_EXPAND)
        queryset = selectors.visible_documents(request.auth, LEZEN, request).filter(uuid__in=criteria["uuid__in"])
        for name in ("identificatie", "bronorganisatie"):
            if criteria.get(name):
                queryset = queryset.filter(**{name: criteria[name]})
        return self._page_response(queryset, expand)


@extend_schema_view(
    list=extend_schema(summary="Alle audit trail regels behorend bij het INFORMATIEOBJECT."),
    retrieve=extend_schema(summary="Een specifieke audit trail regel opvragen."),
)
class EnkelvoudigInformatieObjectAuditTrailViewSet(DocumentViewMixin, AuditTrailViewSet):
    bron = "drc"
    main_lookup_kwarg = "enkelvoudiginformatieobject_uuid"
    required_scopes = {"list": AUDITTRAILS, "retrieve": AUDITTRAILS}
    operation_ids = {"list": "audittrail_list", "retrieve": "audittrail_retrieve"}
    operation_prefix = "audittrail"

    def document_of(self, obj):
        return self.get_main_object()

    def get_main_object(self):
        """The document of the trail; 404 when unknown, 403 when the client may not read it."""
        cached = getattr(self, "_main_document", None)
        if cached is not None:
            return cached
        document = selectors.documents().filter(uuid=self.kwargs[self.main_lookup_kwarg]).first()
        if document is None:
            raise NotFound()
        self._main_document = document
        self.check_object_permissions(self.request, document)
        return document
