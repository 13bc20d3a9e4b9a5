"""After-commit side effects that can never change the answer of a committed request.

Every ``transaction.on_commit`` of the project goes through :func:`after_commit`:

* **robust**: once the transaction has committed, the client's answer is decided. A callback that raises (a cache
  outage, a broker hiccup, a storage error) is logged with its traceback, counted in
  ``zgw_after_commit_errors_total{callback=...}`` and skipped; the following callbacks still run and the request keeps
  its 201/200/204. What a failed callback would have done is recovered elsewhere: the outbox sweep delivers pending
  rows, list-cache versions also expire (``ZGW_LIST_CACHE_TTL``), autorisatie caches are bounded by their timeout.
* **ordered**: callbacks registered with ``first=True`` (the outbox kick, the delivery kick) run before all others,
  in registration order among themselves; the rest follow in registration order. So a slow or failing cache
  operation never delays or skips the notification.

Savepoints keep Django's semantics (a callback registered inside a rolled-back savepoint is dropped): the callback is
registered with Django and only its position in the connection's queue is changed.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from prometheus_client import Counter

logger = logging.getLogger("zgw.aftercommit")

ERRORS = Counter(
    "zgw_after_commit_errors_total", "after-commit callbacks that raised (logged and skipped)", ["callback"]
)

_FIRST = "_zgw_after_commit_first"


def _name(func: Callable) -> str:
    return getattr(func, "__qualname__", None) or getattr(func, "__name__", None) or repr(func)


def after_commit(
    func: Callable[[], object], *, name: str | None = None, first: bool = False, using: str | None = None
) -> None:
    """Run ``func`` once the current transaction commits (at once outside one); a failure is logged, never raised.

    ``name`` labels the log line and the metric (default: the function's qualified name); ``first`` puts the
    callback ahead of every callback registered without it.
    """
    label = name or _name(func)

    @functools.wraps(func)
    def guarded() -> None:
        try:
            func()
        except Exception:  # noqa: BLE001 - the request is committed; nothing may reach the client
            ERRORS.labels(label).inc()
            logger.exception("after-commit callback %s failed; its work is left to the recovery path", label)

    setattr(guarded, _FIRST, first)
    alias = using or DEFAULT_DB_ALIAS
    conn = connections[alias]
    transaction.on_commit(guarded, using=alias, robust=True)
    if first and conn.in_atomic_block and conn.run_on_commit:
        # Django appended (savepoint ids, func, robust); move it behind the last earlier ``first`` callback
        entry = conn.run_on_commit.pop()
        position = 0
        for index, (_sids, registered, _robust) in enumerate(conn.run_on_commit):
            if getattr(registered, _FIRST, False):
                position = index + 1
        conn.run_on_commit.insert(position, entry)
