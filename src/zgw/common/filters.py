"""Query-parameter filtering with the ZGW validation rules (common.md §6).

* An unknown query parameter gives 400 ``unknown-parameters`` (name ``nonFieldErrors``).
* A malformed value gives 400 with ``invalidParams`` named after the parameter.
* A URL filter whose URL is well-formed but resolves to nothing matches nothing (empty result, no error).
"""

from __future__ import annotations

from django import forms
from django.db.models import Q, QuerySet
from django_filters import rest_framework as filters
from rest_framework import exceptions

from .references import is_valid_url, match_local

ALWAYS_ALLOWED = {"page", "pageSize", "format"}


class LenientURLFormField(forms.CharField):
    """A URL query parameter: absolute http(s), host names without a TLD allowed."""

    def validate(self, value):
        super().validate(value)
        if value and not is_valid_url(value):
            raise forms.ValidationError("Voer een geldige URL in.", code="invalid")


def _related_model(model, path: str):
    """The model a (possibly ``a__b``) relation path ends at, or None when it is no relation."""
    for part in path.split("__"):
        try:
            field = model._meta.get_field(part)
        except Exception:
            return None
        model = field.related_model
        if model is None:
            return None
    return model


def check_resource_kind(qs: QuerySet, field_name: str, match, param: str) -> None:
    """A local URL in a filter must name a resource of the kind the filter is about (else 400)."""
    related = _related_model(qs.model, field_name)
    if match.model is None or (related is not None and not issubclass(match.model, related)):
        message = "De URL wijst niet naar een resource van het juiste type."
        raise exceptions.ValidationError({param: [exceptions.ErrorDetail(message, code="invalid")]})


class URLReferenceFilter(filters.CharFilter):
    """Filter on a reference by URL: local URLs match the FK's uuid, other URLs the remote URL column."""

    field_class = LenientURLFormField

    def __init__(self, *args, remote_field: str | None = None, **kwargs):
        self.remote_field = remote_field
        kwargs.setdefault("max_length", 1000)
        super().__init__(*args, **kwargs)

    def filter(self, qs: QuerySet, value):
        if value in (None, ""):
            return qs
        request = getattr(self.parent, "request", None)
        match = match_local(value, request)
        if match is not None:
            check_resource_kind(qs, self.field_name, match, self.field_name_for_errors())
            return qs.filter(**{f"{self.field_name}__uuid": match.uuid})
        if self.remote_field:
            return qs.filter(**{self.remote_field: value})
        return qs.none()

    def field_name_for_errors(self) -> str:
        parent = getattr(self, "parent", None)
        if parent is not None:
            for name, candidate in parent.filters.items():
                if candidate is self:
                    return name
        return self.field_name


class URLReferenceInFilter(filters.BaseInFilter, filters.CharFilter):
    """``…__in`` variant of :class:`URLReferenceFilter` (comma-separated URLs)."""

    def __init__(self, *args, remote_field: str | None = None, **kwargs):
        self.remote_field = remote_field
        super().__init__(*args, **kwargs)

    def filter(self, qs: QuerySet, value):
        if not value:
            return qs
        request = getattr(self.parent, "request", None)
        condition = Q(pk__in=[])
        for url in value:
            match = match_local(url, request)
            if match is not None:
                check_resource_kind(qs, self.field_name, match, self.field_name)
            if match is not None and match.uuid:
                condition |= Q(**{f"{self.field_name}__uuid": match.uuid})
            elif match is None and self.remote_field:
                condition |= Q(**{self.remote_field: url})
        return qs.filter(condition)


class ZGWFilterSet(filters.FilterSet):
    """Base FilterSet: the query parameter names are the filter names (camelCase or ``a__b`` as in the OAS)."""


def _no_defaults(filterset_class) -> bool:
    """Does the filterset leave a queryset alone when no parameter is given (no default filtering of its own)?"""
    return (
        filterset_class.filter_queryset is filters.FilterSet.filter_queryset
        and filterset_class.qs is filters.FilterSet.qs
    )


class ZGWFilterBackend(filters.DjangoFilterBackend):
    """Validates and applies a view's ``filterset_class`` on list actions only."""

    def get_filterset_class(self, view, queryset=None):
        return getattr(view, "filterset_class", None)

    def filter_queryset(self, request, queryset, view):
        if getattr(view, "action", None) != "list":
            return queryset
        filterset_class = self.get_filterset_class(view, queryset)
        allowed = set(ALWAYS_ALLOWED) | set(getattr(view, "extra_query_params", ()))
        if filterset_class is not None:
            allowed |= set(filterset_class.base_filters)
        unknown = sorted(set(request.query_params) - allowed)
        if unknown:
            raise exceptions.ValidationError(
                {
                    "nonFieldErrors": [
                        exceptions.ErrorDetail(
                            f"Onbekende query parameters: {', '.join(unknown)}", code="unknown-parameters"
                        )
                    ]
                }
            )
        if filterset_class is None or (
            not set(request.query_params) & set(filterset_class.base_filters) and _no_defaults(filterset_class)
        ):
            return queryset  # nothing to filter: skip building the filterset's form (a few ms per request)
        filterset = filterset_class(data=request.query_params, queryset=queryset, request=request)
        if not filterset.is_valid():
            errors = {}
            for name, messages in filterset.errors.get_json_data().items():
                errors[name] = [
                    exceptions.ErrorDetail(m["message"], code=m["code"] or "invalid") for m in messages
                ]
            raise exceptions.ValidationError(errors)
        return filterset.qs
