"""Where routing and delivery run: Celery workers (``NOTIFICATIONS_DELIVERY=celery``) or in-process threads.

The outbox dispatcher (registered in :class:`~zgw.notificaties.apps.NotificatiesConfig`) runs after commit and
must never fail the request: when the broker is down the rows simply wait for the sweep.
"""

from __future__ import annotations

import logging

from django.conf import settings

from . import conf
from .delivery import batches, due_outbox_ids, take_due_delivery_ids

logger = logging.getLogger(__name__)

ROUTE_BATCH = 100
_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.5}


def uses_celery() -> bool:
    return settings.NOTIFICATIONS_DELIVERY == "celery"


def dispatch_outbox(outbox_ids: list[int]) -> None:
    """After-commit hook of :func:`zgw.common.outbox.publish`."""
    if not outbox_ids:
        return
    try:
        if uses_celery():
            from .tasks import route_outbox_task

            route_outbox_task.apply_async(
                (list(outbox_ids),), queue=conf.CELERY_QUEUE, retry=True, retry_policy=_RETRY_POLICY
            )
        else:
            from .inprocess import runner

            active = runner()
            if active is not None:
                active.submit_route(list(outbox_ids))
    except Exception:  # broker unreachable: the periodic sweep picks the rows up
        logger.exception("Could not queue outbox rows %s; the sweep will route them", outbox_ids)


def enqueue_deliveries(delivery_ids: list[int], countdown: float = 0.0) -> None:
    """Queue deliveries: one task per receiver and batch (see :func:`~zgw.notificaties.delivery.batches`)."""
    if not delivery_ids:
        return
    try:
        if uses_celery():
            from zgw.celery import app

            from .tasks import deliver_task

            with app.producer_or_acquire() as producer:
                for batch in batches(delivery_ids):
                    deliver_task.apply_async(
                        (batch,),
                        countdown=countdown or None,
                        queue=conf.CELERY_QUEUE,
                        producer=producer,
                        retry=True,
                        retry_policy=_RETRY_POLICY,
                    )
        else:
            from .inprocess import runner

            active = runner()
            if active is not None:
                active.submit_deliveries(list(delivery_ids), delay=countdown)
    except Exception:
        logger.exception("Could not queue deliveries %s; the sweep will send them", delivery_ids[:20])


def sweep() -> dict[str, int]:
    """Re-queue what was lost: unrouted outbox rows and due deliveries whose task never ran."""
    delivery_ids = take_due_delivery_ids()  # first: deliveries routed below are queued already
    enqueue_deliveries(delivery_ids)
    outbox_ids = due_outbox_ids()
    for start in range(0, len(outbox_ids), ROUTE_BATCH):
        batch = outbox_ids[start : start + ROUTE_BATCH]
        if uses_celery():
            dispatch_outbox(batch)
        else:
            from .routing import route_outbox_safely

            enqueue_deliveries(route_outbox_safely(batch, coalesce=conf.ROUTE_COALESCE))
    if outbox_ids or delivery_ids:
        logger.info("Notificaties sweep: %s outbox rows, %s deliveries re-queued", len(outbox_ids), len(delivery_ids))
    return {"outbox": len(outbox_ids), "deliveries": len(delivery_ids), "batch": conf.SWEEP_BATCH}
