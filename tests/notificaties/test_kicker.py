"""The after-commit kick is published from a background thread (dispatch.Kicker): never lost by a process that exits
right after its write, and started afresh in a forked child.

The first is how the loopback cluster lost every notification with the first version of the thread: ``bench/seed``
and ``manage.py zgw_client`` exited while their daemon thread had claimed the shared "route task queued" mark in the
cache but not yet published; the mark then held every kick of every web instance back until it expired.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid

import pytest
import redis

from tests import testservices
from tests.notificaties.worker import QUEUE
from zgw.notificaties import conf, dispatch

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

EXIT_AT_ONCE = """
import django
django.setup()
from zgw.notificaties import dispatch
dispatch.dispatch_outbox([1])  # what a write's on_commit runs; the process exits right after
"""


@pytest.fixture
def own_redis():
    server = testservices.KillableRedis().start()
    yield server
    server.stop()


def test_a_process_exiting_right_after_its_write_still_queues_the_route_task(own_redis):
    queue = f"{QUEUE}-exit-{uuid.uuid4().hex[:6]}"
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="zgw.settings", PYTHONPATH=os.path.join(ROOT, "src"),
               CELERY_BROKER_URL=f"{own_redis.url}", CACHE_URL=f"redis://127.0.0.1:{own_redis.port}/1",
               NOTIFICATIONS_DELIVERY="celery", NOTIFICATIES_CELERY_QUEUE=queue, LOG_LEVEL="WARNING")  # fmt: skip
    broker = redis.Redis(port=own_redis.port, db=0)
    shared_cache = redis.Redis(port=own_redis.port, db=1)
    for attempt in range(4):  # before the exit flush, 4 of 8 such processes left the mark and queued nothing
        broker.delete(queue)
        shared_cache.flushdb()
        done = subprocess.run([sys.executable, "-c", EXIT_AT_ONCE], cwd=ROOT, env=env, capture_output=True,
                              text=True, timeout=60)  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert broker.llen(queue) == 1, (attempt, done.stderr[-2000:])  # the route task the mark promises


def test_a_forked_child_gets_its_own_thread_and_state():
    kicker = dispatch.Kicker()
    kicker._pid = -1  # as after a fork: the state (lock, thread) belongs to another process
    stale_cond = kicker._cond
    kicker._ask()  # nothing wanted: the thread starts and waits
    try:
        assert kicker._pid == os.getpid()
        assert kicker._cond is not stale_cond
        assert kicker._thread is not None and kicker._thread.is_alive()
    finally:
        assert kicker.flush(timeout=1)


def test_flush_waits_for_the_publish(monkeypatch, settings):
    settings.NOTIFICATIONS_DELIVERY = "celery"
    published: list[bool] = []
    monkeypatch.setattr(dispatch, "kick_routing", lambda force=False: published.append(force) or True)
    monkeypatch.setattr(conf, "BROKER_PUBLISH_TIMEOUT", 1.0)
    kicker = dispatch.Kicker()
    kicker.route()
    kicker.route()
    assert kicker.flush()
    assert 1 <= len(published) <= 2  # coalesced kicks: one publish, or two when the thread ran in between
