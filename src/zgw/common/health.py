"""Liveness and readiness endpoints for load balancers and orchestrators.

``/health/live``: the process answers. ``/health/ready``: the database, the cache, the document storage and (when
Celery delivers the notifications) the broker all work; 503 with the failing checks otherwise.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.http import JsonResponse


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


def _check_storage() -> None:
    name = default_storage.save(f"health/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
    try:
        with default_storage.open(name) as handle:
            if handle.read() != b"ok":
                raise RuntimeError("storage round trip failed")
    finally:
        default_storage.delete(name)


def _check_broker() -> None:
    from zgw.celery import app

    with app.connection_for_write(url=settings.CELERY_BROKER_URL) as conn:
        conn.ensure_connection(max_retries=1, timeout=2)


def readiness_checks() -> dict:
    checks = {"database": _check_database, "cache": _check_cache, "storage": _check_storage}
    if settings.NOTIFICATIONS_DELIVERY == "celery":
        checks["broker"] = _check_broker
    return checks


def live(request):
    return JsonResponse({"status": "ok"})


def ready(request):
    results: dict[str, str] = {}
    healthy = True
    for name, check in readiness_checks().items():
        try:
            check()
            results[name] = "ok"
        except Exception as exc:  # any failure means not ready; the reason is shown (no secrets in it)
            healthy = False
            results[name] = f"error: {type(exc).__name__}"
    return JsonResponse({"status": "ok" if healthy else "unavailable", "checks": results},
                        status=200 if healthy else 503)
