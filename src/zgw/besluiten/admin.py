"""Django admin for besluiten. Relations made here are mirrored into the *local* Zaken/Documenten apps as well
(brc-005/brc-006 "also for relations made outside the API"); remote mirrors are only written through the API."""

from __future__ import annotations

from django.contrib import admin
from django.db import models, transaction

from zgw.common import audit
from zgw.common.references import object_url

from . import mirrors
from .constants import BRON
from .identificatie import generate_identificatie
from .models import Besluit, BesluitInformatieObject, has_local_zaak


def _local_zaak(besluit: Besluit | None):
    return getattr(besluit, "zaak", None) if besluit is not None and has_local_zaak() else None


URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


class BesluitInformatieObjectInline(admin.TabularInline):
    model = BesluitInformatieObject
    formfield_overrides = URL_FIELDS
    extra = 0
    raw_id_fields = ("informatieobject",)
    fields = ("informatieobject", "informatieobject_url", "aard_relatie", "registratiedatum")
    readonly_fields = ("aard_relatie", "registratiedatum")


@admin.register(Besluit)
class BesluitAdmin(admin.ModelAdmin):
    formfield_overrides = URL_FIELDS
    list_display = ("identificatie", "verantwoordelijke_organisatie", "datum", "besluittype", "besluittype_url")
    list_filter = ("vervalreden",)
    search_fields = ("identificatie", "verantwoordelijke_organisatie", "uuid")
    raw_id_fields = ("besluittype",)
    readonly_fields = ("uuid", "zaakbesluit_url")
    inlines = (BesluitInformatieObjectInline,)

    @transaction.atomic
    def save_model(self, request, obj: Besluit, form, change: bool) -> None:
        before = _local_zaak(Besluit.objects.filter(pk=obj.pk).first()) if change else None
        if not obj.identificatie:
            obj.identificatie = generate_identificatie(obj.verantwoordelijke_organisatie, obj.datum)
        super().save_model(request, obj, form, change)
        after = _local_zaak(obj)
        url = object_url(request, obj)
        if before is not None and (after is None or after.pk != before.pk):
            mirrors.unlink_zaak(before, url)
        if after is not None and (before is None or after.pk != before.pk):
            mirrors.link_zaak(after, url, obj)

    def save_formset(self, request, form, formset, change: bool) -> None:
        instances = formset.save(commit=False)
        besluit_url = object_url(request, form.instance)
        for removed in formset.deleted_objects:
            if removed.informatieobject_id is not None:
                mirrors.unlink_informatieobject(removed.informatieobject, besluit_url)
            removed.delete()
        for bio in instances:
            bio.save()
            if bio.informatieobject_id is not None:
                mirrors.link_informatieobject(bio.informatieobject, besluit_url, form.instance)
        formset.save_m2m()

    @transaction.atomic
    def delete_model(self, request, obj: Besluit) -> None:
        url = object_url(request, obj)
        for bio in obj.besluitinformatieobjecten.select_related("informatieobject"):
            if bio.informatieobject_id is not None:
                mirrors.unlink_informatieobject(bio.informatieobject, url)
        zaak = _local_zaak(obj)
        if zaak is not None:
            mirrors.unlink_zaak(zaak, url)
        audit.delete_for(BRON, obj.uuid)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset) -> None:
        for obj in queryset:
            self.delete_model(request, obj)
