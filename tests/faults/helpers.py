"""Shared pieces of the fault-injection tests: a worker process, an abonnement, outbox writes, a sweeping loop."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable
from http.server import ThreadingHTTPServer

from django.db import connection

from tests import testservices
from tests.notificaties.receiver import Receiver
from tests.notificaties.worker import CeleryWorker, database_url
from zgw.common import outbox
from zgw.notificaties import dispatch
from zgw.notificaties.models import Abonnement, FilterGroup, Kanaal

HOOK = "/hook"


def worker(broker_url: str, concurrency: int = 4) -> CeleryWorker:
    return CeleryWorker(
        database_url(connection.settings_dict), pool="threads", concurrency=concurrency, broker_url=broker_url
    )


def subscribe(receiver: Receiver, path: str = HOOK) -> Abonnement:
    abonnement = Abonnement.objects.create(callback_url=receiver.url(path), auth="Bearer faults", client_id="faults")
    FilterGroup.objects.create(abonnement=abonnement, kanaal=Kanaal.objects.get(naam="zaken"))
    return abonnement


def zaak_url(number: int) -> str:
    return f"http://zrc.local/zaken/api/v1/zaken/00000000-0000-4000-8000-{number:012d}"


def publish(number: int) -> None:
    """One committed change (autocommit: its own transaction), as a zaak create writes it."""
    url = zaak_url(number)
    outbox.publish(kanaal="zaken", hoofd_object=url, resource="zaak", resource_url=url, actie="create",
                   kenmerken={"bronorganisatie": "123456782", "zaaktype": "http://ztc.local/zt/1",
                              "vertrouwelijkheidaanduiding": "openbaar"})  # fmt: skip


def received_numbers(receiver: Receiver, path: str = HOOK) -> list[int]:
    return [int(r.body["resourceUrl"].rsplit("-", 1)[1]) for r in receiver.notifications(path)]


def sweep_until(predicate: Callable[[], bool], timeout: float, interval: float = 0.5) -> bool:
    """What beat does (with a short interval): run the sweep until ``predicate`` holds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        dispatch.breaker.reset()
        dispatch.sweep()
        time.sleep(interval)
    return predicate()


class Subscriber:
    """A local HTTP subscriber on a fixed port that can go down (connection refused) and come back, and that counts
    the notifications it answered with a 2xx (what a subscriber has really received)."""

    def __init__(self, responder=None) -> None:
        self.port = testservices.free_port()
        self.accepted: list[int] = []  # zaak numbers (helpers.publish) answered 2xx, in order
        self.accepted_urls: list[str] = []  # the resourceUrl of every notification answered 2xx
        self.responder = responder or (lambda number: 204)
        self.receiver: Receiver | None = None

    def url(self, path: str = HOOK) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def _respond(self, request, count):
        if request.body.get("kanaal") == "test":
            return 204, 0.0
        url = request.body.get("resourceUrl", "")
        tail = url.rstrip("/").rsplit("-", 1)[-1]
        number = int(tail) if tail.isdigit() else -1
        status = self.responder(number)
        if 200 <= status < 300:
            self.accepted.append(number)
            self.accepted_urls.append(url)
        return status, 0.0

    def up(self) -> Subscriber:
        receiver = Receiver(self._respond)
        handler = receiver.server.RequestHandlerClass
        receiver.server.server_close()
        receiver.server = ThreadingHTTPServer(("127.0.0.1", self.port), handler)
        receiver.server.daemon_threads = True
        receiver.thread = threading.Thread(target=receiver.server.serve_forever, daemon=True)
        self.receiver = receiver.__enter__()
        return self

    def down(self) -> None:
        if self.receiver is not None:
            self.receiver.__exit__(None, None, None)
            self.receiver = None


def subscribe_url(url: str) -> Abonnement:
    abonnement = Abonnement.objects.create(callback_url=url, auth="Bearer faults", client_id="faults")
    FilterGroup.objects.create(abonnement=abonnement, kanaal=Kanaal.objects.get(naam="zaken"))
    return abonnement


class BlackHole:
    """A broker address whose packets go nowhere: connects hang (SYN dropped) and nothing is ever answered.

    No root and no firewall rule: a listening socket with a backlog of 0 that never accepts, its one queue slot
    taken by a connection of our own, so the kernel drops every further SYN (``tcp_abort_on_overflow`` is 0 by
    default), as a dead host or a partition does.
    """

    def __init__(self) -> None:
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(0)
        self.port = self.server.getsockname()[1]
        self.filler = socket.create_connection(("127.0.0.1", self.port), timeout=2)
        probe = socket.socket()
        probe.settimeout(0.3)
        try:  # the queue is full: a connect must now hang, not be refused or accepted
            probe.connect(("127.0.0.1", self.port))
            raise AssertionError("the black hole accepted a connection")
        except TimeoutError:
            pass
        finally:
            probe.close()

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def close(self) -> None:
        self.filler.close()
        self.server.close()
