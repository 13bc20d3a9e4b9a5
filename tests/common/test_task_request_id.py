"""The request id around Celery tasks in a thread-pool worker (issue 19: ``Token already used`` from
``_reset_request_id`` when two threads ran the same task)."""

from __future__ import annotations

import threading

from celery.signals import task_postrun, task_prerun

from zgw.common.observability import current_request_id
from zgw.notificaties.tasks import deliver_task


class _Request:
    def __init__(self, request_id: str) -> None:
        self.request_id = request_id
        self.headers = {}


def _errors(responses: list) -> list:
    return [response for _receiver, response in responses if isinstance(response, Exception)]


def test_interleaved_runs_of_one_task_in_two_threads_set_and_clear_their_own_id():
    """Thread A starts, thread B starts the same (shared) task object, A ends, B ends: no handler raises and each
    thread sees its own id while its task runs and none after."""
    task = deliver_task
    a_started, b_started, a_done = threading.Event(), threading.Event(), threading.Event()
    seen: dict[str, str] = {}
    errors: list = []

    def run(name: str, wait_before_start: threading.Event | None, signal_started: threading.Event,
            wait_before_end: threading.Event | None, signal_end: threading.Event | None) -> None:  # fmt: skip
        if wait_before_start is not None:
            wait_before_start.wait(5)
        task.push_request(request_id=f"id-{name}")
        try:
            errors.extend(_errors(task_prerun.send(sender=task, task_id=name, task=task)))
        finally:
            task.pop_request()
        signal_started.set()
        if wait_before_end is not None:
            wait_before_end.wait(5)
        seen[f"{name}-during"] = current_request_id()
        errors.extend(_errors(task_postrun.send(sender=task, task_id=name, task=task)))
        seen[f"{name}-after"] = current_request_id()
        if signal_end is not None:
            signal_end.set()

    a = threading.Thread(target=run, args=("a", None, a_started, b_started, a_done))
    b = threading.Thread(target=run, args=("b", a_started, b_started, a_done, None))
    a.start()
    b.start()
    a.join(10)
    b.join(10)

    assert errors == []
    assert seen == {"a-during": "id-a", "a-after": "", "b-during": "id-b", "b-after": ""}
