"""Liveness and readiness endpoints for load balancers and orchestrators.

``/health/live``: the process answers. ``/health/ready``: this web process can serve requests (database, document
storage - a cheap lookup, its success kept for a while: see ``_check_storage``); 503 with the failing checks
otherwise. The cache is checked too, but only as advice ("degraded"): it is an optimisation (``common.safecache``
falls back to the database), so a Redis outage must not pull every web node.
Nor does it depend on the broker or on workers: a load balancer must not pull the web tier because notification
delivery is stuck (writes keep working: the outbox row is the promise). ``/health/ready/delivery``: notification
delivery works (broker reachable, a worker seen recently while work waits) - for a pager, not for a load balancer.
See docs/operations.md.
"""

from __future__ import annotations

import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.http import Http404, JsonResponse


def _check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _check_cache() -> None:
    key = f"zgw:health:{uuid.uuid4().hex}"
    cache.set(key, "1", 5)
    if cache.get(key) != "1":
        raise RuntimeError("cache round trip failed")
    cache.delete(key)


# The document store answers a load balancer's check every few seconds per instance: on S3 a write, read and delete
# each time would be three paid requests. So the check looks up one known object (a HEAD on S3, a stat on a file
# system), written once when it is missing (a new bucket; a store that cannot take it fails the check); and a success
# is kept for ZGW_HEALTH_STORAGE_SECONDS per process. A failure is never kept: the next check asks again.
STORAGE_PROBE_NAME = "health/probe.txt"
_storage_ok_until = 0.0


def _check_storage() -> None:
    global _storage_ok_until
    now = time.monotonic()
    if now < _storage_ok_until:
        return
    if not default_storage.exists(STORAGE_PROBE_NAME):
        saved = default_storage.save(STORAGE_PROBE_NAME, ContentFile(b"ok"))
        if saved != STORAGE_PROBE_NAME:  # another process wrote it a moment earlier: keep one
            default_storage.delete(saved)
    _storage_ok_until = now + settings.ZGW_HEALTH_STORAGE_SECONDS


def forget_storage_check() -> None:
    """Make the next readiness check ask the store again (tests; after a storage configuration change)."""
    global _storage_ok_until
    _storage_ok_until = 0.0


def _check_broker() -> None:
    from zgw.celery import app

    with app.connection_for_write(url=settings.CELERY_BROKER_URL) as conn:
        conn.ensure_connection(max_retries=1, timeout=2)


_component_checks: dict[str, dict] = {}

# Checks whose failure is reported but leaves the component ready (the answer's status says "degraded").
ADVISORY_CHECKS = frozenset({"cache"})


def register_component_check(component: str, name: str, check) -> None:
    """Let an app add a check to a component (the Notificaties app: ``delivery`` / ``workers``)."""
    _component_checks.setdefault(component, {})[name] = check


def readiness_checks(component: str = "web") -> dict:
    """The checks of ``component``: ``web`` (this process serves requests) or a registered one (``delivery``)."""
    if component == "web":
        return {"database": _check_database, "cache": _check_cache, "storage": _check_storage}
    if component not in _component_checks:
        raise KeyError(component)
    checks = {"database": _check_database}
    if component == "delivery" and settings.NOTIFICATIONS_DELIVERY == "celery":
        checks["broker"] = _check_broker
    checks.update(_component_checks[component])
    return checks


def run_checks(component: str = "web") -> tuple[bool, dict[str, str]]:
    """Run the checks of ``component``: whether it is ready (advisory checks aside) and each check's outcome."""
    results: dict[str, str] = {}
    healthy = True
    for name, check in readiness_checks(component).items():
        try:
            check()
            results[name] = "ok"
        except Exception as exc:  # a failure means not ready (unless advisory); the reason is shown (no secrets)
            healthy = healthy and name in ADVISORY_CHECKS
            detail = str(exc) if isinstance(exc, RuntimeError) else ""
            results[name] = f"error: {type(exc).__name__}" + (f": {detail}" if detail else "")
    return healthy, results


def live(request):
    return JsonResponse({"status": "ok"})


def ready(request, component: str = "web"):
    try:
        healthy, results = run_checks(component)
    except KeyError:
        raise Http404(component) from None
    degraded = healthy and any(value != "ok" for value in results.values())
    status = "degraded" if degraded else "ok" if healthy else "unavailable"
    return JsonResponse(
        {"status": status, "component": component, "checks": results},
        status=200 if healthy else 503,
    )
