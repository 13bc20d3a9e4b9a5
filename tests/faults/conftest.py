"""Fixtures of the fault-injection tests: a killable Redis broker of the test's own, the publishing side pointed at
it with the worker's fast timings, and a local HTTP subscriber."""

from __future__ import annotations

import pytest

from tests.notificaties.receiver import Receiver
from tests.notificaties.worker import FAST_ENV, QUEUE, use_broker
from tests.testservices import KillableRedis
from zgw.notificaties import conf, dispatch
from zgw.notificaties.services import register_kanalen


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
    dispatch.kicker.flush()  # what the test's writes asked is published to its own broker, not the next one
    dispatch.breaker.reset()
    use_broker(app, previous)


@pytest.fixture
def receiver():
    with Receiver() as running:
        yield running
