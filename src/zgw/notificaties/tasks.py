"""Celery tasks: route outbox rows, deliver one notificatie to one receiver, and the periodic sweep.

Tasks are acknowledged late (settings) and every step is idempotent, so a redelivered task does no harm.
"""

from __future__ import annotations

from celery import shared_task
from celery.signals import beat_init, worker_ready

from . import conf, delivery, dispatch, routing


@shared_task(name="zgw.notificaties.route_outbox", acks_late=True, ignore_result=True)
def route_outbox_task(outbox_ids: list[int] | None = None) -> int:
    """Drain up to ROUTE_COALESCE pending outbox rows; queue their deliveries, then itself again if rows remain.

    The deliveries are queued before the next route task, so after a backlog the first deliveries do not wait
    behind the routing of everything else.
    """
    dispatch.release_route_kick()
    ids = routing.route_outbox_safely(list(outbox_ids or []), coalesce=conf.ROUTE_COALESCE)
    dispatch.enqueue_deliveries(ids)
    if routing.routable_rows_remain():
        dispatch.kick_routing(force=True)
    return len(ids)


@shared_task(name="zgw.notificaties.deliver", acks_late=True, ignore_result=True)
def deliver_task(delivery_ids: list[int] | int) -> list[str]:
    """Deliver a batch for one receiver; failed ones are queued again after their back-off."""
    ids = [delivery_ids] if isinstance(delivery_ids, int) else list(delivery_ids)
    outcomes = delivery.deliver_batch(ids)
    for delay, retry_ids in delivery.retries(outcomes).items():
        dispatch.enqueue_deliveries(retry_ids, countdown=delay)
    return [outcome.status for outcome in outcomes]


@shared_task(name="zgw.notificaties.sweep", ignore_result=True)
def sweep_task() -> dict:
    return dispatch.sweep()


@shared_task(name="zgw.notificaties.cleanup", ignore_result=True)
def cleanup_task() -> dict:
    from .retention import cleanup

    return cleanup()


def _register_external_kanalen_on_worker_start(**kwargs) -> None:
    """Start-up registration at an external Notificaties API (the worker is the process that talks to it)."""
    import logging

    from .external import register_kanalen_external

    if not conf.EXTERNAL_API_ROOT:
        return
    try:
        created = register_kanalen_external()
        logging.getLogger(__name__).info("Kanalen registered at %s: %s", conf.EXTERNAL_API_ROOT, created)
    except Exception:  # the NRC is down: `manage.py zgw_register_kanalen` or the next start does it
        logging.getLogger(__name__).exception("Could not register kanalen at %s", conf.EXTERNAL_API_ROOT)


worker_ready.connect(_register_external_kanalen_on_worker_start, weak=False)


def _start_worker_heartbeat(sender=None, **kwargs) -> None:
    from . import heartbeat

    heartbeat.start(f"worker:{getattr(sender, 'hostname', '') or 'unknown'}", "worker")


def _start_beat_heartbeat(sender=None, **kwargs) -> None:
    import socket

    from . import heartbeat

    heartbeat.start(f"beat:{socket.gethostname()}", "beat")


worker_ready.connect(_start_worker_heartbeat, weak=False)
beat_init.connect(_start_beat_heartbeat, weak=False)
