"""Where routing and delivery run: Celery workers (``NOTIFICATIONS_DELIVERY=celery``) or in-process threads.

The outbox dispatcher (registered in :class:`~zgw.notificaties.apps.NotificatiesConfig`) runs after commit and
must never fail the request: when the broker is down the rows simply wait for the sweep.
"""

from __future__ import annotations

import atexit
import logging
import os
import threading
import time

from django.conf import settings
from django.core.cache import cache

from . import conf
from .delivery import batches, due_outbox_ids, take_due_delivery_ids

logger = logging.getLogger(__name__)

ROUTE_BATCH = 100
# A queued route task drains every pending row, so one queued task is enough: this cache key says "one is queued".
ROUTE_KICK_KEY = "zgw:nrc:route-queued"


class BrokerBreaker:
    """Circuit breaker around publishing to the broker.

    One failed publish opens it for BROKER_BREAKER_SECONDS: until then nothing is sent (no connect attempt, no
    timeout in the request); the outbox rows and the deliveries are in the database and the sweep queues them.
    After that period it is half-open until a publish succeeds; the next publish of the :class:`Kicker` thread is
    the probe. Request threads never publish themselves, so none waits for a broker that is down or silent.
    """

    def __init__(self) -> None:
        self._open_until = 0.0
        self._tripped = False
        self._lock = threading.Lock()
        self.failures = 0

    def is_open(self) -> bool:
        return time.monotonic() < self._open_until

    def half_open(self) -> bool:
        """Tripped, the open period over, and no publish has succeeded since."""
        return self._tripped and not self.is_open()

    def trip(self) -> None:
        with self._lock:
            self.failures += 1
            self._tripped = True
            self._open_until = time.monotonic() + conf.BROKER_BREAKER_SECONDS

    def succeeded(self) -> None:
        self._tripped = False

    def reset(self) -> None:
        with self._lock:
            self._open_until = 0.0
            self._tripped = False


breaker = BrokerBreaker()


def uses_celery() -> bool:
    return settings.NOTIFICATIONS_DELIVERY == "celery"


def _publish_options() -> dict:
    """No publish retries (they would run inside the request): one try with a short timeout, then the breaker."""
    return {"queue": conf.CELERY_QUEUE, "retry": False, "timeout": conf.BROKER_PUBLISH_TIMEOUT}


def _claim_route_kick() -> bool:
    """True when no route task is known to be queued (and mark one as queued); a cache failure says True.

    Only with a cache the workers share (CACHE_URL): a per-process cache cannot see the worker lift the mark.
    """
    if "locmem" in settings.CACHES["default"]["BACKEND"].lower():
        return True
    try:
        return bool(cache.add(ROUTE_KICK_KEY, "1", timeout=conf.ROUTE_KICK_TTL))
    except Exception:
        return True


def release_route_kick() -> None:
    """Run by the route task before it selects rows: rows committed from now on queue a new task."""
    try:
        cache.delete(ROUTE_KICK_KEY)
    except Exception:
        pass


def kick_routing(force: bool = False) -> bool:
    """Queue one route task unless one is queued already (Celery); False when the broker could not be reached."""
    if breaker.is_open():
        return False
    if not force and not _claim_route_kick():
        return True
    from zgw.celery import app

    from .tasks import route_outbox_task

    try:
        with app.producer_or_acquire() as producer:  # the configured app's broker, whatever Celery's current app is
            route_outbox_task.apply_async((), producer=producer, **_publish_options())
        breaker.succeeded()
    except Exception:
        release_route_kick()
        breaker.trip()
        logger.warning(
            "Broker unreachable: routing waits for the sweep (breaker open %ss)", conf.BROKER_BREAKER_SECONDS
        )
        return False
    return True


def dispatch_outbox(outbox_ids: list[int]) -> None:
    """After-commit hook of :func:`zgw.common.outbox.publish`: never raises, never waits for the broker."""
    if not outbox_ids:
        return
    try:
        if uses_celery():
            kicker.route()
        else:
            from .inprocess import runner

            active = runner()
            if active is not None:
                active.submit_route(list(outbox_ids))
    except Exception:  # the periodic sweep picks the rows up
        logger.exception("Could not queue outbox rows %s; the sweep will route them", outbox_ids)


def queue_deliveries(delivery_ids: list[int]) -> None:
    """After-commit hook of the request path (``POST /notificaties``): the publish runs on the :class:`Kicker`
    thread, so no request waits for the broker; the deliveries are pending in the database either way."""
    if not delivery_ids:
        return
    if uses_celery():
        kicker.deliver(delivery_ids)
    else:
        enqueue_deliveries(delivery_ids)


class Kicker:
    """Publishes the after-commit work of writes from one background thread per process, never the request thread.

    A broker that refuses connections fails fast, but one that is black-holed (a dead host, a firewall, a
    partition) holds a connect for the full connect timeout: in a request that is seconds per write. Here a write
    only records what it wants (a route kick, deliveries to queue); the thread coalesces many writes into one
    publish, and while the breaker is half-open that publish is its probe. Nothing is lost when a kick is dropped:
    the outbox rows and deliveries are in the database and the periodic sweep queues them.

    * The thread is started lazily in the process that uses it; a pid change (a fork: threads do not survive it,
      and a lock held at the fork would stay held) gives the child fresh state.
    * At interpreter exit (:func:`atexit`) what was asked is published first: a short-lived process (a management
      command, ``bench/seed``) otherwise exits with its daemon thread between claiming the shared "route task
      queued" mark and publishing, and that mark holds every kick of the whole deployment back for its TTL.
    """

    def __init__(self) -> None:
        self._pid = -1
        self._reset()
        atexit.register(self.flush)

    def _reset(self) -> None:
        self._pid = os.getpid()
        self._cond = threading.Condition()
        self._route = False
        self._deliveries: list[int] = []
        self._busy = False
        self._thread: threading.Thread | None = None

    def route(self) -> None:
        """Queue one route task soon (coalesced with every other kick until the thread runs)."""
        self._ask(route=True)

    def deliver(self, delivery_ids: list[int]) -> None:
        """Queue these deliveries soon."""
        self._ask(deliveries=delivery_ids)

    def _ask(self, route: bool = False, deliveries: list[int] | None = None) -> None:
        if self._pid != os.getpid():
            self._reset()
        with self._cond:
            self._route = self._route or route
            self._deliveries.extend(deliveries or ())
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="zgw-broker-kick", daemon=True)
                self._thread.start()
            self._cond.notify()

    def _take(self) -> tuple[bool, list[int]]:
        with self._cond:
            while not (self._route or self._deliveries):
                self._cond.wait()
            route, deliveries = self._route, self._deliveries
            self._route, self._deliveries, self._busy = False, [], True
            return route, deliveries

    def _run(self) -> None:
        while True:
            route, deliveries = self._take()
            try:
                enqueue_deliveries(deliveries)  # logs and trips the breaker itself; the sweep sends them
                if route:
                    kick_routing(force=breaker.half_open())
            except Exception:  # noqa: BLE001 - the thread never dies; the sweep delivers either way
                logger.exception("Queueing after-commit work failed; the sweep will route and send it")
            finally:
                with self._cond:
                    self._busy = False
                    self._cond.notify_all()

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until everything asked so far is published (or failed); False on timeout."""
        if self._pid != os.getpid() or self._thread is None:
            return True
        limit = timeout if timeout is not None else 2 * conf.BROKER_PUBLISH_TIMEOUT + 1
        deadline = time.monotonic() + limit
        with self._cond:
            while self._route or self._deliveries or self._busy:
                remaining = deadline - time.monotonic()
                if remaining <= 0 or not self._thread.is_alive():
                    return False
                self._cond.wait(remaining)
        return True


kicker = Kicker()


def enqueue_deliveries(delivery_ids: list[int], countdown: float = 0.0) -> None:
    """Queue deliveries: one task per receiver and batch (see :func:`~zgw.notificaties.delivery.batches`)."""
    if not delivery_ids:
        return
    try:
        if uses_celery():
            if breaker.is_open():
                return  # the deliveries are pending in the database; the sweep queues them
            from zgw.celery import app

            from .tasks import deliver_task

            try:
                with app.producer_or_acquire() as producer:
                    for batch in batches(delivery_ids):
                        deliver_task.apply_async(
                            (batch,), countdown=countdown or None, producer=producer, **_publish_options()
                        )
                breaker.succeeded()
            except Exception:
                breaker.trip()
                raise
        else:
            from .inprocess import runner

            active = runner()
            if active is not None:
                active.submit_deliveries(list(delivery_ids), delay=countdown)
    except Exception:
        logger.exception("Could not queue deliveries %s; the sweep will send them", delivery_ids[:20])


def broker_queue_length() -> int | None:
    """Tasks waiting in the notificatie queue(s) of a Redis broker; None when unknown (other broker, unreachable)."""
    broker = getattr(settings, "CELERY_BROKER_URL", "") or ""
    if not uses_celery() or not broker.startswith("redis"):
        return None
    from .metrics import queue_names

    try:
        import redis

        client = redis.Redis.from_url(broker, socket_timeout=1, socket_connect_timeout=1)
        return sum(int(client.llen(name)) for name in queue_names())
    except Exception:
        return None


def sweep() -> dict[str, int]:
    """Re-queue what was lost: unrouted outbox rows and due deliveries whose task never ran.

    While the broker queue is not empty, a delivery's queued task is trusted for SWEEP_BACKLOG_GRACE more seconds:
    in a backlog the task is most likely still waiting, and a second copy would make the backlog longer.
    """
    waiting = broker_queue_length() if uses_celery() else None
    extra = conf.SWEEP_BACKLOG_GRACE if waiting else 0.0
    delivery_ids = take_due_delivery_ids(extra_trust=extra)  # first: deliveries routed below are queued already
    enqueue_deliveries(delivery_ids)
    outbox_ids = due_outbox_ids()
    if outbox_ids and uses_celery():
        breaker.reset()  # the sweep runs in a worker or beat: try the broker again
        kick_routing(force=True)  # a lost kick (task gone with a killed worker) must not block routing
    for start in range(0, len(outbox_ids) if not uses_celery() else 0, ROUTE_BATCH):
        from .routing import route_outbox_safely

        batch = outbox_ids[start : start + ROUTE_BATCH]
        enqueue_deliveries(route_outbox_safely(batch, coalesce=conf.ROUTE_COALESCE))
    if outbox_ids or delivery_ids:
        logger.info("Notificaties sweep: %s outbox rows, %s deliveries re-queued", len(outbox_ids), len(delivery_ids))
    return {
        "outbox": len(outbox_ids),
        "deliveries": len(delivery_ids),
        "batch": conf.SWEEP_BATCH,
        "broker_queue": -1 if waiting is None else waiting,
    }
