"""The Celery application: notification delivery and periodic sweeps run here."""

from __future__ import annotations

import os

from celery import Celery, bootsteps

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zgw.settings")

app = Celery("zgw")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Seconds between wake-ups of the consumer's event loop in a thread-pool worker (see EventLoopWakeUp).
WAKE_INTERVAL = 0.1


def _noop(*args, **kwargs) -> None:
    return None


def _uses_threads(pool: object) -> bool:
    kind = type(pool)
    return "thread" in f"{kind.__module__}.{kind.__name__}".lower()


class EventLoopWakeUp(bootsteps.StartStopStep):
    """Thread-pool workers: a no-op on the consumer's timer every WAKE_INTERVAL s, (re)armed at every consumer start.

    With ``-P threads`` and late acknowledgement a finished task is acknowledged from its thread, but the Redis
    transport only asks for the next messages (BRPOP) when the event loop ticks; the loop otherwise sleeps in
    ``poll`` until the next timer, up to 10 s. With prefetch = concurrency x 1 the worker then takes one window of
    tasks per 5-10 s (celery/celery#6941). A repeating no-op bounds that sleep.

    A consumer bootstep, not a ``worker_ready`` handler: on a broker connection loss Celery (5.6) resets the hub and
    clears its timer (celery/worker/loops.py ``asynloop``) and restarts the consumer blueprint, but ``worker_ready``
    is not sent again; a timer armed only at worker start was gone after the first reconnect (issue 19: after a
    Redis restart the worker fetched 4 tasks per 5-10 s). The consumer steps are started again on every reconnect.
    """

    label = "zgw event-loop wake-up"

    def __init__(self, c, **kwargs) -> None:
        super().__init__(c, **kwargs)
        self.tref = None

    def start(self, c) -> None:
        self._cancel()
        timer = getattr(c, "timer", None)
        if timer is None or not _uses_threads(getattr(c, "pool", None)):
            return
        self.tref = timer.call_repeatedly(WAKE_INTERVAL, _noop)

    def stop(self, c) -> None:
        self._cancel()

    def shutdown(self, c) -> None:
        self._cancel()

    def _cancel(self) -> None:
        if self.tref is not None:
            try:
                self.tref.cancel()
            except Exception:  # noqa: BLE001 - a timer already cleared with the hub
                pass
            self.tref = None


app.steps["consumer"].add(EventLoopWakeUp)
