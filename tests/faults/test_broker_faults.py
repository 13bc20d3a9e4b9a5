"""Fault injection on the notification pipeline (issue 19 findings 1, 5, 6): PostgreSQL, a real Celery worker process
and a Redis broker of the test's own (a redis-server on a free port; the system Redis is never touched).

* the broker is killed and restarted under a live worker: the worker survives, everything arrives (0 lost), and new
  writes after the restart arrive by the normal path within POST_RESTART_BOUND;
* a 3,000-row outbox backlog: the first delivery arrives within 2 s of a worker starting;
* writes while the broker is down: no 5xx and at most twice the normal latency (+ a small absolute margin), also
  when the publish breaker's open period ends while the broker is still down; the same when the broker is
  black-holed (connects hang instead of being refused), and nothing written meanwhile is lost;
* the sweep does not queue a backlog a second time while its tasks still wait in the broker.
"""

from __future__ import annotations

import statistics
import time

import pytest
import redis

from tests.notificaties.worker import QUEUE, use_broker
from zgw.common.models import OutboxMessage
from zgw.notificaties import conf, dispatch, routing
from zgw.notificaties.models import Abonnement, Delivery, FilterGroup, Kanaal

from .helpers import HOOK, BlackHole, publish, received_numbers, subscribe, sweep_until, worker, zaak_url

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

# After a broker restart, 50 new writes are all delivered within this many seconds (measured ~3 s on the shared
# 2-core machine; before the EventLoopWakeUp consumer step not within 20 s)
POST_RESTART_BOUND = 10.0


def test_worker_survives_a_broker_restart_and_delivers_everything(pipeline, receiver):
    subscribe(receiver)
    running = worker(pipeline.url).start()
    try:
        for number in range(50):
            publish(number)
        assert receiver.wait_for(lambda: len(receiver.notifications(HOOK)) >= 50, timeout=30), running.output()

        pipeline.kill()  # the broker dies under the live worker; what is queued in it is lost
        for number in range(50, 100):
            publish(number)  # commits fine: the outbox row is the promise
        time.sleep(2)
        pipeline.start()  # same port, empty

        assert sweep_until(lambda: len(set(received_numbers(receiver))) >= 100, timeout=90), running.output()[-4000:]
        assert running.process.poll() is None, running.output()[-4000:]  # it survived
        numbers = received_numbers(receiver)
        assert set(numbers) == set(range(100))  # 0 lost
        assert len(numbers) - len(set(numbers)) <= 4  # bounded duplicates (claims in flight at the kill)

        # Writes after the broker came back arrive by the normal path (the after-commit kick), promptly; no sweep
        # here. Before the EventLoopWakeUp consumer step (zgw.celery) the reconnected thread-pool worker fetched one
        # prefetch window (4 tasks) per 5-10 s: Celery clears the hub's timer on a connection loss.
        written = time.monotonic()
        for number in range(100, 150):
            publish(number)
        arrived = receiver.wait_for(lambda: len(set(received_numbers(receiver))) >= 150, timeout=POST_RESTART_BOUND)
        took = time.monotonic() - written
        queued = redis.Redis(port=pipeline.port).llen(QUEUE)
        output = running.output()
    finally:
        running.stop()
    assert arrived, f"{queued} tasks still wait in the broker {POST_RESTART_BOUND} s after the writes"
    print(f"\nwrites after the broker restart: all 50 delivered {took:.1f} s after writing")
    assert not Delivery.objects.exclude(status="delivered").exists()
    assert "Token" not in output and "Signal handler" not in output, output[-3000:]  # no request-id handler errors


def test_backlog_first_delivery_within_two_seconds_of_worker_start(pipeline, receiver):
    subscribe(receiver)
    rows = [
        OutboxMessage(kanaal="zaken", hoofd_object=zaak_url(n), resource="zaak", resource_url=zaak_url(n),
                      actie="create", kenmerken={"bronorganisatie": "123456782"})
        for n in range(3000)
    ]  # fmt: skip
    OutboxMessage.objects.bulk_create(rows, batch_size=1000)
    # 3,000 writes while no worker ran queue one route task: the kick is deduplicated in the shared cache
    # (CACHE_URL; this test process has a private one, so it queues that one task itself)
    dispatch.kick_routing(force=True)
    running = worker(pipeline.url)
    started = time.monotonic()
    running.start()
    try:
        ready = time.monotonic()
        assert receiver.wait_for(lambda: receiver.notifications(HOOK), timeout=30), running.output()[-3000:]
        first = receiver.notifications(HOOK)[0].at - ready
        assert receiver.wait_for(lambda: len(receiver.notifications(HOOK)) >= 3000, timeout=120)
        everything = receiver.notifications(HOOK)[-1].at - ready
    finally:
        running.stop()
    rate = 3000 / everything
    print(f"\nbacklog 3000: worker start {ready - started:.1f} s, first delivery {first:.2f} s after ready, "
          f"all {everything:.1f} s ({rate:.0f}/s)")  # fmt: skip
    assert first < 2.0


def _timed_create(client, label: str) -> float:
    """POST one applicatie (a write with its outbox row and after-commit kick); the seconds it took."""
    body = {"clientIds": [f"faults-{label}"], "label": label, "heeftAlleAutorisaties": False,
            "autorisaties": [{"component": "nrc", "scopes": ["notificaties.consumeren"]}]}  # fmt: skip
    return _timed_post(client, "/autorisaties/api/v1/applicaties", body, 201)


def _timed_post(client, path: str, body: dict, expect: int) -> float:
    started = time.perf_counter()
    response = client.post(path, body, format="json")
    elapsed = time.perf_counter() - started
    assert response.status_code == expect, response.content
    return elapsed


def test_writes_stay_fast_while_the_broker_is_down(pipeline, superuser_client, receiver):
    def create(label: str) -> float:
        return _timed_create(superuser_client, label)

    for i in range(5):
        create(f"warm-{i}")
    normal = statistics.median(create(f"up-{i}") for i in range(20))
    pipeline.kill()
    # longer than two breaker periods (1 s here): the writes after each period find it half-open, and the probe
    # that then tries the broker (and without max_retries=0 waited ~6 s in kombu's connect loop) is not theirs
    down: list[float] = []
    until = time.monotonic() + 2.5
    while time.monotonic() < until or len(down) < 20:
        down.append(create(f"down-{len(down)}"))
    print(f"\ncreate applicatie: median {normal * 1000:.1f} ms broker up, {statistics.median(down) * 1000:.1f} ms "
          f"broker down (max {max(down) * 1000:.1f} ms, {len(down)} writes, breaker tripped "
          f"{dispatch.breaker.failures}x)")  # fmt: skip
    # 50 ms of slack: with -n 2 the other test process shares the two cores; a broker round trip costs seconds
    assert statistics.median(down) <= 2 * normal + 0.05
    # max: 1 s of slack for scheduling on a loaded 2-core machine (0.59 s seen in CI); still far below the 2 s connect
    # timeout or the connect loop a request-path publish would cost
    assert max(down) <= 2 * normal + 1.0  # the first write after the kill included (a connect loop costs 2-6 s)
    assert dispatch.breaker.failures >= 2  # the breaker was probed again (in the background) while down
    assert OutboxMessage.objects.filter(status="pending").count() >= 20  # the rows wait for the sweep

    pipeline.start()
    running = worker(pipeline.url).start()
    try:
        assert sweep_until(lambda: not OutboxMessage.objects.filter(status="pending").exists(), timeout=60)
    finally:
        running.stop()


def _write_into_black_hole(app, pipeline, down: list[float], write, minimum: int) -> None:
    """Point the broker at a black hole and append ``write()``'s timings to ``down`` for longer than the 2 s connect
    timeout of the background publish (and at least ``minimum`` times); check that the publishes really met the hole
    (the breaker counted their timeouts), then point the broker back at ``pipeline``."""
    hole = BlackHole()
    use_broker(app, hole.url)
    dispatch.breaker.reset()  # after a killed broker's open period: the next publish meets the black hole
    failures = dispatch.breaker.failures
    try:
        until = time.monotonic() + 3.0
        while time.monotonic() < until or len(down) < minimum:
            down.append(write())
        assert dispatch.kicker.flush(timeout=10)
        assert dispatch.breaker.failures > failures
    finally:
        use_broker(app, pipeline.url)
        hole.close()


def test_writes_stay_fast_and_nothing_is_lost_while_the_broker_is_black_holed(pipeline, superuser_client, receiver):
    """A broker host that drops packets: a connect hangs for the full timeout instead of failing at once. Writes do
    not wait for it (the kick is published from a background thread) and every write is delivered afterwards."""
    from zgw.celery import app

    abonnement = Abonnement.objects.create(callback_url=receiver.url(HOOK), auth="Bearer faults", client_id="faults")
    FilterGroup.objects.create(abonnement=abonnement, kanaal=Kanaal.objects.get(naam="autorisaties"))
    for i in range(5):
        _timed_create(superuser_client, f"warm-{i}")
    normal = statistics.median(_timed_create(superuser_client, f"up-{i}") for i in range(20))
    down: list[float] = []
    _write_into_black_hole(app, pipeline, down, lambda: _timed_create(superuser_client, f"hole-{len(down)}"), 20)
    print(f"\ncreate applicatie: median {normal * 1000:.1f} ms broker up, {statistics.median(down) * 1000:.1f} ms "
          f"broker black-holed (max {max(down) * 1000:.1f} ms, {len(down)} writes)")  # fmt: skip
    assert statistics.median(down) <= 2 * normal + 0.05
    assert max(down) <= 2 * normal + 1.0  # a connect in the request would cost the 2 s connect timeout or more

    expected = {f"hole-{i}" for i in range(len(down))}
    running = worker(pipeline.url).start()
    try:

        def delivered() -> set[str]:
            return {n.body["resourceUrl"] for n in receiver.notifications(HOOK)}

        urls = {f"http://testserver/autorisaties/api/v1/applicaties/{a.uuid}" for a in _applicaties(expected)}
        assert sweep_until(lambda: urls <= delivered(), timeout=60), running.output()[-3000:]
    finally:
        running.stop()
    assert len(urls) == len(expected)  # 0 lost


def _timed_notificatie(client, number: int) -> float:
    """``POST /notificaties`` (the Notificaties API's own publish: notificatie and deliveries in the request's
    transaction, their queueing after commit); the seconds it took."""
    url = zaak_url(number)
    body = {"kanaal": "zaken", "hoofdObject": url, "resource": "zaak", "resourceUrl": url, "actie": "create",
            "aanmaakdatum": "2026-01-01T17:00:00+01:00",
            "kenmerken": {"bronorganisatie": "123456782", "zaaktype": "http://ztc.local/zt/1",
                          "vertrouwelijkheidaanduiding": "openbaar"}}  # fmt: skip
    return _timed_post(client, "/notificaties/api/v1/notificaties", body, 200)


def test_posted_notificaties_stay_fast_while_the_broker_is_down_and_arrive_after(pipeline, make_api_client, receiver):
    """Before, the request itself published the deliveries: with the broker down that is a connect (refused: the
    breaker; black-holed: the full connect timeout) inside ``POST /notificaties``."""
    from zgw.autorisaties.services import AutorisatieData
    from zgw.celery import app

    client = make_api_client(autorisaties=[AutorisatieData(component="nrc", scopes=["notificaties.publiceren"])])
    subscribe(receiver)
    for number in range(5):
        _timed_notificatie(client, number)
    normal = statistics.median(_timed_notificatie(client, 10 + i) for i in range(20))
    assert dispatch.kicker.flush()
    pipeline.kill()
    down = [_timed_notificatie(client, 100 + i) for i in range(15)]
    _write_into_black_hole(app, pipeline, down, lambda: _timed_notificatie(client, 100 + len(down)), 30)
    print(f"\nPOST /notificaties: median {normal * 1000:.1f} ms broker up, {statistics.median(down) * 1000:.1f} ms "
          f"broker down or black-holed (max {max(down) * 1000:.1f} ms, {len(down)} posts)")  # fmt: skip
    assert statistics.median(down) <= 2 * normal + 0.05
    assert max(down) <= 2 * normal + 1.0  # a connect in the request would cost the 2 s connect timeout or more
    assert Delivery.objects.exclude(status="delivered").count() >= len(down)  # they wait in the database

    pipeline.start()
    running = worker(pipeline.url).start()
    try:
        expected = set(range(5)) | set(range(10, 30)) | set(range(100, 100 + len(down)))
        assert sweep_until(lambda: expected <= set(received_numbers(receiver)), timeout=90), running.output()[-3000:]
    finally:
        running.stop()
    assert not Delivery.objects.exclude(status="delivered").exists()  # 0 lost


def _applicaties(labels: set[str]):
    from zgw.autorisaties.models import Applicatie

    return Applicatie.objects.filter(label__in=labels)


def test_sweep_does_not_queue_a_waiting_backlog_again(pipeline, receiver, monkeypatch):
    """Deliveries whose tasks wait in the broker longer than SWEEP_GRACE (no worker, or a slow one) are not queued a
    second time while the queue is not empty; once it is empty (the tasks were lost), they are."""
    subscribe(receiver)
    for number in range(30):
        publish(number)
    ids = routing.route_outbox_safely([], coalesce=100)  # what the route task does, here without a worker
    dispatch.enqueue_deliveries(ids)
    broker = redis.Redis(port=pipeline.port)
    waiting = broker.llen(QUEUE)
    assert len(ids) == 30 and waiting >= 1  # delivery tasks (batches) wait; no worker runs

    time.sleep(conf.SWEEP_GRACE + 0.5)  # their queued_until has passed
    result = dispatch.sweep()
    assert result["deliveries"] == 0 and result["broker_queue"] == waiting
    assert broker.llen(QUEUE) == waiting  # nothing queued twice

    broker.delete(QUEUE)  # the broker forgets them (restart without persistence)
    result = dispatch.sweep()
    assert result["deliveries"] == 30  # queue empty: the sweep trusts no task and queues them again
    running = worker(pipeline.url).start()
    try:
        assert receiver.wait_for(lambda: len(set(received_numbers(receiver))) >= 30, timeout=30)
        time.sleep(0.5)
    finally:
        running.stop()
    assert sorted(received_numbers(receiver)) == list(range(30))  # each exactly once
