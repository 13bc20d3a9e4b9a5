"""Zaken API 1.7.0 endpoints of the resources under a zaak (status, rol, zaakobject, ...): thin, as viewsets.py."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions, status
from rest_framework.response import Response

from zgw.common.audit_api import AuditTrailViewSet
from zgw.common.errors import collect_errors
from zgw.common.viewsets import RetrieveWithETagMixin, ZGWGenericViewSet

from .. import eigenschap_check, mirrors, selectors, services, typeinfo
from ..models import (
    KlantContact,
    Resultaat,
    Rol,
    Status,
    Zaak,
    ZaakBesluit,
    ZaakContactMoment,
    ZaakEigenschap,
    ZaakInformatieObject,
    ZaakObject,
    ZaakVerzoek,
)
from ..services import (
    SCOPE_AANMAKEN,
    SCOPE_BIJWERKEN,
    SCOPE_GEFORCEERD,
    SCOPE_HEROPENEN,
    SCOPE_LEZEN,
    SCOPE_STATUSSEN,
    SCOPE_VERWIJDEREN,
)
from . import filters, serializers
from .expand import expand
from .polymorphic import OBJECT_SHAPES, ROL_SHAPES, polymorphic
from .schema import ZakenAutoSchema

WRITE = SCOPE_BIJWERKEN | SCOPE_GEFORCEERD


def _check_body(request) -> None:
    if request.method in ("POST", "PUT", "PATCH") and not isinstance(request.data, dict):
        raise exceptions.ValidationError(
            {"nonFieldErrors": [exceptions.ErrorDetail("Verwacht een JSON object.", code="invalid")]}
        )


class ZaakChildViewSet(RetrieveWithETagMixin, ZGWGenericViewSet):
    """Base of the resources that hang under a zaak: autorisatie through the zaak (zrc-006)."""

    component = "zrc"
    schema = ZakenAutoSchema()
    model = None
    resource = ""
    expand_root: str | None = None  # the kind (api/expand.py) that list and retrieve expand from; None: no expand

    @property
    def extra_query_params(self) -> tuple[str, ...]:
        return ("expand",) if self.expand_root else ()

    def _expanded(self, data):
        if self.expand_root:
            expand(data, self.request.query_params.get("expand"), self.request, self.expand_root)
        return data

    def retrieve(self, request, *args, **kwargs):
        data = self._expanded(dict(self.get_serializer(self.get_object()).data))
        return self._etag_response(request, data) if self.etag_enabled else Response(data)

    def get_queryset(self):
        qs = selectors.sub_resources(self.model)  # joins what the serializer reads: lists stay O(1) in queries
        if self.action == "list":
            qs = selectors.authorised(qs, self.request, SCOPE_LEZEN, prefix="zaak__")
        return qs

    def get_autorisatie_subject(self, obj):
        return typeinfo.zaaktype_url(obj.zaak, self.request), obj.zaak.vertrouwelijkheidaanduiding

    def render(self, obj) -> dict:
        return dict(self.get_serializer_class()(obj, context={"request": self.request}).data)

    def list(self, request, *args, **kwargs):
        qs = self.filter_queryset(self.get_queryset())
        if self.paginator is None:
            return Response(self._expanded(self.get_serializer(qs, many=True).data))
        page = self.paginate_queryset(qs)
        return self.get_paginated_response(self._expanded(self.get_serializer(page, many=True).data))

    def _validated(self, instance=None, partial=False) -> dict:
        _check_body(self.request)
        serializer = self.get_serializer(instance, data=self.request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def _created(self, obj) -> Response:
        data = getattr(obj, "rendered", None) or self.render(obj)  # the service rendered it once for the audit trail
        return Response(data, status=status.HTTP_201_CREATED, headers=self.get_success_headers(data))

    def create(self, request, *args, **kwargs):
        values = self._validated()
        zaak = values["zaak"].obj
        services.check_zaak_allowed(zaak, request, self.required_scopes["create"])
        obj = self.perform_create_values(values, zaak)
        return self._created(obj)

    def perform_create_values(self, values: dict, zaak: Zaak):
        obj = self.model(**self.build(values, zaak))
        services.save_sub(
            obj, zaak=zaak, resource=self.resource, request=self.request, render=self.render, actie="create"
        )
        return obj

    def build(self, values: dict, zaak: Zaak) -> dict:
        values = dict(values)
        values["zaak"] = zaak
        return values

    def update(self, request, *args, partial: bool = False, **kwargs):
        instance = self.get_object()
        values = self._validated(instance, partial)
        if "zaak" in values and values["zaak"].obj.pk != instance.zaak_id:
            raise services.error("zaak", "Dit veld mag niet gewijzigd worden.", "wijzigen-niet-toegelaten")
        values.pop("zaak", None)
        oud = self.render(instance)
        self.apply_update(instance, values)
        services.save_sub(
            instance,
            zaak=instance.zaak,
            resource=self.resource,
            request=request,
            render=self.render,
            actie="partial_update" if partial else "update",
            oud=oud,
        )
        return Response(self.render(instance))

    def apply_update(self, instance, values: dict) -> None:
        for key, value in self.build(values, instance.zaak).items():
            if key != "zaak":
                setattr(instance, key, value)

    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)

    def destroy(self, request, *args, **kwargs):
        instance = self.get_object()
        services.destroy_sub(instance, zaak=instance.zaak, resource=self.resource, request=request, render=self.render)
        return Response(status=status.HTTP_204_NO_CONTENT)


def _ref_values(values: dict, name: str) -> dict:
    """Split a type Reference into the FK and URL columns."""
    if name in values:
        ref = values.pop(name)
        values[name] = ref.obj if ref is not None else None
        values[f"{name}_url"] = "" if ref is None or ref.obj is not None else ref.url
    return values


def _scopes(read=SCOPE_LEZEN, create=WRITE, update=WRITE, destroy=WRITE) -> dict:
    return {
        "list": read,
        "retrieve": read,
        "create": create,
        "update": update,
        "partial_update": update,
        "destroy": destroy,
    }


class StatusViewSet(ZaakChildViewSet):
    operation_prefix = "status"
    schema = ZakenAutoSchema()
    model = Status
    resource = "status"
    expand_root = "status"
    serializer_class = serializers.StatusSerializer
    filterset_class = filters.StatusFilter
    etag_enabled = True

    http_method_names = ["get", "post", "head", "options"]
    required_scopes = _scopes(create=SCOPE_AANMAKEN | SCOPE_STATUSSEN | SCOPE_HEROPENEN | SCOPE_GEFORCEERD)

    def create(self, request, *args, **kwargs):
        values = self._validated()
        zaak = values["zaak"].obj
        services.check_zaak_allowed(zaak, request, self.required_scopes["create"])
        return self._created(services.create_status(values, request=request, render=self.render))


class ResultaatViewSet(ZaakChildViewSet):
    operation_prefix = "resultaat"
    schema = ZakenAutoSchema()
    model = Resultaat
    resource = "resultaat"
    expand_root = "resultaat"
    serializer_class = serializers.ResultaatSerializer
    filterset_class = filters.ResultaatFilter
    etag_enabled = True
    required_scopes = _scopes()

    def build(self, values, zaak):
        with collect_errors() as errors:
            if "resultaattype" in values:
                with errors.check():
                    services.validate_type_in_zaaktype(
                        values["resultaattype"], zaak, "resultaattype", "zaaktype-mismatch", self.request
                    )
            if self.action == "create" and Resultaat.objects.filter(zaak=zaak).exists():
                errors.add("zaak", "Deze zaak heeft al een resultaat.", "unique")
        return _ref_values(super().build(values, zaak), "resultaattype")

    def apply_update(self, instance, values):
        if "resultaattype" in values:
            ref = values["resultaattype"]
            if typeinfo.type_url(ref.obj, ref.url, self.request) != typeinfo.type_url(
                instance.resultaattype, instance.resultaattype_url, self.request
            ):
                raise services.error("resultaattype", "Dit veld mag niet gewijzigd worden.", "wijzigen-niet-toegelaten")
        super().apply_update(instance, values)


ROL_POLY = polymorphic(serializers.RolSerializer, "betrokkeneIdentificatie", "betrokkeneType", ROL_SHAPES, "Rol")
ZO_POLY = polymorphic(
    serializers.ZaakObjectSerializer, "objectIdentificatie", "objectType", OBJECT_SHAPES, "ZaakObject"
)


@extend_schema_view(
    list=extend_schema(
        responses=polymorphic(
            serializers.RolSerializer, "betrokkeneIdentificatie", "betrokkeneType", ROL_SHAPES, "Rol", many=True
        )
    ),
    retrieve=extend_schema(responses=ROL_POLY),
    create=extend_schema(request=ROL_POLY, responses={201: ROL_POLY}),
)
class RolViewSet(ZaakChildViewSet):
    operation_prefix = "rol"
    schema = ZakenAutoSchema()
    model = Rol
    resource = "rol"
    expand_root = "rol"
    serializer_class = serializers.RolSerializer
    filterset_class = filters.RolFilter
    etag_enabled = True
    http_method_names = ["get", "post", "delete", "head", "options"]
    required_scopes = _scopes()

    def perform_create_values(self, values, zaak):
        return services.create_rol(values, request=self.request, render=self.render)


@extend_schema_view(
    list=extend_schema(
        responses=polymorphic(
            serializers.ZaakObjectSerializer,
            "objectIdentificatie",
            "objectType",
            OBJECT_SHAPES,
            "ZaakObject",
            many=True,
        )
    ),
    retrieve=extend_schema(responses=ZO_POLY),
    create=extend_schema(request=ZO_POLY, responses={201: ZO_POLY}),
    update=extend_schema(request=ZO_POLY, responses=ZO_POLY),
    partial_update=extend_schema(
        request=polymorphic(
            serializers.ZaakObjectSerializer,
            "objectIdentificatie",
            "objectType",
            OBJECT_SHAPES,
            "ZaakObject",
            partial=True,
        ),
        responses=ZO_POLY,
    ),
)
class ZaakObjectViewSet(ZaakChildViewSet):
    no_audit_headers = ("update", "partial_update", "destroy")
    operation_prefix = "zaakobject"
    schema = ZakenAutoSchema()
    model = ZaakObject
    resource = "zaakobject"
    expand_root = "zaakobject"
    serializer_class = serializers.ZaakObjectSerializer
    filterset_class = filters.ZaakObjectFilter
    etag_enabled = True
    required_scopes = _scopes(create=SCOPE_AANMAKEN | WRITE, destroy=WRITE | SCOPE_VERWIJDEREN)

    def build(self, values, zaak):
        if values.get("zaakobjecttype") is not None:
            services.validate_type_in_zaaktype(
                values["zaakobjecttype"], zaak, "zaakobjecttype", "zaaktype-mismatch", self.request
            )
        return _ref_values(super().build(values, zaak), "zaakobjecttype")

    def apply_update(self, instance, values):
        for name, attr in (("object", "object"), ("object_type", "object_type")):
            if name in values and values[name] != getattr(instance, attr):
                field = "objectType" if name == "object_type" else "object"
                raise services.error(field, "Dit veld mag niet gewijzigd worden.", "wijzigen-niet-toegelaten")
        super().apply_update(instance, values)


class ZaakInformatieObjectViewSet(ZaakChildViewSet):
    operation_prefix = "zaakinformatieobject"
    schema = ZakenAutoSchema()
    model = ZaakInformatieObject
    resource = "zaakinformatieobject"
    expand_root = "zaakinformatieobject"
    serializer_class = serializers.ZaakInformatieObjectSerializer
    filterset_class = filters.ZaakInformatieObjectFilter
    pagination_class = None
    etag_enabled = True
    required_scopes = _scopes(create=SCOPE_AANMAKEN | WRITE, destroy=WRITE | SCOPE_VERWIJDEREN)

    def perform_create_values(self, values, zaak):
        return services.create_zio(values, request=self.request, render=self.render)

    def update(self, request, *args, partial: bool = False, **kwargs):
        instance = self.get_object()
        values = self._validated(instance, partial)
        services.update_zio(instance, values, request=request, render=self.render, partial=partial)
        return Response(self.render(instance))

    def destroy(self, request, *args, **kwargs):
        services.destroy_zio(self.get_object(), request=request, render=self.render)
        return Response(status=status.HTTP_204_NO_CONTENT)


class KlantContactViewSet(ZaakChildViewSet):
    operation_prefix = "klantcontact"
    schema = ZakenAutoSchema()
    model = KlantContact
    resource = "klantcontact"
    serializer_class = serializers.KlantContactSerializer
    filterset_class = filters.KlantContactFilter
    http_method_names = ["get", "post", "options"]
    required_scopes = _scopes()

    def build(self, values, zaak):
        from django.utils import timezone

        values = super().build(values, zaak)
        if values["datumtijd"] > timezone.now():
            raise services.error("datumtijd", "De datum mag niet in de toekomst liggen.", "future_not_allowed")
        if not values.get("identificatie"):
            import secrets

            values["identificatie"] = secrets.token_hex(7)
        return values


class RemoteMirrorMixin:
    """zrc-024/025: the referenced verzoek/contactmoment must resolve and the relation is mirrored remotely."""

    mirror_kind: mirrors.MirrorKind

    def perform_create_values(self, values, zaak):
        url = values[self.mirror_kind.field]
        mirrors.validate_remote(url, self.mirror_kind)
        obj = super().perform_create_values(values, zaak)
        mirrors.mirror(url, services.zaak_url(self.request, zaak), self.mirror_kind)
        return obj

    def destroy(self, request, *args, **kwargs):
        instance = self.get_object()
        url = getattr(instance, self.mirror_kind.field)
        zaak_url = services.zaak_url(request, instance.zaak)
        services.destroy_sub(instance, zaak=instance.zaak, resource=self.resource, request=request, render=self.render)
        mirrors.unmirror(url, zaak_url, self.mirror_kind)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ZaakContactMomentViewSet(RemoteMirrorMixin, ZaakChildViewSet):
    mirror_kind = mirrors.CONTACTMOMENT
    operation_prefix = "zaakcontactmoment"
    schema = ZakenAutoSchema()
    model = ZaakContactMoment
    resource = "zaakcontactmoment"
    serializer_class = serializers.ZaakContactMomentSerializer
    filterset_class = filters.ZaakContactMomentFilter
    pagination_class = None
    http_method_names = ["get", "post", "delete", "options"]
    required_scopes = _scopes(create=SCOPE_BIJWERKEN, destroy=SCOPE_BIJWERKEN)


class ZaakVerzoekViewSet(RemoteMirrorMixin, ZaakChildViewSet):
    mirror_kind = mirrors.VERZOEK
    operation_prefix = "zaakverzoek"
    schema = ZakenAutoSchema()
    model = ZaakVerzoek
    resource = "zaakverzoek"
    serializer_class = serializers.ZaakVerzoekSerializer
    filterset_class = filters.ZaakVerzoekFilter
    pagination_class = None
    http_method_names = ["get", "post", "delete", "options"]
    required_scopes = _scopes(create=SCOPE_BIJWERKEN, destroy=SCOPE_BIJWERKEN)


class NestedUnderZaakMixin:
    """``/zaken/{zaak_uuid}/…``: the zaak comes from the path; its autorisatie is checked like a zaak read."""

    pagination_class = None

    def get_zaak(self) -> Zaak:
        zaak = get_object_or_404(Zaak.objects.select_related("zaaktype"), uuid=self.kwargs["zaak_uuid"])
        client = self.request.auth
        from zgw.common.permissions import is_allowed_for, required_scope

        if not is_allowed_for(
            client,
            "zrc",
            required_scope(self),
            typeinfo.zaaktype_url(zaak, self.request),
            zaak.vertrouwelijkheidaanduiding,
            self.request,
        ):
            raise exceptions.PermissionDenied()
        return zaak

    def get_queryset(self):
        return self.model.objects.filter(zaak=self.get_zaak()).select_related("zaak", "zaak__zaaktype")


class ZaakEigenschapViewSet(NestedUnderZaakMixin, ZaakChildViewSet):
    no_audit_headers = ("update", "partial_update", "destroy")
    operation_prefix = "zaakeigenschap"
    schema = ZakenAutoSchema()
    model = ZaakEigenschap
    resource = "zaakeigenschap"
    serializer_class = serializers.ZaakEigenschapSerializer
    etag_enabled = True
    required_scopes = _scopes()
    extra_response_headers = eigenschap_check.SCHEMA_HEADERS

    def create(self, request, *args, **kwargs):
        zaak = self.get_zaak()
        values = self._validated()
        if values["zaak"].obj.pk != zaak.pk:
            raise services.error("zaak", "De zaak moet gelijk zijn aan de zaak in de URL.", "invalid")
        obj = self.perform_create_values(values, zaak)
        return eigenschap_check.with_warning(self._created(obj), obj)  # 1.7.0: X-Warning, stored anyway

    def build(self, values, zaak):
        ref = values.get("eigenschap")
        if ref is not None:
            services.validate_type_in_zaaktype(ref, zaak, "eigenschap", "zaaktype-mismatch", self.request)
            values = dict(values)
            values["naam"] = ref.obj.naam if ref.obj is not None else (ref.data or {}).get("naam", "")
        return _ref_values(super().build(values, zaak), "eigenschap")

    def apply_update(self, instance, values):
        if "eigenschap" in values:
            ref = values["eigenschap"]
            if typeinfo.type_url(ref.obj, ref.url, self.request) != typeinfo.type_url(
                instance.eigenschap, instance.eigenschap_url, self.request
            ):
                raise services.error("eigenschap", "Dit veld mag niet gewijzigd worden.", "wijzigen-niet-toegelaten")
            values.pop("eigenschap")
        super().apply_update(instance, values)


class ZaakBesluitViewSet(NestedUnderZaakMixin, ZaakChildViewSet):
    operation_prefix = "zaakbesluit"
    schema = ZakenAutoSchema()
    model = ZaakBesluit
    resource = "zaakbesluit"
    expand_root = "zaakbesluit"
    serializer_class = serializers.ZaakBesluitSerializer
    http_method_names = ["get", "post", "delete", "options"]
    required_scopes = _scopes(create=SCOPE_BIJWERKEN, destroy=SCOPE_BIJWERKEN)

    def create(self, request, *args, **kwargs):
        zaak = self.get_zaak()
        values = self._validated()
        services.check_zrc_007_closed(zaak, request)
        obj = services.create_zaakbesluit_direct(zaak, values["besluit_url"], request, render=self.render)
        return self._created(obj)

    def destroy(self, request, *args, **kwargs):
        instance = self.get_object()
        services.check_zrc_007_closed(instance.zaak, request)
        services.destroy_zaakbesluit_direct(instance, request, render=self.render)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ZaakAuditTrailViewSet(AuditTrailViewSet):
    operation_prefix = "audittrail"
    schema = ZakenAutoSchema()
    bron = "zrc"
    component = "zrc"
    main_lookup_kwarg = "zaak_uuid"
    required_scopes = {"list": SCOPE_LEZEN, "retrieve": SCOPE_LEZEN}

    def get_main_object(self):
        return NestedUnderZaakMixin.get_zaak(self)
