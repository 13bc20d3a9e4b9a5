"""Worker heartbeats, delivery readiness, zgw_health and truthful /metrics (issue 19 findings 1 and 4)."""

from __future__ import annotations

import socket
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db.utils import OperationalError
from django.utils import timezone

from zgw.common.models import OutboxMessage
from zgw.notificaties import heartbeat
from zgw.notificaties.models import WorkerHeartbeat

pytestmark = pytest.mark.django_db


@pytest.fixture
def celery_delivery(settings):
    settings.NOTIFICATIONS_DELIVERY = "celery"
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:6379/9"


def _pending_row() -> None:
    OutboxMessage.objects.create(kanaal="zaken", hoofd_object="http://x/1", resource="zaak", resource_url="http://x/1",
                                 actie="create")  # fmt: skip


def test_delivery_not_ready_without_a_worker_while_work_waits(celery_delivery, anonymous_client):
    assert anonymous_client.get("/health/ready/delivery").status_code == 200  # nothing waits: fine
    _pending_row()
    response = anonymous_client.get("/health/ready/delivery")
    assert response.status_code == 503
    assert "no worker seen" in response.json()["checks"]["workers"]
    assert anonymous_client.get("/health/ready").status_code == 200  # a load balancer keeps the web tier

    heartbeat.beat("worker:w1@host", "worker")
    assert anonymous_client.get("/health/ready/delivery").status_code == 200

    WorkerHeartbeat.objects.update(seen_at=timezone.now() - timedelta(seconds=600))
    assert anonymous_client.get("/health/ready/delivery").status_code == 503


def test_metrics_show_the_dead_worker(celery_delivery, anonymous_client):
    _pending_row()
    WorkerHeartbeat.objects.create(name="worker:old", component="worker", hostname="h",
                                   seen_at=timezone.now() - timedelta(seconds=300))  # fmt: skip
    body = anonymous_client.get("/metrics").content.decode()
    assert "zgw_notificatie_delivery_up 0.0" in body
    [line] = [x for x in body.splitlines() if x.startswith("zgw_notificatie_worker_last_seen_seconds ")]
    age = float(line.split()[1])
    assert 299 <= age < 400


def test_metrics_backlog_is_unknown_not_zero_when_the_database_fails(anonymous_client, monkeypatch):
    _pending_row()

    def down(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(OutboxMessage.objects, "values", down)
    from zgw.notificaties.models import Delivery

    monkeypatch.setattr(Delivery.objects, "values", down)
    body = anonymous_client.get("/metrics").content.decode()
    assert "zgw_outbox_messages{" not in body
    assert "zgw_notificatie_deliveries{" not in body
    assert 'zgw_metrics_collection_errors_total{source="database"}' in body


def test_metrics_queue_length_reads_the_configured_queue(celery_delivery, anonymous_client, monkeypatch):
    import redis

    from zgw.notificaties import conf

    monkeypatch.setattr(conf, "CELERY_QUEUE", "zgw-test-metrics-queue")
    client = redis.Redis.from_url("redis://127.0.0.1:6379/9")
    client.delete("zgw-test-metrics-queue")
    client.rpush("zgw-test-metrics-queue", "a", "b", "c")
    try:
        body = anonymous_client.get("/metrics").content.decode()
    finally:
        client.delete("zgw-test-metrics-queue")
    assert 'zgw_celery_queue_length{queue="zgw-test-metrics-queue"} 3.0' in body


def test_zgw_health_command(celery_delivery):
    call_command("zgw_health", "--component", "web")
    with pytest.raises(SystemExit) as exited:
        call_command("zgw_health", "--component", "worker")
    assert exited.value.code == 1
    heartbeat.beat(f"worker:w@{socket.gethostname()}", "worker")
    call_command("zgw_health", "--component", "worker")
    with pytest.raises(SystemExit):
        call_command("zgw_health", "--component", "beat")
    heartbeat.beat(f"beat:{socket.gethostname()}", "beat")
    call_command("zgw_health", "--component", "beat")
    call_command("zgw_health", "--component", "delivery")
