"""Fan-out: one notificatie becomes one delivery per matching abonnement (and one for an external NRC)."""

from __future__ import annotations

import logging
from collections import defaultdict
from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from zgw.common.models import OutboxMessage

from . import conf
from .delivery import relaxed_durability
from .matching import matches
from .models import Delivery, FilterGroup, Notificatie

logger = logging.getLogger(__name__)


def matching_abonnement_ids(kanaal: str, kenmerken: dict, groups: list[FilterGroup] | None = None) -> list[int]:
    """Ids of the abonnementen with a filter group on ``kanaal`` that matches ``kenmerken`` (each once)."""
    if groups is None:
        groups = list(FilterGroup.objects.filter(kanaal__naam=kanaal).only("abonnement_id", "filters"))
    seen: dict[int, None] = {}
    for group in groups:
        if group.abonnement_id not in seen and matches(group.filters or {}, kenmerken or {}):
            seen[group.abonnement_id] = None
    return list(seen)


def _new_deliveries(notificatie: Notificatie, abonnement_ids: list[int], external: bool) -> list[Delivery]:
    now = timezone.now()
    queued_until = now + timedelta(seconds=conf.SWEEP_GRACE)
    deliveries = [
        Delivery(notificatie=notificatie, abonnement_id=pk, next_attempt_at=now, queued_until=queued_until, created=now)
        for pk in abonnement_ids
    ]
    if external:
        deliveries.append(
            Delivery(
                notificatie=notificatie,
                target=Delivery.Target.external,
                next_attempt_at=now,
                queued_until=queued_until,
                created=now,
            )
        )
    return deliveries


def route_notificatie(notificatie: Notificatie) -> list[int]:
    """Create the deliveries of a received notificatie (in the caller's transaction); returns their ids."""
    ids = matching_abonnement_ids(notificatie.kanaal, notificatie.payload.get("kenmerken") or {})
    created = Delivery.objects.bulk_create(_new_deliveries(notificatie, ids, external=False))
    return [d.pk for d in created]


def route_outbox(outbox_ids: list[int], coalesce: int = 0) -> list[int]:
    """Turn pending outbox rows into notificaties and deliveries, in one transaction; returns delivery ids.

    Rows already routed (a duplicate task, the sweep racing the dispatcher) are skipped, so routing is
    idempotent. With ``coalesce`` up to that many other pending rows are routed along (bursts: one task
    routes many rows; their own tasks then find nothing to do). Rows locked by another router are skipped.
    Local abonnementen are matched in memory from one query per batch.
    """
    local = conf.LOCAL_ROUTING
    external = bool(conf.EXTERNAL_API_ROOT)
    with transaction.atomic():
        relaxed_durability()
        pending = OutboxMessage.objects.select_for_update(skip_locked=True).filter(status=OutboxMessage.Status.pending)
        rows = list(pending.filter(pk__in=outbox_ids).order_by("pk"))
        if coalesce:
            known = [row.pk for row in rows] or [0]
            others = pending.exclude(pk__in=known).filter(next_attempt_at__lte=timezone.now())
            rows += list(others.order_by("pk")[:coalesce])
        if not rows:
            return []
        groups_by_kanaal: dict[str, list[FilterGroup]] = defaultdict(list)
        if local:
            kanalen = {row.kanaal for row in rows}
            for group in (
                FilterGroup.objects.filter(kanaal__naam__in=kanalen)
                .select_related("kanaal")
                .only("abonnement_id", "filters", "kanaal__naam")
            ):
                groups_by_kanaal[group.kanaal.naam].append(group)
        notificaties = Notificatie.objects.bulk_create(
            Notificatie(kanaal=row.kanaal, payload=row.as_message(), outbox=row) for row in rows
        )
        deliveries: list[Delivery] = []
        for row, notificatie in zip(rows, notificaties, strict=True):
            kenmerken = row.kenmerken if isinstance(row.kenmerken, dict) else {}
            ids = matching_abonnement_ids(row.kanaal, kenmerken, groups_by_kanaal[row.kanaal]) if local else []
            deliveries.extend(_new_deliveries(notificatie, ids, external))
        created = Delivery.objects.bulk_create(deliveries, batch_size=1000)
        OutboxMessage.objects.filter(pk__in=[row.pk for row in rows]).update(
            status=OutboxMessage.Status.delivered,
            delivered_at=timezone.now(),
            attempts=F("attempts") + 1,
            last_error="",
        )
    return [d.pk for d in created]


def _due_rows():
    return OutboxMessage.objects.filter(status=OutboxMessage.Status.pending, next_attempt_at__lte=timezone.now())


def routable_rows_remain() -> bool:
    """Pending outbox rows that a route task may take now (not those waiting after a routing error)."""
    return _due_rows().exists()


def route_outbox_safely(outbox_ids: list[int], coalesce: int = 0) -> list[int]:
    """:func:`route_outbox`, but one bad row cannot stall the others: on an error every given row is routed on
    its own; a row that still fails gets its error recorded and waits for a later sweep."""
    try:
        return route_outbox(outbox_ids, coalesce=coalesce)
    except Exception:
        logger.exception("Routing outbox rows %s failed; routing them one by one", outbox_ids[:20])
    if not outbox_ids:  # a drain: route the rows it would have taken one by one
        outbox_ids = list(_due_rows().order_by("pk").values_list("pk", flat=True)[: max(coalesce, 1)])
    routed: list[int] = []
    for pk in outbox_ids:
        try:
            routed += route_outbox([pk])
        except Exception as exc:
            OutboxMessage.objects.filter(pk=pk).update(
                attempts=F("attempts") + 1,
                last_error=f"{type(exc).__name__}: {exc}"[:1000],
                next_attempt_at=timezone.now() + timedelta(seconds=conf.SWEEP_GRACE),
            )
    return routed
