"""Fault injection on the delivery side (issue 19 findings 7 and the scenarios of "tests/faults/"): PostgreSQL, real
Celery worker processes, the test's own Redis broker and a real local HTTP subscriber.

* a worker is killed (SIGKILL) in the middle of delivering a load: 0 lost, at most one duplicate per pool thread;
* the subscriber answers 500 for a while, then recovers: 0 lost, nothing marked failed;
* the subscriber is down (connection refused) for a while, then up again: 0 lost.

Timings come from FAST_ENV (retry base 0.3 s, max 5 attempts: a delivery gives up after ~4.5 s of failures), so the
outages here are shorter than that.
"""

from __future__ import annotations

import time

import pytest

from zgw.notificaties import conf
from zgw.notificaties.models import Delivery

from .helpers import Subscriber, publish, subscribe_url, sweep_until, worker

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

CONCURRENCY = 4


def _all_delivered() -> bool:
    return not Delivery.objects.exclude(status=Delivery.Status.delivered).exists()


def test_worker_killed_mid_delivery_loses_nothing_and_duplicates_are_bounded(pipeline, monkeypatch):
    # small claim chunks: a dead worker's claims (CALLBACK_TIMEOUT x chunk + LOCK_MARGIN) expire in 7 s, not 31 s
    monkeypatch.setenv("NOTIFICATIES_CLAIM_CHUNK", "2")
    monkeypatch.setattr(conf, "CLAIM_CHUNK", 2)

    def slow(number: int) -> int:
        time.sleep(0.02)  # a subscriber that takes 20 ms per notification: the worker is busy when it dies
        return 204

    subscriber = Subscriber(slow).up()
    subscribe_url(subscriber.url())
    total = 400
    first = worker(pipeline.url, concurrency=CONCURRENCY).start()
    second = None
    try:
        for number in range(total):
            publish(number)
        deadline = time.monotonic() + 60
        while len(subscriber.accepted) < 80 and time.monotonic() < deadline:
            time.sleep(0.02)
        first.kill()  # SIGKILL in the middle: claims held, POSTs in flight, tasks unacknowledged
        at_kill = len(subscriber.accepted)
        assert 0 < at_kill < total, first.output()[-3000:]

        second = worker(pipeline.url, concurrency=CONCURRENCY).start()
        assert sweep_until(_all_delivered, timeout=50), second.output()[-3000:]
    finally:
        first.stop()
        if second is not None:
            second.stop()
        subscriber.down()
    accepted = subscriber.accepted
    duplicates = len(accepted) - len(set(accepted))
    print(f"\nworker killed after {at_kill} of {total}: all delivered, {duplicates} duplicate(s)")
    assert set(accepted) == set(range(total))  # 0 lost
    # each delivery is marked sent in the transaction of its attempt record, right after its POST: only a POST in
    # flight at the kill (one per pool thread) can be sent again
    assert duplicates <= CONCURRENCY


def test_subscriber_answering_500_for_a_while_loses_nothing(pipeline):
    # 500 for 2 s from the first notification that arrives (the back-off reaches 4.5 s before giving up). The window
    # opens on arrival, not at publish time: on a loaded machine the worker may start delivering later than 2 s after
    # the publish, and then nothing would have been answered 500 at all.
    failing_until: list[float] = []

    def flaky(number: int) -> int:
        if not failing_until:
            failing_until.append(time.monotonic() + 2.0)
        return 500 if time.monotonic() < failing_until[0] else 204

    subscriber = Subscriber(flaky).up()
    subscribe_url(subscriber.url())
    running = worker(pipeline.url).start()
    try:
        for number in range(100):
            publish(number)
        assert sweep_until(_all_delivered, timeout=40), running.output()[-3000:]
    finally:
        running.stop()
        subscriber.down()
    assert set(subscriber.accepted) == set(range(100))  # 0 lost
    assert not Delivery.objects.filter(status=Delivery.Status.failed).exists()
    assert Delivery.objects.filter(attempts__gt=1).exists()  # the 500s were really retried
    assert len(subscriber.accepted) == 100  # a 500 is not a delivery: no 2xx twice


def test_subscriber_down_then_up_loses_nothing(pipeline):
    subscriber = Subscriber()  # not listening yet: connection refused
    subscribe_url(subscriber.url())
    running = worker(pipeline.url).start()
    try:
        for number in range(100):
            publish(number)
        time.sleep(2.0)  # the worker finds it unreachable, defers the rest of each batch
        assert not subscriber.accepted
        subscriber.up()
        assert sweep_until(_all_delivered, timeout=40), running.output()[-3000:]
    finally:
        running.stop()
        subscriber.down()
    assert set(subscriber.accepted) == set(range(100))  # 0 lost
    assert len(subscriber.accepted) == 100
    assert not Delivery.objects.filter(status=Delivery.Status.failed).exists()
