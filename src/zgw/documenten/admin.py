"""Django admin for the Documenten tables (read-mostly: writes belong to the API and its services)."""

from django.contrib import admin

from .models import (
    BestandsDeel,
    EnkelvoudigInformatieObject,
    EnkelvoudigInformatieObjectVersie,
    Gebruiksrechten,
    ObjectInformatieObject,
    Verzending,
)


class VersieInline(admin.TabularInline):
    model = EnkelvoudigInformatieObjectVersie
    fields = ("versie", "begin_registratie", "titel", "status", "vertrouwelijkheidaanduiding", "bestandsomvang")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True


@admin.register(EnkelvoudigInformatieObject)
class EnkelvoudigInformatieObjectAdmin(admin.ModelAdmin):
    list_display = ("identificatie", "bronorganisatie", "status", "vertrouwelijkheidaanduiding", "uuid")
    search_fields = ("identificatie", "bronorganisatie", "uuid")
    readonly_fields = ("uuid", "latest_version", "lock")
    list_select_related = ("latest_version",)
    raw_id_fields = ("informatieobjecttype",)
    inlines = [VersieInline]


@admin.register(EnkelvoudigInformatieObjectVersie)
class EnkelvoudigInformatieObjectVersieAdmin(admin.ModelAdmin):
    list_display = ("document", "versie", "titel", "begin_registratie")
    raw_id_fields = ("document", "informatieobjecttype")


@admin.register(Gebruiksrechten)
class GebruiksrechtenAdmin(admin.ModelAdmin):
    list_display = ("uuid", "informatieobject", "startdatum", "einddatum")
    raw_id_fields = ("informatieobject",)


@admin.register(ObjectInformatieObject)
class ObjectInformatieObjectAdmin(admin.ModelAdmin):
    list_display = ("uuid", "object_type", "object", "informatieobject")
    raw_id_fields = ("informatieobject", "zaak", "besluit")


@admin.register(Verzending)
class VerzendingAdmin(admin.ModelAdmin):
    list_display = ("uuid", "aard_relatie", "betrokkene", "informatieobject")
    raw_id_fields = ("informatieobject",)


@admin.register(BestandsDeel)
class BestandsDeelAdmin(admin.ModelAdmin):
    list_display = ("uuid", "informatieobject", "volgnummer", "omvang", "voltooid")
    raw_id_fields = ("informatieobject",)
