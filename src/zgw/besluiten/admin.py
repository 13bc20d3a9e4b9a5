"""Beheer UI for besluiten: read-only. Besluiten and their relations are only written through the Besluiten API,
whose services also keep the zaak/document mirrors (brc-005/brc-006) and the audit trail in step."""

from __future__ import annotations

from django.contrib import admin
from django.db import transaction

from zgw.common import audit
from zgw.common.admin import IndexedSearchMixin, ReadOnlyAdmin, ReadOnlyInline, audit_trail_link
from zgw.common.references import object_url

from . import mirrors
from .constants import BRON
from .models import Besluit, BesluitInformatieObject, has_local_zaak


class BesluitInformatieObjectInline(ReadOnlyInline):
    model = BesluitInformatieObject
    fields = ("uuid", "informatieobject", "informatieobject_url", "aard_relatie", "registratiedatum")
    verbose_name_plural = "besluitinformatieobjecten"


@admin.register(Besluit)
class BesluitAdmin(IndexedSearchMixin, ReadOnlyAdmin):
    list_display = ("identificatie", "verantwoordelijke_organisatie", "datum", "besluittype_weergave", "ingangsdatum")
    list_select_related = ("besluittype",)
    list_filter = ("vervalreden", ("datum", admin.DateFieldListFilter))
    # identificatie has a plain btree index: exact lookups only
    search_uuid_fields = ("uuid",)
    search_exact_fields = ("identificatie", "verantwoordelijke_organisatie", "zaak_url")
    search_help_text = "Zoek op UUID, exacte identificatie, verantwoordelijke organisatie of zaak-URL."
    ordering = ("-pk",)
    inlines = (BesluitInformatieObjectInline,)

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in Besluit._meta.fields] + ["audit_trail"]

    @transaction.atomic
    def delete_model(self, request, obj: Besluit) -> None:
        """Not reachable from the UI (no delete permission); kept so a programmatic delete through the admin class
        removes the local mirrors and the audit trail exactly like the API's destroy (brc-009)."""
        url = object_url(request, obj)
        for bio in obj.besluitinformatieobjecten.select_related("informatieobject"):
            if bio.informatieobject_id is not None:
                mirrors.unlink_informatieobject(bio.informatieobject, url)
        zaak = getattr(obj, "zaak", None) if has_local_zaak() else None
        if zaak is not None:
            mirrors.unlink_zaak(zaak, url)
        audit.delete_for(BRON, obj.uuid)
        super().delete_model(request, obj)

    @admin.display(description="besluittype")
    def besluittype_weergave(self, obj: Besluit) -> str:
        return str(obj.besluittype) if obj.besluittype else obj.besluittype_url or "—"

    @admin.display(description="audit trail")
    def audit_trail(self, obj: Besluit) -> str:
        return audit_trail_link(BRON, obj.uuid)


@admin.register(BesluitInformatieObject)
class BesluitInformatieObjectAdmin(IndexedSearchMixin, ReadOnlyAdmin):
    list_display = ("uuid", "besluit", "informatieobject_url", "aard_relatie", "registratiedatum")
    list_select_related = ("besluit",)
    search_exact_fields = ("informatieobject_url",)
    ordering = ("-pk",)

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]
