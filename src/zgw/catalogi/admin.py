"""Django admin for the catalogue (read and light editing; the API enforces the ztc rules)."""

from django.contrib import admin

from . import models as m


class ZaakTypeSubInline(admin.TabularInline):
    extra = 0
    show_change_link = True


class StatusTypeInline(ZaakTypeSubInline):
    model = m.StatusType
    fields = ("volgnummer", "omschrijving", "omschrijving_generiek")


class RolTypeInline(ZaakTypeSubInline):
    model = m.RolType
    fields = ("omschrijving", "omschrijving_generiek")


class ResultaatTypeInline(ZaakTypeSubInline):
    model = m.ResultaatType
    fields = ("omschrijving", "selectielijstklasse", "archiefnominatie", "archiefactietermijn")


@admin.register(m.Catalogus)
class CatalogusAdmin(admin.ModelAdmin):
    list_display = ("domein", "rsin", "naam", "uuid")
    search_fields = ("domein", "rsin", "naam")


@admin.register(m.ZaakType)
class ZaakTypeAdmin(admin.ModelAdmin):
    list_display = (
        "identificatie",
        "omschrijving",
        "catalogus",
        "concept",
        "datum_begin_geldigheid",
        "datum_einde_geldigheid",
    )
    list_filter = ("concept", "catalogus")
    search_fields = ("identificatie", "omschrijving", "uuid")
    inlines = (StatusTypeInline, RolTypeInline, ResultaatTypeInline)
    filter_horizontal = ("besluittypen", "deelzaaktypen")


@admin.register(m.InformatieObjectType)
class InformatieObjectTypeAdmin(admin.ModelAdmin):
    list_display = ("omschrijving", "catalogus", "concept", "datum_begin_geldigheid", "datum_einde_geldigheid")
    list_filter = ("concept", "catalogus")
    search_fields = ("omschrijving", "uuid")


@admin.register(m.BesluitType)
class BesluitTypeAdmin(admin.ModelAdmin):
    list_display = ("omschrijving", "catalogus", "concept", "datum_begin_geldigheid", "datum_einde_geldigheid")
    list_filter = ("concept", "catalogus")
    search_fields = ("omschrijving", "uuid")
    filter_horizontal = ("informatieobjecttypen",)


for model in (m.StatusType, m.RolType, m.ResultaatType, m.Eigenschap, m.ZaakObjectType, m.ZaakTypeInformatieObjectType):
    admin.site.register(model)
