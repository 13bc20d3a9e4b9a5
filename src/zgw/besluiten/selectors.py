"""Reads of the Besluiten API: querysets with their joins, and the autorisatie filter in SQL."""

from __future__ import annotations

from django.db.models import QuerySet

from zgw.catalogi.models import BesluitType
from zgw.common.permissions import ScopeExpr, authorised_filter

from .constants import COMPONENT
from .models import Besluit, BesluitInformatieObject, has_local_zaak


def besluiten() -> QuerySet[Besluit]:
    related = ["besluittype"] + (["zaak"] if has_local_zaak() else [])
    return Besluit.objects.select_related(*related)


def besluitinformatieobjecten() -> QuerySet[BesluitInformatieObject]:
    return BesluitInformatieObject.objects.select_related("besluit", "besluit__besluittype", "informatieobject")


def authorised_besluiten(qs: QuerySet[Besluit], request, scope: ScopeExpr | None) -> QuerySet[Besluit]:
    """Only the besluiten whose besluittype the client has ``scope`` for (common.md §4.4)."""
    condition = authorised_filter(
        getattr(request, "auth", None),
        COMPONENT,
        scope,
        local_type_field="besluittype",
        remote_type_field="besluittype_url",
        request=request,
        type_model=BesluitType,
    )
    return qs if condition is None else qs.filter(condition)


def authorised_besluitinformatieobjecten(
    qs: QuerySet[BesluitInformatieObject], request, scope: ScopeExpr | None
) -> QuerySet[BesluitInformatieObject]:
    condition = authorised_filter(
        getattr(request, "auth", None),
        COMPONENT,
        scope,
        local_type_field="besluit__besluittype",
        remote_type_field="besluit__besluittype_url",
        request=request,
        type_model=BesluitType,
    )
    return qs if condition is None else qs.filter(condition)
