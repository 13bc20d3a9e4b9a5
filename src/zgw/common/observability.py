"""Request ids, structured (JSON) logs and Prometheus metrics.

* Every request gets an id (the incoming ``X-Request-ID`` or a new one), returned in ``X-Request-ID``, present in
  every log line of that request, and carried into the Celery tasks it enqueues (task header ``request_id``).
* ``LOG_FORMAT=json`` makes every log line one JSON object. Credentials never reach the logs: bearer tokens and
  ``secret``/``password`` values in messages are masked by :class:`RedactingFilter`.
* ``/metrics`` exposes request rate and latency per endpoint, the outbox backlog, failed deliveries and the Celery
  queue length. With several gunicorn workers set ``PROMETHEUS_MULTIPROC_DIR`` to a shared empty directory.
"""

from __future__ import annotations

import json
import logging
import os
import re
import time
import uuid
from contextvars import ContextVar

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest, multiprocess
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.exposition import CONTENT_TYPE_LATEST

request_id_var: ContextVar[str] = ContextVar("request_id", default="")

_SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")


def current_request_id() -> str:
    return request_id_var.get()


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _SAFE_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        token = request_id_var.set(request_id)
        request.request_id = request_id
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response["X-Request-ID"] = request_id
        return response


# --- logging ----------------------------------------------------------------------------------------------------

_REDACTIONS = [
    (re.compile(r"(?i)(bearer\s+)[A-Za-z0-9._~+/=-]+"), r"\1[REDACTED]"),
    (
        re.compile(r"(?i)((?:secret|password|passwd|token|authorization)[\"']?\s*[:=]\s*[\"']?)[^\s\"',}]+"),
        r"\1[REDACTED]",
    ),
]


def redact(text: str) -> str:
    for pattern, replacement in _REDACTIONS:
        text = pattern.sub(replacement, text)
    return text


class RedactingFilter(logging.Filter):
    """Masks credentials in log messages; also adds ``request_id`` to every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_id()
        try:
            message = record.getMessage()
        except Exception:  # pragma: no cover - a broken format string: leave it to the handler
            return True
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


class JSONFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        payload = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S") + f".{int(record.msecs):03d}",
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "") or current_request_id(),
        }
        if record.exc_info:
            payload["exception"] = redact(self.formatException(record.exc_info))
        return json.dumps(payload, ensure_ascii=False)


# --- query counting (benchmarks) ---------------------------------------------------------------------------------


class QueryCountMiddleware:
    """Adds ``X-DB-Queries`` (SQL statements run for this request) when ``ZGW_QUERY_COUNT_HEADER`` is on.

    Used by ``bench/run`` to report queries per request against a real server; off by default.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.db import connection

        counter = [0]

        def count(execute, sql, params, many, context):
            counter[0] += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            response = self.get_response(request)
        response["X-DB-Queries"] = str(counter[0])
        return response


# --- metrics ----------------------------------------------------------------------------------------------------

REQUESTS = Counter("zgw_http_requests_total", "HTTP requests", ["method", "endpoint", "status"])
LATENCY = Histogram(
    "zgw_http_request_duration_seconds",
    "HTTP request latency",
    ["method", "endpoint"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)


_ROUTE_CLEANUP = re.compile(r"\(\?P<(\w+)>[^)]*\)")


def _endpoint(request) -> str:
    """The URL pattern of the request (``zaken/api/v1/zaken/{uuid}``), so metrics have one series per endpoint."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return "unmatched"
    route = match.route or match.view_name or "unknown"
    return _ROUTE_CLEANUP.sub(lambda m: "{" + m.group(1) + "}", route).replace("^", "").replace("$", "")


class MetricsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        endpoint = _endpoint(request)
        if endpoint != "metrics":
            LATENCY.labels(request.method, endpoint).observe(time.perf_counter() - started)
            REQUESTS.labels(request.method, endpoint, str(response.status_code)).inc()
        return response


# Scrape-time reads that failed (the database is down): the gauges they feed are left out ("unknown"), never 0.
COLLECTION_ERRORS = Counter(
    "zgw_metrics_collection_errors_total", "Scrape-time gauges that could not be read", ["source"]
)


class BacklogCollector:
    """Gauges computed at scrape time: the outbox backlog, plus what apps register (deliveries, workers, queue).

    When a source cannot be read its gauge has no sample and ``zgw_metrics_collection_errors_total`` goes up: an
    alert on "backlog > N" must not be silenced by a database outage reporting 0.
    """

    def collect(self):
        from .models import OutboxMessage

        outbox = GaugeMetricFamily("zgw_outbox_messages", "Outbox rows by status", labels=["status"])
        try:
            counts = {status: 0 for status in OutboxMessage.Status.values}
            for row in OutboxMessage.objects.values("status").order_by().annotate(n=_count()):
                counts[row["status"]] = row["n"]
        except Exception:
            COLLECTION_ERRORS.labels("database").inc()
        else:
            for status, number in counts.items():
                outbox.add_metric([status], number)
        yield outbox
        for extra in _registered_gauges:
            try:
                yield from extra()
            except Exception:
                COLLECTION_ERRORS.labels(getattr(extra, "__name__", "gauge")).inc()


def _count():
    from django.db.models import Count

    return Count("id")


_registered_gauges: list = []


def register_gauges(collect_fn) -> None:
    """Let a component add scrape-time gauges (e.g. the Notificaties app its deliveries and workers)."""
    _registered_gauges.append(collect_fn)


def metrics_view(request):
    from django.http import HttpResponse

    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        from prometheus_client import REGISTRY as registry
    scrape_registry = CollectorRegistry()
    scrape_registry.register(BacklogCollector())
    scraped = generate_latest(scrape_registry)  # first: its read errors are counted in this very answer
    body = generate_latest(registry) + scraped
    return HttpResponse(body, content_type=CONTENT_TYPE_LATEST)


# --- Celery: carry the request id into tasks ------------------------------------------------------------------------


def connect_celery_signals() -> None:
    from celery.signals import before_task_publish, task_postrun, task_prerun

    @before_task_publish.connect(weak=False)
    def _add_request_id(headers=None, **kwargs):
        if headers is not None and current_request_id():
            headers.setdefault("request_id", current_request_id())

    # No ContextVar tokens kept on the task: a task object is shared by all threads of a ``-P threads`` worker, so a
    # token stored on it was overwritten by a concurrent run and reset from the wrong thread ("Token already used",
    # "created in a different Context"). Each pool thread runs its tasks one after another in its own context, so
    # setting the id before and clearing it after a task is enough.
    @task_prerun.connect(weak=False)
    def _set_request_id(task=None, **kwargs):
        request_id = getattr(task.request, "request_id", None) if task is not None else None
        if request_id is None and task is not None:
            request_id = (getattr(task.request, "headers", None) or {}).get("request_id")
        request_id_var.set(request_id or uuid.uuid4().hex)

    @task_postrun.connect(weak=False)
    def _reset_request_id(task=None, **kwargs):
        request_id_var.set("")
