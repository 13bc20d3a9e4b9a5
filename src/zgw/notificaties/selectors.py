"""Reads of the Notificaties API."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from .models import Abonnement, FilterGroup, Kanaal


def kanalen() -> QuerySet[Kanaal]:
    return Kanaal.objects.all()


def abonnementen() -> QuerySet[Abonnement]:
    """The abonnementen the API knows; one deleted while it had afleveringen is kept for the history only."""
    return (
        Abonnement.objects.filter(verwijderd__isnull=True)
        .prefetch_related(
            Prefetch("filter_groups", queryset=FilterGroup.objects.select_related("kanaal").order_by("id"))
        )
        .order_by("id")
    )
