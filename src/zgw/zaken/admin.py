"""Beheer UI for the Zaken tables: read-only (every write goes through the Zaken API and its services).

The zaken list is built for millions of rows: no full-table ``COUNT(*)`` (``EstimatedCountPaginator``), filters
on indexed columns whose choices need no query, and search on exact/prefix lookups only.
"""

from __future__ import annotations

from django.contrib import admin

from zgw.common.admin import IndexedSearchMixin, ReadOnlyAdmin, ReadOnlyInline, audit_trail_link

from .models import (
    KlantContact,
    Resultaat,
    Rol,
    Status,
    Zaak,
    ZaakBesluit,
    ZaakContactMoment,
    ZaakEigenschap,
    ZaakInformatieObject,
    ZaakNotitie,
    ZaakNummerReservering,
    ZaakObject,
    ZaakVerzoek,
)

BRON = "zrc"


def _type_weergave(obj, fk: str) -> str:
    related = getattr(obj, fk, None)
    return str(related) if related is not None else getattr(obj, f"{fk}_url", "") or "—"


class StatusInline(ReadOnlyInline):
    model = Status
    fields = ("uuid", "statustype", "statustype_url", "datum_status_gezet", "statustoelichting", "gezetdoor")
    verbose_name_plural = "statussen"


class RolInline(ReadOnlyInline):
    model = Rol
    fields = ("uuid", "betrokkene_type", "omschrijving_generiek", "omschrijving", "betrokkene", "roltoelichting")
    verbose_name_plural = "rollen"


class ZaakObjectInline(ReadOnlyInline):
    model = ZaakObject
    fields = ("uuid", "object_type", "object", "relatieomschrijving")
    verbose_name_plural = "zaakobjecten"


class ResultaatInline(ReadOnlyInline):
    model = Resultaat
    fields = ("uuid", "resultaattype", "resultaattype_url", "toelichting")
    verbose_name_plural = "resultaat"


class ZaakInformatieObjectInline(ReadOnlyInline):
    model = ZaakInformatieObject
    fields = ("uuid", "informatieobject", "informatieobject_url", "titel", "aard_relatie", "registratiedatum")
    verbose_name_plural = "zaakinformatieobjecten"


class ZaakEigenschapInline(ReadOnlyInline):
    model = ZaakEigenschap
    fields = ("uuid", "naam", "waarde", "eigenschap", "eigenschap_url")
    verbose_name_plural = "zaakeigenschappen"


@admin.register(Zaak)
class ZaakAdmin(IndexedSearchMixin, ReadOnlyAdmin):
    list_display = (
        "identificatie",
        "bronorganisatie",
        "zaaktype_weergave",
        "startdatum",
        "einddatum",
        "vertrouwelijkheidaanduiding",
    )
    list_select_related = ("zaaktype",)
    # only indexed columns, and only filters whose choices are static (no SELECT DISTINCT over the table)
    list_filter = (
        "vertrouwelijkheidaanduiding",
        "archiefstatus",
        "archiefnominatie",
        ("startdatum", admin.DateFieldListFilter),
        ("einddatum", admin.DateFieldListFilter),
        ("registratiedatum", admin.DateFieldListFilter),
    )
    search_uuid_fields = ("uuid",)
    search_exact_fields = ("bronorganisatie",)
    search_prefix_fields = ("identificatie",)
    search_help_text = "Zoek op UUID, bronorganisatie, exacte identificatie of het begin ervan (hoofdlettergevoelig)."
    ordering = ("-pk",)
    inlines = (
        StatusInline,
        RolInline,
        ZaakObjectInline,
        ResultaatInline,
        ZaakInformatieObjectInline,
        ZaakEigenschapInline,
    )

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in Zaak._meta.fields] + ["audit_trail"]

    @admin.display(description="zaaktype", ordering="zaaktype_url")
    def zaaktype_weergave(self, obj: Zaak) -> str:
        return _type_weergave(obj, "zaaktype")

    @admin.display(description="audit trail")
    def audit_trail(self, obj: Zaak) -> str:
        return audit_trail_link(BRON, obj.uuid)


class ZaakChildAdmin(IndexedSearchMixin, ReadOnlyAdmin):
    """A sub-resource of a zaak: searchable by its own uuid, listed with its zaak."""

    list_select_related = ("zaak",)
    raw_id_fields = ("zaak",)
    ordering = ("-pk",)

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]


@admin.register(Status)
class StatusAdmin(ZaakChildAdmin):
    list_display = ("uuid", "zaak", "statustype_url", "datum_status_gezet")


@admin.register(Resultaat)
class ResultaatAdmin(ZaakChildAdmin):
    list_display = ("uuid", "zaak", "resultaattype_url")


@admin.register(Rol)
class RolAdmin(ZaakChildAdmin):
    list_display = ("uuid", "zaak", "betrokkene_type", "omschrijving_generiek", "betrokkene")
    list_filter = ("betrokkene_type",)
    search_exact_fields = ("betrokkene",)


@admin.register(ZaakObject)
class ZaakObjectAdmin(ZaakChildAdmin):
    list_display = ("uuid", "zaak", "object_type", "object")
    list_filter = ("object_type",)
    search_exact_fields = ("object",)


@admin.register(ZaakInformatieObject)
class ZaakInformatieObjectAdmin(ZaakChildAdmin):
    list_display = ("uuid", "zaak", "informatieobject_url", "titel", "registratiedatum")
    search_exact_fields = ("informatieobject_url",)


@admin.register(ZaakEigenschap)
class ZaakEigenschapAdmin(ZaakChildAdmin):
    list_display = ("uuid", "zaak", "naam", "waarde")


@admin.register(ZaakBesluit)
class ZaakBesluitAdmin(ZaakChildAdmin):
    list_display = ("uuid", "zaak", "besluit_url")
    search_exact_fields = ("besluit_url",)


@admin.register(KlantContact)
class KlantContactAdmin(ZaakChildAdmin):
    list_display = ("uuid", "zaak", "identificatie", "datumtijd", "kanaal")


@admin.register(ZaakContactMoment)
class ZaakContactMomentAdmin(ZaakChildAdmin):
    list_display = ("uuid", "zaak", "contactmoment")
    search_exact_fields = ("contactmoment",)


@admin.register(ZaakVerzoek)
class ZaakVerzoekAdmin(ZaakChildAdmin):
    list_display = ("uuid", "zaak", "verzoek")
    search_exact_fields = ("verzoek",)


# ---- new in Zaken 1.7.0 ---------------------------------------------------------------------------------------


@admin.register(ZaakNotitie)
class ZaakNotitieAdmin(ZaakChildAdmin):
    list_display = ("uuid", "zaak", "onderwerp", "notitie_type", "status", "aangemaakt_door", "wijzigingsdatum")
    list_filter = ("notitie_type", "status", ("aanmaakdatum", admin.DateFieldListFilter))
    search_exact_fields = ("aangemaakt_door",)


@admin.register(ZaakNummerReservering)
class ZaakNummerReserveringAdmin(IndexedSearchMixin, ReadOnlyAdmin):
    """Reserved zaaknummers not yet used by a zaak (a zaak created with one removes its row)."""

    list_display = ("identificatie", "bronorganisatie", "aangemaakt", "applicatie")
    search_uuid_fields = ()
    search_exact_fields = ("bronorganisatie", "identificatie")
    ordering = ("-pk",)

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in ZaakNummerReservering._meta.fields]
