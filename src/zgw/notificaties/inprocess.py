"""In-process delivery for the quickstart (no broker): a thread pool plus one scheduler thread.

Same guarantees as the Celery path within the process: the outbox row is committed first, each delivery runs
on its own (a slow subscriber occupies one thread, up to the callback timeout), retries follow the same
back-off, and the scheduler sweeps periodically, so rows left behind by a crash are sent after a restart.
"""

from __future__ import annotations

import heapq
import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from django.db import connection

from . import conf

logger = logging.getLogger(__name__)


class InProcessRunner:
    def __init__(self, workers: int | None = None, sweep_interval: float | None = None):
        self.pool = ThreadPoolExecutor(max_workers=workers or conf.INPROCESS_WORKERS, thread_name_prefix="zgw-nrc")
        self.sweep_interval = sweep_interval if sweep_interval is not None else conf.SWEEP_INTERVAL
        self._timers: list[tuple[float, int, list[int]]] = []
        self._seq = 0
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stopped = False
        self._thread = threading.Thread(target=self._loop, name="zgw-nrc-scheduler", daemon=True)
        self._thread.start()

    # ---- public -----------------------------------------------------------------------------------------
    def submit_route(self, outbox_ids: list[int]) -> None:
        self.pool.submit(self._run, _route_and_queue, self, outbox_ids)

    def submit_deliveries(self, delivery_ids: list[int], delay: float = 0.0) -> None:
        if delay > 0:
            with self._lock:
                self._seq += 1
                heapq.heappush(self._timers, (time.monotonic() + delay, self._seq, delivery_ids))
            self._wake.set()
            return
        if delivery_ids:
            self.pool.submit(self._run, _fan_out, self, delivery_ids)

    def shutdown(self, wait: bool = True) -> None:
        self._stopped = True
        self._wake.set()
        self.pool.shutdown(wait=wait)

    # ---- internals --------------------------------------------------------------------------------------
    @staticmethod
    def _run(fn: Callable, *args) -> None:
        try:
            fn(*args)
        except Exception:
            logger.exception("In-process notificatie job failed; the sweep will retry it")
        finally:
            connection.close()  # never keep a thread's connection open (test databases, SQLite locks)

    def _loop(self) -> None:
        next_sweep = time.monotonic() + self.sweep_interval
        next_cleanup = time.monotonic() + conf.CLEANUP_INTERVAL
        while not self._stopped:
            now = time.monotonic()
            if now >= next_cleanup:
                next_cleanup = now + conf.CLEANUP_INTERVAL
                self._submit_safely(_cleanup)
            due: list[int] = []
            with self._lock:
                while self._timers and self._timers[0][0] <= now:
                    due.extend(heapq.heappop(self._timers)[2])
                wait = next_sweep - now
                if self._timers:
                    wait = min(wait, self._timers[0][0] - now)
            if due:
                self.submit_deliveries(due)
            if now >= next_sweep:
                next_sweep = now + self.sweep_interval
                if self.sweep_interval > 0:
                    self._submit_safely(_sweep)
                continue
            self._wake.wait(timeout=max(wait, 0.01))
            self._wake.clear()

    def _submit_safely(self, fn: Callable) -> None:
        try:
            self.pool.submit(self._run, fn, self)
        except RuntimeError:  # pool shut down
            self._stopped = True


def _route_and_queue(active: InProcessRunner, outbox_ids: list[int]) -> None:
    from .routing import route_outbox_safely

    active.submit_deliveries(route_outbox_safely(outbox_ids, coalesce=conf.ROUTE_COALESCE))


def _fan_out(active: InProcessRunner, delivery_ids: list[int]) -> None:
    """One pool job per receiver batch (grouping needs the database, so it runs in a pool thread)."""
    from .delivery import batches

    for batch in batches(delivery_ids):
        active.pool.submit(active._run, _deliver_batch, active, batch)


def _deliver_batch(active: InProcessRunner, delivery_ids: list[int]) -> None:
    from .delivery import deliver_batch, retries

    for delay, retry_ids in retries(deliver_batch(delivery_ids)).items():
        active.submit_deliveries(retry_ids, delay=delay)


def _sweep(active: InProcessRunner) -> None:
    from .delivery import due_outbox_ids, take_due_delivery_ids
    from .routing import route_outbox_safely

    active.submit_deliveries(take_due_delivery_ids())
    outbox_ids = due_outbox_ids()
    if outbox_ids:
        active.submit_deliveries(route_outbox_safely(outbox_ids))


def _cleanup(active: InProcessRunner) -> None:
    from .retention import cleanup

    cleanup()


_runner: InProcessRunner | None = None
_runner_lock = threading.Lock()


def runner() -> InProcessRunner | None:
    """The process-wide runner, started on first use (``None`` when autostart is off and none was set)."""
    global _runner
    with _runner_lock:
        if _runner is None or _runner._stopped:
            if not conf.INPROCESS_AUTOSTART:
                return None
            _runner = InProcessRunner()
        return _runner


def set_runner(new: InProcessRunner | None) -> InProcessRunner | None:
    """Swap the process-wide runner (tests); returns the previous one."""
    global _runner
    with _runner_lock:
        previous, _runner = _runner, new
        return previous
