"""Fault injection on the notification pipeline (issue 19 findings 1, 5, 6, 7): PostgreSQL, a real Celery worker
process and a Redis broker of the test's own (a redis-server on a free port; the system Redis is never touched).

* the broker is killed and restarted under a live worker: the worker survives and everything arrives (0 lost);
* a 3,000-row outbox backlog: the first delivery arrives within 2 s of a worker starting;
* writes while the broker is down: no 5xx and at most twice the normal latency (+ a small absolute margin).
"""

from __future__ import annotations

import statistics
import time

import pytest
import redis
from django.db import connection

from tests.notificaties.receiver import Receiver
from tests.notificaties.worker import FAST_ENV, QUEUE, CeleryWorker, database_url, use_broker
from tests.testservices import KillableRedis
from zgw.common import outbox
from zgw.common.models import OutboxMessage
from zgw.notificaties import conf, dispatch
from zgw.notificaties.models import Abonnement, Delivery, FilterGroup, Kanaal
from zgw.notificaties.services import register_kanalen

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def own_redis():
    server = KillableRedis().start()
    yield server
    server.stop()


@pytest.fixture
def pipeline(own_redis, settings, monkeypatch):
    """This process publishes to the own Redis; conf has the worker's fast timings."""
    from zgw.celery import app

    monkeypatch.setattr(conf, "CELERY_QUEUE", QUEUE)
    settings.NOTIFICATIONS_DELIVERY = "celery"
    settings.CELERY_BROKER_URL = own_redis.url
    previous = use_broker(app, own_redis.url)
    for name, value in FAST_ENV.items():
        attribute = name.removeprefix("NOTIFICATIES_")
        monkeypatch.setattr(conf, attribute, type(getattr(conf, attribute))(float(value)))
    monkeypatch.setattr(conf, "BROKER_BREAKER_SECONDS", 1.0)
    dispatch.breaker.reset()
    register_kanalen()
    yield own_redis
    dispatch.breaker.reset()
    use_broker(app, previous)


def _worker(broker_url: str) -> CeleryWorker:
    return CeleryWorker(database_url(connection.settings_dict), pool="threads", concurrency=4, broker_url=broker_url)


def _subscribe(receiver: Receiver, path: str = "/hook") -> None:
    abonnement = Abonnement.objects.create(callback_url=receiver.url(path), auth="Bearer faults", client_id="faults")
    FilterGroup.objects.create(abonnement=abonnement, kanaal=Kanaal.objects.get(naam="zaken"))


def _publish(number: int) -> None:
    url = f"http://zrc.local/zaken/api/v1/zaken/00000000-0000-4000-8000-{number:012d}"
    outbox.publish(kanaal="zaken", hoofd_object=url, resource="zaak", resource_url=url, actie="create",
                   kenmerken={"bronorganisatie": "123456782", "zaaktype": "http://ztc.local/zt/1",
                              "vertrouwelijkheidaanduiding": "openbaar"})  # fmt: skip


def _received_numbers(receiver: Receiver) -> list[int]:
    return [int(r.body["resourceUrl"].rsplit("-", 1)[1]) for r in receiver.notifications("/hook")]


def _sweep_until(predicate, timeout: float) -> bool:
    """What beat does: run the sweep every half second until ``predicate`` holds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        dispatch.breaker.reset()
        dispatch.sweep()
        time.sleep(0.5)
    return predicate()


# After a broker restart, 50 new writes are all delivered within this many seconds (measured: ~3 s on the shared
# 2-core machine; without the fix not within 20 s)
POST_RESTART_BOUND = 10.0


def test_worker_survives_a_broker_restart_and_delivers_everything(pipeline, receiver):
    _subscribe(receiver)
    worker = _worker(pipeline.url).start()
    try:
        for number in range(50):
            _publish(number)
        assert receiver.wait_for(lambda: len(receiver.notifications("/hook")) >= 50, timeout=30), worker.output()

        pipeline.kill()  # the broker dies under the live worker; what is queued in it is lost
        for number in range(50, 100):
            _publish(number)  # commits fine: the outbox row is the promise
        time.sleep(2)
        pipeline.start()  # same port, empty

        assert _sweep_until(lambda: len(set(_received_numbers(receiver))) >= 100, timeout=90), worker.output()[-4000:]
        assert worker.process.poll() is None, worker.output()[-4000:]  # it survived
        numbers = _received_numbers(receiver)
        assert set(numbers) == set(range(100))  # 0 lost
        assert len(numbers) - len(set(numbers)) <= 4  # bounded duplicates (claims in flight at the kill)

        # Writes after the broker came back arrive by the normal path (the after-commit kick), promptly; no sweep
        # here. Before the EventLoopWakeUp consumer step (zgw.celery) the reconnected thread-pool worker fetched one
        # prefetch window (4 tasks) per 5-10 s: Celery clears the hub's timer on a connection loss.
        written = time.monotonic()
        for number in range(100, 150):
            _publish(number)
        arrived = receiver.wait_for(lambda: len(set(_received_numbers(receiver))) >= 150, timeout=POST_RESTART_BOUND)
        took = time.monotonic() - written
        queued = redis.Redis(port=pipeline.port).llen(QUEUE)
    finally:
        worker.stop()
    assert arrived, f"{queued} tasks still wait in the broker {POST_RESTART_BOUND} s after the writes"
    print(f"\nwrites after the broker restart: all 50 delivered {took:.1f} s after writing")
    assert not Delivery.objects.exclude(status="delivered").exists()


def test_backlog_first_delivery_within_two_seconds_of_worker_start(pipeline, receiver):
    _subscribe(receiver)
    rows = [
        OutboxMessage(kanaal="zaken", hoofd_object=f"http://zrc.local/zaken/api/v1/zaken/00000000-0000-4000-8000-"
                      f"{n:012d}", resource="zaak", resource_url=f"http://zrc.local/zaken/api/v1/zaken/"
                      f"00000000-0000-4000-8000-{n:012d}", actie="create", kenmerken={"bronorganisatie": "123456782"})
        for n in range(3000)
    ]  # fmt: skip
    OutboxMessage.objects.bulk_create(rows, batch_size=1000)
    # 3,000 writes while no worker ran queue one route task: the kick is deduplicated in the shared cache
    # (CACHE_URL; this test process has a private one, so it queues that one task itself)
    dispatch.kick_routing(force=True)
    worker = _worker(pipeline.url)
    started = time.monotonic()
    worker.start()
    try:
        ready = time.monotonic()
        assert receiver.wait_for(lambda: receiver.notifications("/hook"), timeout=30), worker.output()[-3000:]
        first = receiver.notifications("/hook")[0].at - ready
        assert receiver.wait_for(lambda: len(receiver.notifications("/hook")) >= 3000, timeout=120)
        everything = receiver.notifications("/hook")[-1].at - ready
    finally:
        worker.stop()
    rate = 3000 / everything
    print(f"\nbacklog 3000: worker start {ready - started:.1f} s, first delivery {first:.2f} s after ready, "
          f"all {everything:.1f} s ({rate:.0f}/s)")  # fmt: skip
    assert first < 2.0


def test_writes_stay_fast_while_the_broker_is_down(pipeline, superuser_client, receiver):
    def create(label: str) -> float:
        body = {"clientIds": [f"faults-{label}"], "label": label, "heeftAlleAutorisaties": False,
                "autorisaties": [{"component": "nrc", "scopes": ["notificaties.consumeren"]}]}  # fmt: skip
        started = time.perf_counter()
        response = superuser_client.post("/autorisaties/api/v1/applicaties", body, format="json")
        elapsed = time.perf_counter() - started
        assert response.status_code == 201, response.content
        return elapsed

    for i in range(5):
        create(f"warm-{i}")
    normal = statistics.median(create(f"up-{i}") for i in range(20))
    pipeline.kill()
    down = [create(f"down-{i}") for i in range(20)]
    print(f"\ncreate applicatie: median {normal * 1000:.1f} ms broker up, {statistics.median(down) * 1000:.1f} ms "
          f"broker down (max {max(down) * 1000:.1f} ms)")  # fmt: skip
    # 50 ms of slack: with -n 2 the other test process shares the two cores; a broker round trip costs seconds
    assert statistics.median(down) <= 2 * normal + 0.05
    assert OutboxMessage.objects.filter(status="pending").count() >= 20  # the rows wait for the sweep

    pipeline.start()
    worker = _worker(pipeline.url).start()
    try:
        assert _sweep_until(lambda: not OutboxMessage.objects.filter(status="pending").exists(), timeout=60)
    finally:
        worker.stop()


@pytest.fixture
def receiver():
    with Receiver() as running:
        yield running
