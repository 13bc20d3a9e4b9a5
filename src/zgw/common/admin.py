"""Admin for the shared tables (services, audit trail, outbox, identificatie counters) and the read-only building
blocks the component admins (Zaken, Documenten, Besluiten) reuse: no writes, indexed search, and a paginator without
full-table counts.
"""

from __future__ import annotations

import json
import uuid as _uuid

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, Permission, User
from django.core.paginator import Paginator
from django.db import connections
from django.db.models import Q, QuerySet, URLField
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join

from .models import AuditTrail, IdentificatieCounter, OutboxMessage, Service

EXACT_COUNT_LIMIT = 10_000

# The project's own name on every admin page instead of Django's "Django-beheer" (issue 18 §4).
admin.site.site_header = "ZGW-referentieserver – beheer"
admin.site.site_title = "ZGW-beheer"
admin.site.index_title = "Beheer van catalogi, zaken, documenten, besluiten, autorisaties en notificaties"
admin.site.site_url = "/"


# Django stores permission names in English ("Can add zaak") when it creates them; show them in Dutch instead, so the
# user and group pages are one language as well (issue 18 §4).
PERMISSION_VERBS = {"add": "toevoegen", "change": "wijzigen", "delete": "verwijderen", "view": "bekijken"}


def permission_label(permission: Permission) -> str:
    content_type = permission.content_type
    action = permission.codename.partition("_")[0]
    model = content_type.model_class()
    if action in PERMISSION_VERBS and model is not None and permission.codename == f"{action}_{content_type.model}":
        text = f"Mag {model._meta.verbose_name} {PERMISSION_VERBS[action]}"
    else:
        text = permission.name
    return f"{content_type.app_labeled_name} | {text}"


class DutchPermissionsMixin:
    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if field is not None and db_field.related_model is Permission:
            field.label_from_instance = permission_label
        return field


admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class DutchUserAdmin(DutchPermissionsMixin, UserAdmin):
    pass


@admin.register(Group)
class DutchGroupAdmin(DutchPermissionsMixin, GroupAdmin):
    pass


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ("label", "api_root", "auth_type", "client_id")
    search_fields = ("label", "api_root")


# --- scalable lists ---------------------------------------------------------------------------------------------


def _table_estimate(queryset: QuerySet) -> int | None:
    """The planner's row estimate of the whole table (PostgreSQL ``pg_class.reltuples``); None when unknown."""
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass(%s)",
            [connection.ops.quote_name(queryset.model._meta.db_table)],
        )
        row = cursor.fetchone()
    return int(row[0]) if row and row[0] is not None and row[0] >= 0 else None


def _plan_estimate(queryset: QuerySet) -> int | None:
    """The planner's row estimate for a filtered query (``EXPLAIN (FORMAT JSON)``), PostgreSQL only."""
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return None
    sql, params = queryset.order_by().values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])


def bounded_count(queryset: QuerySet, limit: int = EXACT_COUNT_LIMIT) -> int:
    """``COUNT(*)`` over at most ``limit + 1`` rows: exact for small results, cheap for huge ones."""
    return queryset.order_by().values("pk")[: limit + 1].count()


class EstimatedCountPaginator(Paginator):
    """Counts without scanning the whole table.

    Unfiltered: ``pg_class.reltuples`` when the table is large, else a bounded (LIMITed) count. Filtered: a bounded
    count; only when that hits the bound the planner's estimate is used. No query ever runs a plain ``COUNT(*)``.
    """

    @cached_property
    def count(self) -> int:
        queryset = self.object_list
        if not isinstance(queryset, QuerySet):
            return len(queryset)
        if not queryset.query.where:
            estimate = _table_estimate(queryset)
            if estimate is not None and estimate > EXACT_COUNT_LIMIT:
                return estimate
        counted = bounded_count(queryset)
        if counted <= EXACT_COUNT_LIMIT:
            return counted
        estimate = _plan_estimate(queryset)
        return max(counted, estimate or 0)


class IndexedSearchMixin:
    """Search with index-friendly lookups only: a UUID term matches ``search_uuid_fields`` exactly, any term matches
    ``search_exact_fields`` exactly and ``search_prefix_fields`` by case-sensitive prefix (``LIKE 'x%'``, served by
    the ``varchar_pattern_ops`` index Django adds to indexed CharFields). Never ``LIKE '%x%'``."""

    search_uuid_fields: tuple[str, ...] = ("uuid",)
    search_exact_fields: tuple[str, ...] = ()
    search_prefix_fields: tuple[str, ...] = ()

    def get_search_fields(self, request):
        # non-empty so the search box is shown; the lookups themselves come from get_search_results
        return self.search_uuid_fields + self.search_exact_fields + self.search_prefix_fields

    def get_search_results(self, request, queryset: QuerySet, search_term: str):
        term = search_term.strip()
        if not term:
            return queryset, False
        condition = Q()
        try:
            as_uuid = _uuid.UUID(term)
        except ValueError:
            as_uuid = None
        if as_uuid is not None:
            for field in self.search_uuid_fields:
                condition |= Q(**{field: as_uuid})
        for field in self.search_exact_fields:
            condition |= Q(**{field: term})
        for field in self.search_prefix_fields:
            condition |= Q(**{f"{field}__startswith": term})
        if not condition:
            return queryset.none(), False
        return queryset.filter(condition), False


class ReadOnlyAdminMixin:
    """View-only: no add, change or delete (writes belong to the API and its services)."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ReadOnlyAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """A read-only ModelAdmin whose list scales to millions of rows."""

    show_full_result_count = False
    paginator = EstimatedCountPaginator
    list_per_page = 50
    actions = None
    formfield_overrides = {URLField: {"assume_scheme": "https"}}


class ReadOnlyInline(ReadOnlyAdminMixin, admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False
    formfield_overrides = {URLField: {"assume_scheme": "https"}}

    def get_readonly_fields(self, request, obj=None):
        return self.fields or [f.name for f in self.model._meta.fields]


def audit_trail_link(bron: str, hoofd_object_uuid) -> str:
    """A link to the audit trail of one main object in the AuditTrail admin."""
    url = reverse("admin:common_audittrail_changelist")
    return format_html('<a href="{}?bron={}&amp;q={}">Audit trail bekijken</a>', url, bron, hoofd_object_uuid)


# --- audit trail ------------------------------------------------------------------------------------------------


def _choices_filter(title: str, parameter: str, values: tuple[str, ...]) -> type[admin.SimpleListFilter]:
    """A list filter with fixed choices: Django's default would run SELECT DISTINCT over the whole table."""

    class _Filter(admin.SimpleListFilter):
        def lookups(self, request, model_admin):
            return [(value, value) for value in values]

        def queryset(self, request, queryset):
            value = self.value()
            return queryset.filter(**{parameter: value}) if value else queryset

    _Filter.title = title
    _Filter.parameter_name = parameter
    _Filter.__name__ = f"{parameter.capitalize()}Filter"
    return _Filter


BRONNEN = ("zrc", "drc", "brc", "ztc", "ac", "nrc")
KANALEN = ("zaken", "documenten", "besluiten", "zaaktypen", "informatieobjecttypen", "besluittypen", "autorisaties")
IDENTIFICATIE_KINDS = ("zaak", "document", "besluit")
ACTIES = ("create", "list", "retrieve", "update", "partial_update", "destroy")
RESOURCES = (
    "zaak", "status", "resultaat", "rol", "zaakobject", "zaakinformatieobject", "zaakeigenschap", "zaakbesluit",
    "klantcontact", "zaakcontactmoment", "zaakverzoek", "enkelvoudiginformatieobject", "gebruiksrechten",
    "objectinformatieobject", "verzending", "besluit", "besluitinformatieobject",
)  # fmt: skip


def _display(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def wijzigingen_rows(oud: dict | None, nieuw: dict | None) -> list[tuple[str, str, str, bool]]:
    """(veld, oud, nieuw, gewijzigd) for every key of either side, in a stable order."""
    oud = oud if isinstance(oud, dict) else {}
    nieuw = nieuw if isinstance(nieuw, dict) else {}
    keys = list(oud) + [key for key in nieuw if key not in oud]
    return [(k, _display(oud.get(k)), _display(nieuw.get(k)), oud.get(k) != nieuw.get(k)) for k in keys]


@admin.register(AuditTrail)
class AuditTrailAdmin(IndexedSearchMixin, ReadOnlyAdmin):
    list_display = (
        "aanmaakdatum",
        "bron",
        "resource",
        "actie",
        "resultaat",
        "resource_weergave",
        "applicatie_weergave",
    )
    list_filter = (
        _choices_filter("bron", "bron", BRONNEN),
        _choices_filter("resource", "resource", RESOURCES),
        _choices_filter("actie", "actie", ACTIES),
        ("aanmaakdatum", admin.DateFieldListFilter),
    )
    search_uuid_fields = ("hoofd_object_uuid", "uuid")
    search_exact_fields = ("resource_url", "hoofd_object")
    search_help_text = "Zoek op UUID van het hoofdobject (of van de regel) of op een exacte resource-URL."
    ordering = ("-id",)
    exclude = ("oud", "nieuw")
    readonly_fields = ("wijzigingen",)

    @admin.display(description="wijzigingen (oud → nieuw)")
    def wijzigingen(self, obj: AuditTrail) -> str:
        rows = wijzigingen_rows(obj.oud, obj.nieuw)
        if not rows:
            return "—"
        body = format_html_join(
            "",
            '<tr style="{}"><td>{}</td><td><pre style="white-space:pre-wrap">{}</pre></td>'
            '<td><pre style="white-space:pre-wrap">{}</pre></td></tr>',
            (("font-weight:bold" if changed else "", key, old, new) for key, old, new, changed in rows),
        )
        return format_html("<table><tr><th>veld</th><th>oud</th><th>nieuw</th></tr>{}</table>", body)


@admin.register(OutboxMessage)
class OutboxMessageAdmin(IndexedSearchMixin, ReadOnlyAdmin):
    list_display = ("aanmaakdatum", "kanaal", "resource", "actie", "status", "attempts")
    list_filter = ("status", _choices_filter("kanaal", "kanaal", KANALEN))
    search_uuid_fields = ()
    search_exact_fields = ("resource_url",)
    ordering = ("-id",)


@admin.register(IdentificatieCounter)
class IdentificatieCounterAdmin(IndexedSearchMixin, ReadOnlyAdmin):
    """View-only: the counters are written by ``common.identificatie`` only (a manual edit could reissue numbers)."""

    list_display = ("kind", "organisatie", "year", "last")
    list_filter = (_choices_filter("soort", "kind", IDENTIFICATIE_KINDS),)
    search_uuid_fields = ()
    search_exact_fields = ("organisatie",)
    search_help_text = "Zoek op exact RSIN van de organisatie."
    ordering = ("kind", "organisatie", "-year")
    readonly_fields = ("kind", "organisatie", "year", "last")
