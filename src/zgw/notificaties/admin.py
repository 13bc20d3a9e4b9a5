"""Admin: kanalen, abonnementen, and the delivery log with every attempt and a manual re-send."""

from __future__ import annotations

from django.contrib import admin, messages

from .delivery import resend
from .dispatch import enqueue_deliveries
from .forms import AbonnementAdminForm
from .models import Abonnement, Delivery, DeliveryAttempt, FilterGroup, Kanaal, Notificatie
from .services import deactivate_abonnement


@admin.register(Kanaal)
class KanaalAdmin(admin.ModelAdmin):
    list_display = ("naam", "documentatie_link", "filters")
    search_fields = ("naam",)
    readonly_fields = ("uuid",)


class FilterGroupInline(admin.TabularInline):
    model = FilterGroup
    extra = 0


@admin.action(description="Deactiveren (kanalen loskoppelen, afleverhistorie blijft)")
def deactivate_abonnementen(modeladmin, request, queryset):
    for abonnement in queryset:
        deactivate_abonnement(abonnement)
    modeladmin.message_user(request, f"{len(queryset)} abonnement(en) gedeactiveerd.", messages.SUCCESS)


# Dutch column and field labels for the delivery records, whose model fields carry English names (issue 18 §4: one
# language per page). The models carry the same labels as verbose_name (used by list filters and inlines).
LABELS = {
    "notificatie": "notificatie",
    "abonnement": "abonnement",
    "target": "bestemming",
    "status": "status",
    "attempts": "pogingen",
    "last_status_code": "laatste statuscode",
    "last_error": "laatste fout",
    "next_attempt_at": "volgende poging",
    "delivered_at": "afgeleverd op",
    "created": "aangemaakt",
    "queued_until": "in de wachtrij tot",
    "locked_until": "vergrendeld tot",
    "delivery": "aflevering",
    "number": "nummer",
    "started_at": "gestart op",
    "duration_ms": "duur (ms)",
    "status_code": "statuscode",
    "response_excerpt": "begin van het antwoord",
    "error": "fout",
    "success": "gelukt",
}


def labelled(name: str):
    """A read-only column/field showing ``name`` under its Dutch label (choices shown by their display value)."""

    def show(obj):
        display = getattr(obj, f"get_{name}_display", None)
        return display() if display else getattr(obj, name)

    show.__name__ = f"nl_{name}"
    return admin.display(description=LABELS[name], ordering=name, boolean=name == "success")(show)


def nl(*names: str) -> tuple:
    return tuple(labelled(name) if name in LABELS else name for name in names)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records of what happened: viewable, never added, edited or deleted by hand (actions still run)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Abonnement)
class AbonnementAdmin(admin.ModelAdmin):
    """An abonnement with afleveringen is deactivated, not deleted: its delivery history stays readable. ``auth`` is
    write-only (:class:`~zgw.notificaties.forms.AbonnementAdminForm`)."""

    form = AbonnementAdminForm
    list_display = ("callback_url", "client_id", "aangemaakt", "actief", "verwijderd")
    list_filter = (("verwijderd", admin.EmptyFieldListFilter),)
    search_fields = ("callback_url", "client_id", "=uuid")
    readonly_fields = ("uuid", "verwijderd")
    inlines = [FilterGroupInline]
    actions = [deactivate_abonnementen]

    @admin.display(boolean=True, description="actief")
    def actief(self, obj: Abonnement) -> bool:
        return obj.filter_groups.exists()

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # bulk delete would take delivery histories with it
        return actions

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.deliveries.exists():
            return False
        return super().has_delete_permission(request, obj)


class DeliveryAttemptInline(admin.TabularInline):
    model = DeliveryAttempt
    extra = 0
    can_delete = False
    fields = nl("number", "started_at", "duration_ms", "status_code", "success", "error", "response_excerpt")
    readonly_fields = fields
    verbose_name = "afleverpoging"
    verbose_name_plural = "afleverpogingen"

    def has_add_permission(self, request, obj=None):
        return False


@admin.action(description="Opnieuw versturen")
def resend_deliveries(modeladmin, request, queryset):
    ids = resend(list(queryset.values_list("pk", flat=True)))
    enqueue_deliveries(ids)
    modeladmin.message_user(request, f"{len(ids)} aflevering(en) opnieuw ingepland.", messages.SUCCESS)


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyAdmin):
    list_display = ("id",) + nl(
        "notificatie",
        "abonnement",
        "target",
        "status",
        "attempts",
        "last_status_code",
        "next_attempt_at",
        "delivered_at",
    )
    list_filter = ("status", "target", "notificatie__kanaal")
    search_fields = ("abonnement__callback_url", "=notificatie__uuid")
    list_select_related = ("notificatie", "abonnement")
    fields = readonly_fields = nl(
        "notificatie",
        "abonnement",
        "target",
        "status",
        "attempts",
        "last_status_code",
        "last_error",
        "next_attempt_at",
        "delivered_at",
        "created",
        "queued_until",
        "locked_until",
    )
    actions = [resend_deliveries]
    inlines = [DeliveryAttemptInline]
    show_full_result_count = False


@admin.register(DeliveryAttempt)
class DeliveryAttemptAdmin(ReadOnlyAdmin):
    list_display = nl("delivery", "number", "started_at", "status_code", "success", "duration_ms", "error")
    list_filter = ("success", "status_code")
    list_select_related = ("delivery", "delivery__notificatie", "delivery__abonnement")
    fields = readonly_fields = nl(
        "delivery",
        "number",
        "started_at",
        "duration_ms",
        "status_code",
        "response_excerpt",
        "error",
        "success",
    )
    show_full_result_count = False


@admin.register(Notificatie)
class NotificatieAdmin(ReadOnlyAdmin):
    list_display = ("ontvangen", "kanaal", "__str__")
    list_filter = ("kanaal",)
    search_fields = ("=uuid",)
    readonly_fields = ("uuid", "kanaal", "payload", "outbox", "ontvangen")
    show_full_result_count = False
