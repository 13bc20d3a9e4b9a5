"""Embedded mode (NOTIFICATIONS_DELIVERY=inprocess): the same pipeline in threads of this process, no broker."""

from __future__ import annotations

import time

import pytest
from django.db import OperationalError, connection, transaction

from zgw.common import outbox
from zgw.common.models import OutboxMessage
from zgw.notificaties import inprocess
from zgw.notificaties.models import Delivery, DeliveryAttempt
from zgw.notificaties.services import register_kanalen

from .receiver import Receiver

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

BASE = "/notificaties/api/v1"


@pytest.fixture
def runner(settings, fast_retries):
    settings.NOTIFICATIONS_DELIVERY = "inprocess"
    register_kanalen()
    active = inprocess.InProcessRunner(workers=4, sweep_interval=0.3)
    previous = inprocess.set_runner(active)
    yield active
    active.shutdown()
    inprocess.set_runner(previous)


def _wait(predicate, timeout: float = 15.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if predicate():
                return True
        except OperationalError as exc:
            # SQLite's in-memory test database (shared cache) locks a whole table while the dispatcher thread writes
            # it, and a reader gets "database table is locked" at once instead of waiting: poll again
            if connection.vendor != "sqlite" or "locked" not in str(exc):
                raise
        time.sleep(0.05)
    return predicate()


def _subscribe(client, url: str, kanaal: str = "autorisaties", auth: str = "Bearer in-process") -> None:
    assert _wait(lambda: not OutboxMessage.objects.filter(status="pending").exists())
    body = {"callbackUrl": url, "auth": auth, "kanalen": [{"naam": kanaal}]}
    response = client.post(f"{BASE}/abonnement", body, format="json")
    assert response.status_code == 201, response.content


def test_inprocess_applicatie_creation_reaches_callback(runner, superuser_client, receiver):
    _subscribe(superuser_client, receiver.url("/ac"))
    response = superuser_client.post(
        "/autorisaties/api/v1/applicaties",
        {"clientIds": ["inproc"], "label": "inproc", "heeftAlleAutorisaties": True},
        format="json",
    )
    assert response.status_code == 201
    assert receiver.wait_for(lambda: receiver.notifications("/ac"), timeout=15)
    [received] = receiver.notifications("/ac")
    assert received.headers["authorization"] == "Bearer in-process"
    assert received.body["resourceUrl"] == response.json()["url"]
    assert received.body["actie"] == "create"


def test_inprocess_rollback_sends_nothing_and_retries_recover(runner, superuser_client):
    def responder(request, count):
        if request.body.get("kanaal") == "test":
            return 204, 0.0
        posts.append(request)
        return (503 if len(posts) <= 2 else 204), 0.0

    posts: list = []
    url = "http://zrc.local/zaken/api/v1/zaken/00000000-0000-4000-8000-000000000009"
    with Receiver(responder) as receiver:
        _subscribe(superuser_client, receiver.url("/hook"), kanaal="zaken")
        with pytest.raises(RuntimeError), transaction.atomic():
            outbox.publish(kanaal="zaken", hoofd_object=url, resource="zaak", resource_url=url + "-weg", actie="create")
            raise RuntimeError("rolled back")
        with transaction.atomic():
            outbox.publish(kanaal="zaken", hoofd_object=url, resource="zaak", resource_url=url, actie="create")

        assert _wait(lambda: Delivery.objects.filter(status="delivered").exists())
        time.sleep(0.8)
        assert [p.body["resourceUrl"] for p in posts] == [url, url, url]
        assert list(DeliveryAttempt.objects.order_by("number").values_list("status_code", flat=True)) == [503, 503, 204]


def test_inprocess_sweep_sends_rows_left_by_a_crash(runner, receiver, superuser_client, monkeypatch):
    from zgw.notificaties import conf

    _subscribe(superuser_client, receiver.url("/hook"), kanaal="zaken")
    monkeypatch.setattr(conf, "SWEEP_GRACE", 0.0)
    url = "http://zrc.local/zaken/api/v1/zaken/00000000-0000-4000-8000-000000000010"
    # a row committed while no dispatcher ran (the process died right after the commit)
    OutboxMessage.objects.create(kanaal="zaken", hoofd_object=url, resource="zaak", resource_url=url, actie="create")
    assert receiver.wait_for(lambda: receiver.notifications("/hook"), timeout=10)
    assert receiver.notifications("/hook")[0].body["resourceUrl"] == url
