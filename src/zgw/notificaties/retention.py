"""Routed messages are kept only as long as they are useful (the standard: store them only to re-send).

Notificaties whose every delivery succeeded, and routed outbox rows, are deleted after
``NOTIFICATIES_RETENTION_DAYS``; notificaties with a pending or failed delivery are kept for the re-send.
"""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Exists, OuterRef
from django.utils import timezone

from zgw.common.models import OutboxMessage

from . import conf
from .models import Delivery, Notificatie


def cleanup(days: float | None = None, batch: int = 5000) -> dict[str, int]:
    """Delete old, fully delivered notificaties (with their deliveries and attempts) and routed outbox rows."""
    days = conf.RETENTION_DAYS if days is None else days
    cutoff = timezone.now() - timedelta(days=days)
    open_deliveries = Delivery.objects.filter(notificatie=OuterRef("pk")).exclude(status=Delivery.Status.delivered)
    removed = {"notificaties": 0, "outbox": 0}
    while True:
        ids = list(
            Notificatie.objects.filter(ontvangen__lt=cutoff)
            .exclude(Exists(open_deliveries))
            .values_list("pk", flat=True)[:batch]
        )
        if not ids:
            break
        Notificatie.objects.filter(pk__in=ids).delete()
        removed["notificaties"] += len(ids)
    while True:
        ids = list(
            OutboxMessage.objects.filter(status=OutboxMessage.Status.delivered, aanmaakdatum__lt=cutoff)
            .exclude(Exists(Notificatie.objects.filter(outbox=OuterRef("pk"))))
            .values_list("pk", flat=True)[:batch]
        )
        if not ids:
            break
        OutboxMessage.objects.filter(pk__in=ids).delete()
        removed["outbox"] += len(ids)
    return removed
