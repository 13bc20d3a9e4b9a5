"""Heartbeats of the Celery worker and beat processes, and the checks built on them (issue 19 finding 1).

Each worker and beat process upserts its row every HEARTBEAT_INTERVAL seconds from a daemon thread. Delivery is
"unhealthy" when deliveries or outbox rows are waiting and no worker was seen for WORKER_STALE_AFTER seconds.
"""

from __future__ import annotations

import logging
import socket
import threading

from django.db import close_old_connections
from django.utils import timezone

from . import conf
from .models import Delivery, WorkerHeartbeat

logger = logging.getLogger(__name__)


def beat(name: str, component: str) -> None:
    """Record that ``name`` (a ``component`` process) is alive now."""
    WorkerHeartbeat.objects.update_or_create(
        name=name, defaults={"component": component, "hostname": socket.gethostname(), "seen_at": timezone.now()}
    )


def start(name: str, component: str) -> threading.Thread:
    """Write a heartbeat now and then every HEARTBEAT_INTERVAL seconds, from a daemon thread."""
    stop = threading.Event()

    def loop() -> None:
        while not stop.is_set():
            try:
                close_old_connections()
                beat(name, component)
            except Exception:  # the database is away: readiness reports it; try again next round
                logger.warning("Could not write the %s heartbeat", component, exc_info=True)
            stop.wait(conf.HEARTBEAT_INTERVAL)

    thread = threading.Thread(target=loop, name=f"zgw-heartbeat-{component}", daemon=True)
    thread.stop = stop  # type: ignore[attr-defined]
    thread.start()
    return thread


def last_seen_age(component: str = "worker", hostname: str | None = None) -> float | None:
    """Seconds since the freshest heartbeat of ``component`` (on ``hostname``), None when none was ever seen."""
    rows = WorkerHeartbeat.objects.filter(component=component)
    if hostname is not None:
        rows = rows.filter(hostname=hostname)
    latest = rows.order_by("-seen_at").values_list("seen_at", flat=True).first()
    return None if latest is None else max((timezone.now() - latest).total_seconds(), 0.0)


def pending_work() -> int:
    """Deliveries waiting plus outbox rows not yet routed (counted in the database, not the broker)."""
    from zgw.common.models import OutboxMessage

    return (
        Delivery.objects.filter(status=Delivery.Status.pending).count()
        + OutboxMessage.objects.filter(status=OutboxMessage.Status.pending).count()
    )


def check_delivery() -> None:
    """Raises when work waits and no worker was seen for WORKER_STALE_AFTER seconds (Celery delivery only)."""
    from django.conf import settings

    if settings.NOTIFICATIONS_DELIVERY != "celery" or settings.NOTIFICATIONS_DISABLED:
        return
    age = last_seen_age("worker")
    if age is not None and age <= conf.WORKER_STALE_AFTER:
        return
    waiting = pending_work()
    if waiting:
        seen = "never" if age is None else f"{int(age)} s ago"
        raise RuntimeError(f"no worker seen for {conf.WORKER_STALE_AFTER:.0f} s (last {seen}); {waiting} waiting")


def check_process(component: str) -> None:
    """``zgw_health --component worker|beat``: this host's process of that kind wrote a fresh heartbeat."""
    age = last_seen_age(component, hostname=socket.gethostname())
    if age is None:
        raise RuntimeError(f"no {component} heartbeat from {socket.gethostname()}")
    if age > conf.WORKER_STALE_AFTER:
        raise RuntimeError(f"{component} heartbeat is {int(age)} s old")
