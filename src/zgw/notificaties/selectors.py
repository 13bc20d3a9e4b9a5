"""Reads of the Notificaties API."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from zgw.common.auth import ClientAuth

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


def manages_all_abonnementen(client: ClientAuth | None) -> bool:
    """The admin right over every abonnement: an applicatie with ``heeftAlleAutorisaties`` (docs/decisions.md).

    Notificaties API 1.0.0 defines only ``notificaties.consumeren`` and ``notificaties.publiceren``; neither may
    mean "someone else's subscription", so the right is the one the Autorisaties API already has for "everything".
    """
    return bool(client is not None and client.heeft_alle_autorisaties)


def abonnementen_for(client: ClientAuth | None) -> QuerySet[Abonnement]:
    """The abonnementen ``client`` may see and change: its own (``client_id`` = the creator), or all for an admin.

    Rows without an owner (created before ownership was recorded, or through the admin) are visible to admins only.
    """
    queryset = abonnementen()
    if manages_all_abonnementen(client):
        return queryset
    client_id = getattr(client, "client_id", "") or ""
    if not client_id:
        return queryset.none()
    return queryset.filter(client_id=client_id)
