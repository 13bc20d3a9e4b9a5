"""Admin: kanalen, abonnementen, and the delivery log with every attempt and a manual re-send."""

from __future__ import annotations

from django.contrib import admin, messages

from .delivery import resend
from .dispatch import enqueue_deliveries
from .models import Abonnement, Delivery, DeliveryAttempt, FilterGroup, Kanaal, Notificatie


@admin.register(Kanaal)
class KanaalAdmin(admin.ModelAdmin):
    list_display = ("naam", "documentatie_link", "filters")
    search_fields = ("naam",)
    readonly_fields = ("uuid",)


class FilterGroupInline(admin.TabularInline):
    model = FilterGroup
    extra = 0


@admin.register(Abonnement)
class AbonnementAdmin(admin.ModelAdmin):
    list_display = ("callback_url", "client_id", "aangemaakt")
    search_fields = ("callback_url", "client_id", "=uuid")
    readonly_fields = ("uuid",)
    inlines = [FilterGroupInline]


class DeliveryAttemptInline(admin.TabularInline):
    model = DeliveryAttempt
    extra = 0
    can_delete = False
    fields = ("number", "started_at", "duration_ms", "status_code", "success", "error", "response_excerpt")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.action(description="Opnieuw versturen")
def resend_deliveries(modeladmin, request, queryset):
    ids = resend(list(queryset.values_list("pk", flat=True)))
    enqueue_deliveries(ids)
    modeladmin.message_user(request, f"{len(ids)} aflevering(en) opnieuw ingepland.", messages.SUCCESS)


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = (
        "id",
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
    readonly_fields = (
        "notificatie",
        "abonnement",
        "target",
        "attempts",
        "last_status_code",
        "last_error",
        "delivered_at",
        "created",
        "queued_until",
        "locked_until",
    )
    actions = [resend_deliveries]
    inlines = [DeliveryAttemptInline]
    show_full_result_count = False


@admin.register(DeliveryAttempt)
class DeliveryAttemptAdmin(admin.ModelAdmin):
    list_display = ("delivery", "number", "started_at", "status_code", "success", "duration_ms", "error")
    list_filter = ("success", "status_code")
    list_select_related = ("delivery", "delivery__notificatie", "delivery__abonnement")
    readonly_fields = (
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

    def has_add_permission(self, request):
        return False


@admin.register(Notificatie)
class NotificatieAdmin(admin.ModelAdmin):
    list_display = ("ontvangen", "kanaal", "__str__")
    list_filter = ("kanaal",)
    search_fields = ("=uuid",)
    readonly_fields = ("uuid", "kanaal", "payload", "outbox", "ontvangen")
    show_full_result_count = False
