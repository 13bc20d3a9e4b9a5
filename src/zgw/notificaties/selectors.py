"""Reads of the Notificaties API."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from .models import Abonnement, FilterGroup, Kanaal


def kanalen() -> QuerySet[Kanaal]:
    return Kanaal.objects.all()


def abonnementen() -> QuerySet[Abonnement]:
    return Abonnement.objects.prefetch_related(
        Prefetch("filter_groups", queryset=FilterGroup.objects.select_related("kanaal").order_by("id"))
    ).order_by("id")
