"""Race helpers for the unique-rule tests (issue 19 finding 9): N identical requests released at once.

Each request runs in its own thread with its own database connection (a ``transaction=True`` test on PostgreSQL),
so the service checks cannot see each other's uncommitted rows and only the database constraint (or a row lock)
decides. The expected outcome per rule: exactly one success, every other answer a 400 with the rule's code.
"""

from __future__ import annotations

import threading

from django.db import connections
from rest_framework.test import APIClient

N = 20


def race(client: APIClient, path: str, body: dict | None = None, *, n: int = N, method: str = "post", **extra) -> list:
    """Send ``body`` to ``path`` from ``n`` threads released together (``client``'s credentials); the responses."""
    return race_each(client, [(path, body)] * n, method=method, **extra)


def race_each(client: APIClient, requests: list[tuple[str, dict | None]], *, method: str = "post", **extra) -> list:
    """Send each ``(path, body)`` from its own thread, all released together; the responses in the same order."""
    barrier = threading.Barrier(len(requests))
    responses: list = [None] * len(requests)

    def worker(index: int) -> None:
        own = APIClient()
        own._credentials = dict(client._credentials)
        path, body = requests[index]
        try:
            barrier.wait(timeout=30)
            responses[index] = getattr(own, method)(path, body, format="json", **extra)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(len(requests))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return responses


def assert_one_winner(responses: list, name: str, code: str, *, success: int = 201) -> None:
    """Exactly one ``success``, every other response a 400 naming ``(name, code)`` in its invalidParams."""
    statuses = sorted(r.status_code for r in responses)
    assert statuses == sorted([success] + [400] * (len(responses) - 1)), statuses
    for response in responses:
        if response.status_code == 400:
            params = [(p["name"], p["code"]) for p in response.json()["invalidParams"]]
            assert (name, code) in params, params
