"""Scrape-time gauges for /metrics: deliveries by status."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Count
from prometheus_client.core import GaugeMetricFamily


def delivery_gauges() -> Iterator[GaugeMetricFamily]:
    from .models import Delivery

    gauge = GaugeMetricFamily("zgw_notificatie_deliveries", "Notificatie deliveries by status", labels=["status"])
    counts = {status: 0 for status in Delivery.Status.values}
    try:
        for row in Delivery.objects.values("status").order_by().annotate(n=Count("id")):
            counts[row["status"]] = row["n"]
    except Exception:  # database down: readiness reports it
        pass
    for status, number in counts.items():
        gauge.add_metric([status], number)
    yield gauge
