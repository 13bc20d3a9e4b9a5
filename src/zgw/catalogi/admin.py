"""Beheer UI of the zaaktypecatalogus (Django admin).

Every write goes through the Catalogi services (see ``forms.py``), so the admin enforces exactly the ztc rules of
the API. Lists avoid full-table counts (``show_full_result_count = False``) and search on exact/prefix lookups.
"""

from __future__ import annotations

import datetime

from django import forms as django_forms
from django.contrib import admin, messages
from django.db import models, transaction
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from rest_framework.exceptions import ValidationError as APIValidationError

from zgw.common.references import request_base_url

from . import catalogus_io, services
from . import forms as f
from . import models as m

# --- shared machinery -----------------------------------------------------------------------------------------


class ServiceAdmin(admin.ModelAdmin):
    """Saves through ``form.write()`` (the service) instead of ``obj.save()``."""

    show_full_result_count = False
    list_per_page = 50
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"request": request})

    def get_formsets_with_inlines(self, request, obj=None):
        for formset, inline in super().get_formsets_with_inlines(request, obj):
            yield type(formset.__name__, (formset,), {"request": request}), inline

    def save_model(self, request, obj, form, change) -> None:
        saved = form.write()
        obj.pk = saved.pk
        obj._state.adding = False
        obj.refresh_from_db()

    def save_related(self, request, form, formsets, change) -> None:
        # the service already wrote the form's relations; only the inlines remain
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def save_formset(self, request, form, formset, change) -> None:
        if not issubclass(type(formset), f.ServiceInlineFormSet):
            return super().save_formset(request, form, formset, change)
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for row in formset.deleted_forms:
            if row.instance.pk is not None:
                f.delete_subtype(row.instance, request)
                formset.deleted_objects.append(row.instance)
        for row in formset.forms:
            if row in formset.deleted_forms or not row.has_changed():
                continue
            is_new = row.instance.pk is None
            saved = f.save_subtype(row, form.instance, request)
            if is_new:
                formset.new_objects.append(saved)
            else:
                formset.changed_objects.append((saved, row.changed_data))

    def delete_model(self, request, obj) -> None:
        self.service_delete(obj, request)

    def delete_queryset(self, request, queryset) -> None:
        for obj in queryset:
            self.service_delete(obj, request)

    def service_delete(self, obj, request) -> None:
        obj.delete()


def _report(modeladmin: admin.ModelAdmin, request, obj, exc: APIValidationError) -> None:
    text = "; ".join(message for _name, message in f.error_messages(exc))
    modeladmin.message_user(request, f"{obj}: {text}", messages.ERROR)


@admin.action(description="Publiceren (concept definitief maken)")
def publiceren(modeladmin, request, queryset) -> None:
    done = 0
    for obj in queryset:
        if not obj.concept:
            modeladmin.message_user(request, f"{obj} is al gepubliceerd.", messages.WARNING)
            continue
        try:
            with transaction.atomic():
                services.publish(obj, request=request)
            done += 1
        except APIValidationError as exc:
            _report(modeladmin, request, obj, exc)
    if done:
        modeladmin.message_user(request, f"{done} object(en) gepubliceerd.", messages.SUCCESS)


@admin.action(description="Nieuwe versie aanmaken (concept, begint vandaag)")
def nieuwe_versie(modeladmin, request, queryset) -> None:
    today = datetime.date.today()
    for obj in queryset:
        try:
            copy = catalogus_io.new_version(obj, today, base_url=request_base_url(request))
        except (APIValidationError, catalogus_io.CatalogusImportError) as exc:
            message = exc.args[0] if isinstance(exc, catalogus_io.CatalogusImportError) else exc
            modeladmin.message_user(request, f"{obj}: {message}", messages.ERROR)
            continue
        modeladmin.message_user(
            request,
            f"Nieuwe versie van {obj} aangemaakt (concept vanaf {today}). Zet de einddatum geldigheid van de "
            f"vorige versie vóór het publiceren.",
            messages.SUCCESS,
        )
        if len(queryset) == 1:
            return HttpResponseRedirect(reverse(f"admin:catalogi_{copy._meta.model_name}_change", args=[copy.pk]))
    return None


class MainTypeAdmin(ServiceAdmin):
    actions = (publiceren, nieuwe_versie)
    list_select_related = ("catalogus",)
    list_filter = ("concept", "catalogus")
    readonly_fields = ("uuid", "concept")
    date_hierarchy = None

    def service_delete(self, obj, request) -> None:
        delete = {
            m.ZaakType: services.delete_zaaktype,
            m.InformatieObjectType: services.delete_informatieobjecttype,
            m.BesluitType: services.delete_besluittype,
        }[type(obj)]
        delete(f.fresh(obj), geforceerd=False, request=request)

    def delete_view(self, request, object_id, extra_context=None):
        try:
            with transaction.atomic():
                return super().delete_view(request, object_id, extra_context)
        except APIValidationError as exc:
            self.message_user(request, "; ".join(msg for _n, msg in f.error_messages(exc)), messages.ERROR)
            return HttpResponseRedirect(request.path)


# --- inlines of a zaaktype ------------------------------------------------------------------------------------


URL_OVERRIDES = {models.URLField: {"assume_scheme": "https"}}


class SubTypeInline(admin.TabularInline):
    formfield_overrides = URL_OVERRIDES
    form = f.SubTypeForm
    formset = f.ServiceInlineFormSet
    extra = 0
    show_change_link = False
    exclude = ("uuid", "datum_begin_geldigheid", "datum_einde_geldigheid", "begin_object", "einde_object")


class StatusTypeInline(SubTypeInline):
    model = m.StatusType
    fields = ("volgnummer", "omschrijving", "omschrijving_generiek", "statustekst", "informeren", "doorlooptijd")
    exclude = None
    verbose_name_plural = "statustypen"


class RolTypeInline(SubTypeInline):
    model = m.RolType
    fields = ("omschrijving", "omschrijving_generiek")
    exclude = None


class ResultaatTypeInline(admin.StackedInline):
    model = m.ResultaatType
    formfield_overrides = URL_OVERRIDES
    form = f.SubTypeForm
    formset = f.ServiceInlineFormSet
    extra = 0
    fields = (
        "omschrijving",
        "resultaattypeomschrijving",
        "selectielijstklasse",
        "toelichting",
        ("archiefnominatie", "archiefactietermijn"),
        "brondatum_archiefprocedure_afleidingswijze",
        ("brondatum_archiefprocedure_datumkenmerk", "brondatum_archiefprocedure_einddatum_bekend"),
        ("brondatum_archiefprocedure_objecttype", "brondatum_archiefprocedure_registratie"),
        "brondatum_archiefprocedure_procestermijn",
    )


class EigenschapInline(SubTypeInline):
    model = m.Eigenschap
    fields = ("naam", "definitie", "toelichting", "formaat", "lengte", "kardinaliteit", "statustype")
    exclude = None
    raw_id_fields = ("statustype",)


class ZIOTInline(SubTypeInline):
    model = m.ZaakTypeInformatieObjectType
    fields = ("informatieobjecttype", "volgnummer", "richting", "statustype")
    exclude = None
    autocomplete_fields = ("informatieobjecttype",)
    raw_id_fields = ("statustype",)
    verbose_name = "informatieobjecttype"
    verbose_name_plural = "informatieobjecttypen (zaaktype-informatieobjecttypen)"


# --- registrations ----------------------------------------------------------------------------------------------


class ImportForm(django_forms.Form):
    bestand = django_forms.FileField(label="Exportbestand (ZIP)")
    domein = django_forms.CharField(label="Domein (leeg: uit de export)", max_length=5, required=False)
    rsin = django_forms.CharField(label="RSIN (leeg: uit de export)", max_length=9, required=False)


@admin.action(description="Exporteren (ZIP met JSON)")
def exporteren(modeladmin, request, queryset):
    if queryset.count() != 1:
        modeladmin.message_user(request, "Kies precies één catalogus om te exporteren.", messages.ERROR)
        return None
    catalogus = queryset.get()
    content = catalogus_io.export_catalogus(catalogus, request_base_url(request))
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="catalogus-{catalogus.domein}-{catalogus.uuid}.zip"'
    return response


@admin.register(m.Catalogus)
class CatalogusAdmin(ServiceAdmin):
    form = f.CatalogusForm
    list_display = ("domein", "rsin", "naam", "versie", "contactpersoon_beheer_naam")
    search_fields = ("=domein", "=rsin", "^naam", "=uuid")
    readonly_fields = ("uuid",)
    actions = (exporteren,)
    change_list_template = "admin/catalogi/catalogus/change_list.html"

    def get_urls(self):
        extra = [path("import/", self.admin_site.admin_view(self.import_view), name="catalogi_catalogus_import")]
        return extra + super().get_urls()

    def import_view(self, request):
        if not self.has_add_permission(request):
            return HttpResponse(status=403)
        form = ImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            lines: list[str] = []
            try:
                catalogus = catalogus_io.import_catalogus(
                    form.cleaned_data["bestand"].read(),
                    domein=form.cleaned_data["domein"] or None,
                    rsin=form.cleaned_data["rsin"] or None,
                    base_url=request_base_url(request),
                    progress=lines.append,
                )
            except catalogus_io.CatalogusImportError as exc:
                form.add_error(None, f"Import mislukt, er is niets opgeslagen: {exc}")
            else:
                self.message_user(request, f"Catalogus {catalogus} geïmporteerd. " + "; ".join(lines))
                return HttpResponseRedirect(reverse("admin:catalogi_catalogus_change", args=[catalogus.pk]))
        context = {
            **self.admin_site.each_context(request),
            "form": form,
            "opts": self.model._meta,
            "title": "Catalogus importeren",
        }
        return TemplateResponse(request, "admin/catalogi/catalogus/import.html", context)


@admin.register(m.ZaakType)
class ZaakTypeAdmin(MainTypeAdmin):
    form = f.ZaakTypeForm
    list_display = (
        "identificatie",
        "omschrijving",
        "catalogus",
        "concept",
        "datum_begin_geldigheid",
        "datum_einde_geldigheid",
    )
    search_fields = ("^identificatie", "^omschrijving", "=uuid")
    inlines = (StatusTypeInline, RolTypeInline, ResultaatTypeInline, EigenschapInline, ZIOTInline)
    autocomplete_fields = ("besluittypen", "deelzaaktypen")
    ordering = ("identificatie", "-datum_begin_geldigheid")


@admin.register(m.InformatieObjectType)
class InformatieObjectTypeAdmin(MainTypeAdmin):
    form = f.InformatieObjectTypeForm
    list_display = ("omschrijving", "catalogus", "concept", "datum_begin_geldigheid", "datum_einde_geldigheid")
    search_fields = ("^omschrijving", "=uuid")
    ordering = ("omschrijving", "-datum_begin_geldigheid")


@admin.register(m.BesluitType)
class BesluitTypeAdmin(MainTypeAdmin):
    form = f.BesluitTypeForm
    list_display = ("omschrijving", "catalogus", "concept", "datum_begin_geldigheid", "datum_einde_geldigheid")
    search_fields = ("^omschrijving", "=uuid")
    autocomplete_fields = ("informatieobjecttypen",)
    ordering = ("omschrijving", "-datum_begin_geldigheid")
