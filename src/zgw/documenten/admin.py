"""Beheer UI for the Documenten tables: read-only (writes belong to the API and its services), with a download of
the current (or any) version's content, streamed from storage."""

from __future__ import annotations

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.urls import path, reverse
from django.utils.html import format_html

from zgw.common.admin import IndexedSearchMixin, ReadOnlyAdmin, ReadOnlyInline, audit_trail_link

from .models import (
    BestandsDeel,
    EnkelvoudigInformatieObject,
    EnkelvoudigInformatieObjectVersie,
    Gebruiksrechten,
    ObjectInformatieObject,
    Verzending,
)

BRON = "drc"


def download_url(document: EnkelvoudigInformatieObject, versie: int | None = None) -> str:
    url = reverse("admin:documenten_enkelvoudiginformatieobject_download", args=[document.pk])
    return f"{url}?versie={versie}" if versie is not None else url


def _download_link(document: EnkelvoudigInformatieObject, version: EnkelvoudigInformatieObjectVersie | None) -> str:
    if version is None or not version.inhoud:
        return "—"
    label = version.bestandsnaam or "inhoud"
    return format_html('<a href="{}">Download {}</a>', download_url(document, version.versie), label)


class VersieInline(ReadOnlyInline):
    model = EnkelvoudigInformatieObjectVersie
    fields = (
        "versie",
        "begin_registratie",
        "titel",
        "status",
        "vertrouwelijkheidaanduiding",
        "bestandsnaam",
        "bestandsomvang",
        "inhoud_is_vervallen",
        "tonen_aan_initiator",
        "is_gereed_voor_publicatie",
        "download",
    )
    verbose_name_plural = "versies"
    ordering = ("-versie",)

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    @admin.display(description="inhoud")
    def download(self, version: EnkelvoudigInformatieObjectVersie) -> str:
        return _download_link(version.document, version)


class GebruiksrechtenInline(ReadOnlyInline):
    model = Gebruiksrechten
    fields = ("uuid", "startdatum", "einddatum", "omschrijving_voorwaarden")
    verbose_name_plural = "gebruiksrechten"


@admin.register(EnkelvoudigInformatieObject)
class EnkelvoudigInformatieObjectAdmin(IndexedSearchMixin, ReadOnlyAdmin):
    list_display = (
        "identificatie",
        "bronorganisatie",
        "titel",
        "status",
        "vertrouwelijkheidaanduiding",
        "informatieobjecttype_weergave",
        "versie",
    )
    list_select_related = ("latest_version", "informatieobjecttype")
    list_filter = (
        "status",
        "vertrouwelijkheidaanduiding",
        "is_gereed_voor_publicatie",
        ("created_at", admin.DateFieldListFilter),
    )
    # identificatie has a plain btree index (and the unique constraint): exact lookups only
    search_uuid_fields = ("uuid",)
    search_exact_fields = ("identificatie", "bronorganisatie")
    search_help_text = "Zoek op UUID, exacte identificatie of bronorganisatie."
    ordering = ("-pk",)
    inlines = (VersieInline, GebruiksrechtenInline)

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields] + ["download", "audit_trail"]

    def get_urls(self):
        urls = [
            path(
                "<path:object_id>/download/",
                self.admin_site.admin_view(self.download_view),
                name="documenten_enkelvoudiginformatieobject_download",
            )
        ]
        return urls + super().get_urls()

    def download_view(self, request, object_id: str):
        """Stream the content of the current version (or ``?versie=N``) from storage."""
        document = self.get_object(request, object_id)
        if document is None:
            raise Http404("Informatieobject niet gevonden.")
        if not self.has_view_permission(request, document):
            raise PermissionDenied
        versions = document.versies.all()
        versie = request.GET.get("versie")
        if versie:
            if not versie.isdigit():
                raise Http404("Ongeldige versie.")
            version = versions.filter(versie=int(versie)).first()
        else:
            version = document.latest_version or versions.order_by("-versie").first()
        if version is None or not version.inhoud:
            raise Http404("Deze versie heeft geen inhoud.")
        try:
            handle = version.inhoud.open("rb")
        except FileNotFoundError as exc:
            raise Http404("De inhoud staat niet in de opslag.") from exc
        return FileResponse(
            handle,
            as_attachment=True,
            filename=version.bestandsnaam or f"{document.identificatie}-v{version.versie}",
            content_type=version.formaat or "application/octet-stream",
        )

    @admin.display(description="titel")
    def titel(self, obj: EnkelvoudigInformatieObject) -> str:
        return obj.latest_version.titel if obj.latest_version else ""

    @admin.display(description="versie")
    def versie(self, obj: EnkelvoudigInformatieObject):
        return obj.latest_version.versie if obj.latest_version else None

    @admin.display(description="informatieobjecttype")
    def informatieobjecttype_weergave(self, obj: EnkelvoudigInformatieObject) -> str:
        return str(obj.informatieobjecttype) if obj.informatieobjecttype else obj.informatieobjecttype_url or "—"

    @admin.display(description="inhoud (huidige versie)")
    def download(self, obj: EnkelvoudigInformatieObject) -> str:
        return _download_link(obj, obj.latest_version)

    @admin.display(description="audit trail")
    def audit_trail(self, obj: EnkelvoudigInformatieObject) -> str:
        return audit_trail_link(BRON, obj.uuid)


class DocumentChildAdmin(IndexedSearchMixin, ReadOnlyAdmin):
    list_select_related = ("informatieobject",)
    ordering = ("-pk",)

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]


@admin.register(EnkelvoudigInformatieObjectVersie)
class EnkelvoudigInformatieObjectVersieAdmin(ReadOnlyAdmin):
    list_display = ("document", "versie", "titel", "begin_registratie", "bestandsomvang")
    list_select_related = ("document",)
    ordering = ("-pk",)

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields] + ["download"]

    @admin.display(description="inhoud")
    def download(self, obj: EnkelvoudigInformatieObjectVersie) -> str:
        return _download_link(obj.document, obj)


@admin.register(Gebruiksrechten)
class GebruiksrechtenAdmin(DocumentChildAdmin):
    list_display = ("uuid", "informatieobject", "startdatum", "einddatum")


@admin.register(ObjectInformatieObject)
class ObjectInformatieObjectAdmin(DocumentChildAdmin):
    list_display = ("uuid", "object_type", "object", "informatieobject")
    list_filter = ("object_type",)
    search_exact_fields = ("object",)


@admin.register(Verzending)
class VerzendingAdmin(DocumentChildAdmin):
    list_display = ("uuid", "aard_relatie", "betrokkene", "informatieobject")
    list_filter = ("aard_relatie",)


@admin.register(BestandsDeel)
class BestandsDeelAdmin(DocumentChildAdmin):
    list_display = ("uuid", "informatieobject", "volgnummer", "omvang", "voltooid")
