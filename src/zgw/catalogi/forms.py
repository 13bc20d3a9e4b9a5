"""Admin forms that validate and write through the Catalogi services: one implementation of the ztc rules.

A form's ``clean`` runs the real service inside a savepoint that is always rolled back (a dry run) and turns the
service's DRF ``ValidationError`` into form errors; ``ModelAdmin.save_model`` / ``save_formset`` then run the same
service for real.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django import forms
from django.db import models, transaction
from rest_framework.exceptions import ValidationError as APIValidationError

from zgw.common.references import is_valid_url, object_url

from . import models as m
from . import services

# API field names that differ from "camelCase of the model field"
API_FIELD_NAMES = {
    "beginGeldigheid": "datum_begin_geldigheid",
    "eindeGeldigheid": "datum_einde_geldigheid",
    "specificatie.lengte": "lengte",
    "specificatie.kardinaliteit": "kardinaliteit",
    "specificatie.formaat": "formaat",
}


def editable_fields(model: type[models.Model], *, without: tuple[str, ...] = ()) -> list[str]:
    """The model's editable fields minus ``without`` (the ModelForm ``fields`` list)."""
    return [
        field.name
        for field in [*model._meta.concrete_fields, *model._meta.many_to_many]
        if field.editable and not field.primary_key and field.name not in without
    ]


class _Rollback(Exception):
    pass


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def error_messages(exc: APIValidationError) -> list[tuple[str, str]]:
    """Flatten a service error into ``(api field name, message)`` pairs."""
    detail = exc.detail
    pairs: list[tuple[str, str]] = []
    if isinstance(detail, dict):
        for name, messages in detail.items():
            for message in messages if isinstance(messages, list) else [messages]:
                pairs.append((str(name), str(message)))
    else:
        for message in detail if isinstance(detail, list) else [detail]:
            pairs.append(("nonFieldErrors", str(message)))
    return pairs


def add_service_errors(form: forms.BaseForm, exc: APIValidationError) -> None:
    """Attach a service error to the matching form field, or to the form when there is none."""
    for name, message in error_messages(exc):
        field = API_FIELD_NAMES.get(name) or _snake(name.split(".")[-1])
        if field in form.fields:
            form.add_error(field, message)
        elif name == "nonFieldErrors":
            form.add_error(None, message)
        else:
            form.add_error(None, f"{name}: {message}")


def dry_run(write: Callable[[], Any]) -> None:
    """Run ``write`` and undo it; a service ``ValidationError`` propagates."""
    try:
        with transaction.atomic():
            write()
            raise _Rollback
    except _Rollback:
        pass


def fresh(instance: models.Model) -> models.Model | None:
    """A copy from the database for the services to change (``None`` for a new object)."""
    if instance.pk is None:
        return None
    return type(instance).objects.get(pk=instance.pk)


def _value(request, value: Any) -> Any:
    """Relation values as the services take them: URLs for relation lists, model rows for foreign keys."""
    if isinstance(value, models.QuerySet | list | tuple):
        return [object_url(request, obj) if isinstance(obj, models.Model) else obj for obj in value]
    return value


def _check_url(value: str) -> None:
    if value and not is_valid_url(value):
        raise forms.ValidationError("Voer een geldige URL in.", code="invalid")


def formfield(db_field: models.Field, **kwargs) -> forms.Field | None:
    """Model field -> form field; URL fields are replaced in ``LenientURLForm.__init__`` anyway."""
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return db_field.formfield(**kwargs)


class LenientURLForm(forms.ModelForm):
    """URL fields as the API checks them: Django's URLValidator rejects hosts without a TLD (``openzaak``)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in list(self.fields.items()):
            if isinstance(field, forms.URLField):
                self.fields[name] = forms.CharField(
                    label=field.label,
                    required=field.required,
                    max_length=field.max_length,
                    help_text=field.help_text,
                    validators=[_check_url],
                    widget=forms.URLInput(attrs={"size": 60}),
                )

    def _get_validation_exclusions(self):
        # the model's URLField validators would reject the same hosts again; the form fields checked them
        exclusions = super()._get_validation_exclusions()
        return exclusions | {f.name for f in self._meta.model._meta.fields if isinstance(f, models.URLField)}


class SubTypeForm(LenientURLForm):
    """Form of a zaaktype's sub-type row (validated by ``ServiceInlineFormSet``)."""


def _not_null(model: type[models.Model], data: dict[str, Any]) -> dict[str, Any]:
    """An empty form value of a NOT NULL column (a blank JSON list field) becomes the column's default."""
    for name, value in data.items():
        if value is None:
            try:
                field = model._meta.get_field(name)
            except Exception:  # noqa: BLE001 - not a model field
                continue
            if not field.null and not field.is_relation:
                data[name] = field.get_default()
    return data


class ServiceModelForm(LenientURLForm):
    """A main-type form: ``write(request)`` calls the service; ``clean`` dry-runs it."""

    request = None  # set by the ModelAdmin (get_form)
    url_fields: tuple[str, ...] = ()  # foreign keys the service takes as a URL

    def service_data(self) -> dict[str, Any]:
        names = self.changed_data if self.instance.pk else list(self.cleaned_data)
        data = {name: _value(self.request, self.cleaned_data[name]) for name in names if name in self.cleaned_data}
        for name in self.url_fields:
            if isinstance(data.get(name), models.Model):
                data[name] = object_url(self.request, data[name])
        return _not_null(self._meta.model, data)

    def write(self) -> models.Model:  # pragma: no cover - overridden
        raise NotImplementedError

    def clean(self) -> dict:
        cleaned = super().clean()
        if not self.errors:
            try:
                dry_run(self.write)
            except APIValidationError as exc:
                add_service_errors(self, exc)
        return cleaned


class CatalogusForm(ServiceModelForm):
    class Meta:
        model = m.Catalogus
        formfield_callback = formfield
        fields = editable_fields(m.Catalogus, without=("uuid",))

    def write(self) -> m.Catalogus:
        instance = fresh(self.instance)
        if instance is None:
            return services.create_catalogus(self.service_data(), request=self.request)
        # the Catalogi API has no update of a catalogus: only the RSIN check applies
        services.validate_rsin(self.cleaned_data["rsin"])
        for name, value in self.service_data().items():
            setattr(instance, name, value)
        instance.save()
        return instance


class MainTypeForm(ServiceModelForm):
    """beginGeldigheid is required in the API (the serializer checks it there)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "datum_begin_geldigheid" in self.fields:
            self.fields["datum_begin_geldigheid"].required = True


class ZaakTypeForm(MainTypeForm):
    class Meta:
        model = m.ZaakType
        formfield_callback = formfield
        # informatieobjecttypen: the ZIOT inline; the procestype year is derived by the service (ztc-001)
        fields = editable_fields(
            m.ZaakType, without=("uuid", "concept", "informatieobjecttypen", "selectielijst_procestype_jaar")
        )

    def write(self) -> m.ZaakType:
        instance = fresh(self.instance)
        if instance is None:
            return services.create_zaaktype(self.service_data(), request=self.request)
        return services.update_zaaktype(
            instance, self.service_data(), partial=True, geforceerd=False, request=self.request
        )


class InformatieObjectTypeForm(MainTypeForm):
    class Meta:
        model = m.InformatieObjectType
        formfield_callback = formfield
        fields = editable_fields(m.InformatieObjectType, without=("uuid", "concept"))

    def write(self) -> m.InformatieObjectType:
        instance = fresh(self.instance)
        if instance is None:
            return services.create_informatieobjecttype(self.service_data(), request=self.request)
        return services.update_informatieobjecttype(
            instance, self.service_data(), partial=True, geforceerd=False, request=self.request
        )


class BesluitTypeForm(MainTypeForm):
    class Meta:
        model = m.BesluitType
        formfield_callback = formfield
        fields = editable_fields(m.BesluitType, without=("uuid", "concept"))

    def write(self) -> m.BesluitType:
        instance = fresh(self.instance)
        if instance is None:
            return services.create_besluittype(self.service_data(), request=self.request)
        return services.update_besluittype(
            instance, self.service_data(), partial=True, geforceerd=False, request=self.request
        )


# --- Sub-types of a zaaktype (inlines) ----------------------------------------------------------------------------

SUBTYPE_SERVICES: dict[type[models.Model], Callable] = {
    m.StatusType: services.save_statustype,
    m.RolType: services.save_roltype,
    m.ResultaatType: services.save_resultaattype,
    m.Eigenschap: services.save_eigenschap,
    m.ZaakObjectType: services.save_zaakobjecttype,
    m.ZaakTypeInformatieObjectType: services.save_ziot,
}
SUBTYPE_URL_FIELDS = {m.ZaakTypeInformatieObjectType: ("informatieobjecttype",)}


def _subtype_data(form: forms.ModelForm, zaaktype: m.ZaakType, request) -> dict[str, Any]:
    skip = {"id", "DELETE", "zaaktype", form._meta.model._meta.pk.name}
    names = form.changed_data if form.instance.pk else list(form.cleaned_data)
    data = {name: _value(request, form.cleaned_data[name]) for name in names if name not in skip}
    for name in SUBTYPE_URL_FIELDS.get(form._meta.model, ()):
        if isinstance(data.get(name), models.Model):
            data[name] = object_url(request, data[name])
    data["zaaktype"] = zaaktype
    return _not_null(form._meta.model, data)


def save_subtype(form: forms.ModelForm, zaaktype: m.ZaakType, request) -> models.Model:
    service = SUBTYPE_SERVICES[form._meta.model]
    return service(fresh(form.instance), _subtype_data(form, zaaktype, request), geforceerd=False, request=request)


def delete_subtype(instance: models.Model, request) -> None:
    if isinstance(instance, m.ZaakTypeInformatieObjectType):
        services.delete_ziot(fresh(instance), geforceerd=False, request=request)
    else:
        services.delete_subtype(fresh(instance), geforceerd=False, request=request)


class ServiceInlineFormSet(forms.BaseInlineFormSet):
    """Dry-runs the sub-type services for every changed or deleted row (against a placeholder parent on add)."""

    request = None

    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        rows = [f for f in self.forms if f.has_changed() or f in self.deleted_forms]
        rows = [f for f in rows if not (f in self.deleted_forms and f.instance.pk is None)]
        if not rows:
            return
        parent = self.instance
        adding = parent.pk is None
        try:
            with transaction.atomic():
                if adding:  # the zaaktype form passed its own dry run; a row to hang the sub-types on
                    for field in parent._meta.concrete_fields:
                        if getattr(parent, field.attname) is None and not field.null and not field.primary_key:
                            setattr(parent, field.attname, field.get_default())
                    parent.save()
                for form in rows:
                    try:
                        with transaction.atomic():
                            if form in self.deleted_forms:
                                delete_subtype(form.instance, self.request)
                            else:
                                save_subtype(form, parent, self.request)
                    except APIValidationError as exc:
                        add_service_errors(form, exc)
                raise _Rollback
        except _Rollback:
            pass
        finally:
            if adding:
                parent.pk = None
                parent._state.adding = True
