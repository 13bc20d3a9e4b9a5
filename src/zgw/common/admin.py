from django.contrib import admin

from .models import AuditTrail, OutboxMessage, Service


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ("label", "api_root", "auth_type", "client_id")
    search_fields = ("label", "api_root")


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(AuditTrail)
class AuditTrailAdmin(ReadOnlyAdmin):
    list_display = ("aanmaakdatum", "bron", "resource", "actie", "resource_weergave", "applicatie_weergave")
    list_filter = ("bron", "actie", "resource")
    search_fields = ("=hoofd_object_uuid", "resource_url")
    date_hierarchy = "aanmaakdatum"
    show_full_result_count = False


@admin.register(OutboxMessage)
class OutboxMessageAdmin(ReadOnlyAdmin):
    list_display = ("aanmaakdatum", "kanaal", "resource", "actie", "status", "attempts")
    list_filter = ("status", "kanaal")
    search_fields = ("resource_url",)
    show_full_result_count = False
