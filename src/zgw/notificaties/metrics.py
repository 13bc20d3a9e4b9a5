"""Scrape-time gauges for /metrics: deliveries by status, worker heartbeat age, delivery health, queue length.

Every number comes from its source at scrape time; a source that cannot be read gives no sample (plus
``zgw_metrics_collection_errors_total``), never a 0 that looks healthy.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.conf import settings
from django.db.models import Count
from prometheus_client.core import GaugeMetricFamily

from zgw.common.observability import COLLECTION_ERRORS

from . import conf


def delivery_gauges() -> Iterator[GaugeMetricFamily]:
    from . import heartbeat
    from .models import Delivery

    gauge = GaugeMetricFamily("zgw_notificatie_deliveries", "Notificatie deliveries by status", labels=["status"])
    worker_age = GaugeMetricFamily(
        "zgw_notificatie_worker_last_seen_seconds", "Seconds since the freshest Celery worker heartbeat"
    )
    delivery_up = GaugeMetricFamily(
        "zgw_notificatie_delivery_up", "1 when notification delivery is healthy (see /health/ready/delivery)"
    )
    try:
        counts = {status: 0 for status in Delivery.Status.values}
        for row in Delivery.objects.values("status").order_by().annotate(n=Count("id")):
            counts[row["status"]] = row["n"]
        age = heartbeat.last_seen_age("worker")
        try:
            heartbeat.check_delivery()
            up = 1
        except RuntimeError:
            up = 0
    except Exception:  # the database is down: no samples ("unknown"), counted
        COLLECTION_ERRORS.labels("database").inc()
    else:
        for status, number in counts.items():
            gauge.add_metric([status], number)
        if age is not None:
            worker_age.add_metric([], age)
        delivery_up.add_metric([], up)
    yield gauge
    yield worker_age
    yield delivery_up
    yield from _queue_gauge()


def queue_names() -> list[str]:
    """The queues the notificatie tasks go to (NOTIFICATIES_CELERY_QUEUE, else Celery's default queue)."""
    from zgw.celery import app

    return [conf.CELERY_QUEUE or app.conf.task_default_queue or "celery"]


def _queue_gauge() -> Iterator[GaugeMetricFamily]:
    broker = getattr(settings, "CELERY_BROKER_URL", "") or ""
    if settings.NOTIFICATIONS_DELIVERY != "celery" or not broker.startswith("redis"):
        return
    gauge = GaugeMetricFamily(
        "zgw_celery_queue_length",
        "Tasks waiting in the broker queue (tasks held by workers, e.g. countdown retries, are not in it: "
        'zgw_notificatie_deliveries{status="pending"} counts those from the database)',
        labels=["queue"],
    )
    try:
        import redis

        client = redis.Redis.from_url(broker, socket_timeout=1, socket_connect_timeout=1)
        lengths = {name: int(client.llen(name)) for name in queue_names()}
    except Exception:
        COLLECTION_ERRORS.labels("broker").inc()
    else:
        for name, length in lengths.items():
            gauge.add_metric([name], length)
    yield gauge
