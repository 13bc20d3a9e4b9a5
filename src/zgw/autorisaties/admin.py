from django.contrib import admin

from .models import Applicatie, Autorisatie, ClientCredential, ClientIdentifier
from .selectors import invalidate_client_cache


class ClientIdentifierInline(admin.TabularInline):
    model = ClientIdentifier
    extra = 1


class AutorisatieInline(admin.StackedInline):
    model = Autorisatie
    extra = 0


@admin.register(Applicatie)
class ApplicatieAdmin(admin.ModelAdmin):
    list_display = ("label", "uuid", "heeft_alle_autorisaties", "alleen_is_gereed_voor_publicatie")
    search_fields = ("label", "uuid", "client_identifiers__client_id")
    list_filter = ("heeft_alle_autorisaties", "alleen_is_gereed_voor_publicatie")
    inlines = [ClientIdentifierInline, AutorisatieInline]
    readonly_fields = ("uuid",)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        invalidate_client_cache()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        invalidate_client_cache()


@admin.register(ClientCredential)
class ClientCredentialAdmin(admin.ModelAdmin):
    list_display = ("client_id",)
    search_fields = ("client_id",)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        invalidate_client_cache()
