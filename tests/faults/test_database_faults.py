"""Fault injection on the database side: ``pg_terminate_backend`` of the web's and the worker's connections under a
load of writes over HTTP (a real gunicorn, a real Celery worker, the test's own Redis broker, a local subscriber).

* connections idle for 0.5 s terminated, i.e. between requests (what a PostgreSQL restart, failover or an
  idle-connection killer does to a pool): 0 x 5xx (CONN_HEALTH_CHECKS replaces a dead connection before the
  request uses it), 0 lost;
* every connection terminated, also in the middle of a request or a task: a request in flight may fail (counted,
  reported), but every committed write has its notification delivered (0 lost) and no write is half done (the
  outbox row is in the write's transaction).
"""

from __future__ import annotations

import json
import threading
import time
import uuid

import pytest
import requests
from django.db import connection

from tests.liveserver import gunicorn
from tests.notificaties.worker import FAST_ENV, QUEUE
from zgw.autorisaties import services as ac_services
from zgw.autorisaties.models import Applicatie
from zgw.common.auth import make_token
from zgw.common.models import OutboxMessage
from zgw.notificaties.models import Abonnement, Delivery, FilterGroup, Kanaal

from .helpers import Subscriber, sweep_until, worker

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

WEB_LOG: dict = {}
FAILED_BODIES: list[tuple[int, str, str]] = []  # (status, body, Retry-After) of each answer other than 201


def web_log_tail(size: int = 6000) -> str:
    server = WEB_LOG.get("server")
    return server.log_tail(size) if server else ""


@pytest.fixture
def web(pipeline):
    """gunicorn (2 workers, kept connections) publishing to the test's broker."""
    env = dict(FAST_ENV, DB_CONN_MAX_AGE="60", NOTIFICATIONS_DELIVERY="celery", CELERY_BROKER_URL=pipeline.url,
               NOTIFICATIES_CELERY_QUEUE=QUEUE, NOTIFICATIES_CHECK_CALLBACK="false")  # fmt: skip
    with gunicorn(env) as live:
        WEB_LOG["server"] = live
        yield live.base


def _writer() -> dict:
    secret = "secret-" + uuid.uuid4().hex
    ac_services.ensure_client("faults-writer", secret, label="faults-writer", heeft_alle_autorisaties=True)
    return {"Authorization": f"Bearer {make_token('faults-writer', secret)}"}


def _terminate(only_idle: bool) -> int:
    """Terminate the other sessions on the test database (gunicorn's, the worker's); not this test's own."""
    # idle for 0.5 s: between requests (a request's statements follow each other within milliseconds), so the
    # next request's health check meets the dead connection
    condition = "AND state = 'idle' AND state_change < now() - interval '0.5 seconds'" if only_idle else ""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            f"WHERE datname = current_database() AND pid <> pg_backend_pid() {condition}"  # noqa: S608 - constant
        )
        return cursor.fetchone()[0]


def _load(base: str, headers: dict, total: int, statuses: list[int], stop: threading.Event) -> None:
    with requests.Session() as session:
        for number in range(total):
            if stop.is_set():
                return
            body = {"clientIds": [f"faults-load-{number}-{uuid.uuid4().hex[:6]}"], "label": f"load-{number}",
                    "heeftAlleAutorisaties": False,
                    "autorisaties": [{"component": "nrc", "scopes": ["notificaties.consumeren"]}]}  # fmt: skip
            try:
                response = session.post(f"{base}/autorisaties/api/v1/applicaties", json=body, headers=headers,
                                        timeout=30)  # fmt: skip
                statuses.append(response.status_code)
                if response.status_code != 201:
                    FAILED_BODIES.append((response.status_code, response.text, response.headers.get("Retry-After", "")))
            except requests.RequestException:
                statuses.append(0)


def _run(web: str, broker_url: str, only_idle: bool) -> tuple[list[int], int, Subscriber]:
    FAILED_BODIES.clear()
    subscriber = Subscriber().up()
    abonnement = Abonnement.objects.create(callback_url=subscriber.url(), auth="Bearer faults", client_id="faults")
    FilterGroup.objects.create(abonnement=abonnement, kanaal=Kanaal.objects.get(naam="autorisaties"))
    headers = _writer()
    running = worker(broker_url, concurrency=4).start()
    statuses: list[int] = []
    stop = threading.Event()
    terminated = 0
    try:
        load = threading.Thread(target=_load, args=(web, headers, 150, statuses, stop))
        load.start()
        while load.is_alive():
            time.sleep(0.3)
            terminated += _terminate(only_idle)
        load.join()
        assert sweep_until(
            lambda: (
                _written() <= _delivered(subscriber)
                and not OutboxMessage.objects.filter(status="pending").exists()
                and not Delivery.objects.exclude(status=Delivery.Status.delivered).exists()
            ),
            timeout=60,
        ), running.output()[-3000:]
    finally:
        stop.set()
        running.stop()
        subscriber.down()
    return statuses, terminated, subscriber


def test_idle_connections_terminated_under_load_no_5xx_nothing_lost(web, pipeline):
    statuses, terminated, subscriber = _run(web, pipeline.url, only_idle=True)
    print(f"\nidle sessions terminated: {terminated}; answers {sorted(set(statuses))}")
    assert terminated > 0
    assert len(statuses) == 150 and all(status == 201 for status in statuses), web_log_tail()
    _assert_every_write_notified(subscriber, 150)


def test_every_connection_terminated_under_load_loses_no_committed_write(web, pipeline):
    statuses, terminated, subscriber = _run(web, pipeline.url, only_idle=False)
    failed = [status for status in statuses if status != 201]
    print(f"\nall sessions terminated: {terminated}; {len(failed)} of {len(statuses)} requests failed in flight "
          f"({sorted(set(failed))})")  # fmt: skip
    assert terminated > 0
    # no dropped connections, and a refused request is a 503 Problem-JSON answer the client may retry, never a 500
    assert all(status == 503 for status in failed), f"{FAILED_BODIES}\n{web_log_tail(20000)}"
    for _status, body, retry_after in FAILED_BODIES:
        assert json.loads(body)["code"] == "database-unavailable", body
        assert retry_after, body
    committed = Applicatie.objects.filter(label__startswith="load-").count()
    assert committed >= statuses.count(201)  # a 201 was committed (a failure may have committed too)
    _assert_every_write_notified(subscriber, committed)


def _written() -> set[str]:
    return {str(value) for value in Applicatie.objects.filter(label__startswith="load-").values_list("uuid", flat=True)}


def _delivered(subscriber: Subscriber) -> set[str]:
    return {url.rstrip("/").rsplit("/", 1)[1] for url in subscriber.accepted_urls}


def _assert_every_write_notified(subscriber: Subscriber, committed: int) -> None:
    written = _written()
    assert len(written) == committed
    missing = written - _delivered(subscriber)
    assert not missing, (
        f"{len(missing)} committed writes never notified"
    )  # 0 lost: every committed write reached the subscriber
    # no half-written rows: every write's outbox row committed with it and was routed
    assert not OutboxMessage.objects.filter(status="pending").exists()
    assert not Delivery.objects.exclude(status=Delivery.Status.delivered).exists()
