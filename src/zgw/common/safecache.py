"""The shared cache as an optimisation, never a dependency: every application read and write goes through here.

A connection error of the cache backend (Redis down, timing out, refusing) never reaches the request. Instead:

* the call answers like a miss (``get`` → the default, ``get_many`` → ``{}``) or a no-op (``set``/``add``/``delete``
  → ``False``, ``incr`` → ``None``), and :func:`available` answers ``False``, so callers fall back to the database;
* the **circuit breaker** opens for ``ZGW_CACHE_BREAKER_SECONDS`` (default 5): no call reaches the backend while it
  is open, so a dead Redis costs no connect timeout per request. After the interval one call probes the backend;
  success closes the breaker, failure keeps it open for another interval;
* the error is logged once per opening (not per request) and counted: ``zgw_cache_errors_total`` counts failed
  backend calls, ``zgw_cache_breaker_open`` (0/1, per process) shows the state in ``/metrics``;
* work that must not be lost (an invalidation) can be queued with :func:`retry_when_available`; it runs as soon as
  the breaker closes again in this process.

Each failing call costs at most the backend's socket timeouts (``CACHE_SOCKET_TIMEOUT``, default 0.25 s), once per
interval. The health check (``common.health``) talks to the cache directly: it must report the outage.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.cache import caches
from prometheus_client import Counter, Gauge

logger = logging.getLogger("zgw.cache")

ERRORS = Counter("zgw_cache_errors_total", "cache backend calls that failed (answered as a miss)", ["operation"])
BREAKER_OPEN = Gauge("zgw_cache_breaker_open", "1 while the cache circuit breaker is open", multiprocess_mode="max")

try:  # the Redis client is only there with the Redis backend
    from redis.exceptions import RedisError as _RedisError
except ImportError:  # pragma: no cover
    _RedisError = OSError

CONNECTION_ERRORS: tuple[type[BaseException], ...] = (_RedisError, OSError, EOFError)

_lock = threading.Lock()
_open_until = 0.0  # monotonic time; 0 = closed
_pending: dict[str, Callable[[], None]] = {}


def _interval() -> float:
    return float(getattr(settings, "ZGW_CACHE_BREAKER_SECONDS", 5))


def available() -> bool:
    """Is the breaker closed (or due for a probe)? ``False`` means: do not trust or use the cache now."""
    return _open_until == 0.0 or time.monotonic() >= _open_until


def _trip(operation: str, exc: BaseException) -> None:
    global _open_until
    ERRORS.labels(operation).inc()
    with _lock:
        was_closed = _open_until == 0.0
        _open_until = time.monotonic() + _interval()
    BREAKER_OPEN.set(1)
    if was_closed:
        logger.warning(
            "cache unavailable (%s: %s); answering from the database, next try in %.0f s",
            operation,
            exc.__class__.__name__,
            _interval(),
        )


def _closed() -> None:
    global _open_until
    if _open_until == 0.0:
        return
    with _lock:
        _open_until = 0.0
        pending = list(_pending.values())
        _pending.clear()
    BREAKER_OPEN.set(0)
    logger.warning("cache available again")
    for work in pending:
        _call("retry", work, None)


def _call(operation: str, work: Callable[[], Any], fallback: Any) -> Any:
    if not available():
        return fallback
    try:
        result = work()
    except CONNECTION_ERRORS as exc:
        _trip(operation, exc)
        return fallback
    _closed()
    return result


def reset() -> None:
    """Close the breaker and forget pending work (tests)."""
    global _open_until
    with _lock:
        _open_until = 0.0
        _pending.clear()
    BREAKER_OPEN.set(0)


def retry_when_available(key: str, work: Callable[[], None]) -> None:
    """Run ``work`` once the cache answers again (one entry per ``key``: a newer one replaces an older one)."""
    with _lock:
        _pending[key] = work


def get(key: str, default: Any = None) -> Any:
    return _call("get", lambda: caches["default"].get(key, default), default)


def get_many(keys: Iterable[str]) -> dict[str, Any]:
    keys = list(keys)
    return _call("get_many", lambda: caches["default"].get_many(keys), {})


def set(key: str, value: Any, timeout: float | None = None) -> bool:  # noqa: A001 - mirrors the cache API
    return _call("set", lambda: caches["default"].set(key, value, timeout) or True, False)


def add(key: str, value: Any, timeout: float | None = None) -> bool:
    return _call("add", lambda: caches["default"].add(key, value, timeout), False)


def delete(key: str) -> bool:
    return _call("delete", lambda: caches["default"].delete(key), False)


def incr(key: str) -> int | None:
    """Increment ``key``; ``ValueError`` when it does not exist (as Django's), ``None`` when the cache is down."""
    return _call("incr", lambda: caches["default"].incr(key), None)
