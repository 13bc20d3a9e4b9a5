"""Health, metrics, request ids and log hygiene."""

import json
import logging

from django.core.files.storage import default_storage

from zgw.common import health
from zgw.common.models import OutboxMessage
from zgw.common.observability import JSONFormatter, RedactingFilter, redact


def test_liveness(anonymous_client):
    response = anonymous_client.get("/health/live")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


def test_readiness_checks_database_cache_and_storage(anonymous_client, db):
    response = anonymous_client.get("/health/ready")
    assert response.status_code == 200, response.content
    assert response.json()["checks"] == {"database": "ok", "cache": "ok", "storage": "ok"}


def test_readiness_reports_a_broken_storage(anonymous_client, db, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("disk full")

    health.forget_storage_check()
    monkeypatch.setattr(default_storage, "exists", broken)
    response = anonymous_client.get("/health/ready")
    assert response.status_code == 503
    assert response.json()["checks"]["storage"] == "error: OSError"
    assert anonymous_client.get("/health/ready").status_code == 503  # a failure is not kept: asked again


def test_readiness_looks_the_storage_up_once_per_interval_and_never_writes_there_again(
    anonymous_client, db, monkeypatch, settings
):
    """A load balancer checks every few seconds: on S3 every storage call is a paid request."""
    calls = []
    for method in ("exists", "save", "open", "delete"):
        original = getattr(default_storage, method)
        monkeypatch.setattr(
            default_storage, method, lambda *a, _m=method, _o=original, **k: calls.append(_m) or _o(*a, **k)
        )
    health.forget_storage_check()
    default_storage.delete(health.STORAGE_PROBE_NAME)
    calls.clear()
    settings.ZGW_HEALTH_STORAGE_SECONDS = 30
    for _ in range(3):
        assert anonymous_client.get("/health/ready").json()["checks"]["storage"] == "ok"
    # a new store: the probe object is written once (FileSystemStorage.save itself looks the name up again)
    assert calls[:2] == ["exists", "save"] and calls.count("save") == 1 and "delete" not in calls, calls
    health.forget_storage_check()  # as when the interval has passed
    calls.clear()
    assert anonymous_client.get("/health/ready").json()["checks"]["storage"] == "ok"
    assert calls == ["exists"]  # from then on one lookup (a HEAD on S3) per interval
    settings.ZGW_HEALTH_STORAGE_SECONDS = 0  # 0: every check asks the store
    health.forget_storage_check()
    calls.clear()
    for _ in range(2):
        anonymous_client.get("/health/ready")
    assert calls == ["exists", "exists"]


def test_readiness_with_a_dead_cache_is_degraded_not_unavailable(anonymous_client, db, monkeypatch):
    """The cache is an optimisation (common.safecache falls back to the database): a load balancer must keep the
    web node while Redis is down, so the failed check is reported but the answer stays 200."""
    from django.core.cache import cache

    def dead(*args, **kwargs):
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(cache, "set", dead)
    response = anonymous_client.get("/health/ready")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["checks"]["cache"] == "error: ConnectionError"
    assert response.json()["checks"]["database"] == "ok"


def test_delivery_readiness_checks_the_broker_when_celery_delivers(anonymous_client, db, settings, redis_url):
    settings.NOTIFICATIONS_DELIVERY = "celery"
    settings.CELERY_BROKER_URL = redis_url
    response = anonymous_client.get("/health/ready/delivery")
    assert response.json()["checks"]["broker"] == "ok"
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens there
    response = anonymous_client.get("/health/ready/delivery")
    assert response.status_code == 503
    assert response.json()["checks"]["broker"].startswith("error")
    # the web tier stays ready: writes do not need the broker (the outbox row is the promise)
    web = anonymous_client.get("/health/ready")
    assert web.status_code == 200 and "broker" not in web.json()["checks"]


def test_metrics_count_requests_per_endpoint_and_outbox_backlog(superuser_client):
    superuser_client.get("/autorisaties/api/v1/applicaties")
    OutboxMessage.objects.create(
        kanaal="x", hoofd_object="http://a/b", resource="r", resource_url="http://a/b", actie="create"
    )
    superuser_client.get(f"/autorisaties/api/v1/applicaties/{'0' * 8}-0000-4000-8000-{'0' * 12}")
    body = superuser_client.get("/metrics").content.decode()
    assert 'endpoint="autorisaties/api/v1/applicaties/{uuid}",method="GET",status="404"' in body
    assert 'zgw_http_requests_total{endpoint="autorisaties/api/v1/applicaties",method="GET",status="200"}' in body
    assert "zgw_http_request_duration_seconds_bucket" in body
    pending = OutboxMessage.objects.filter(status="pending").count()
    assert f'zgw_outbox_messages{{status="pending"}} {float(pending)}' in body


def test_request_id_is_returned_and_can_be_given(anonymous_client, db):
    generated = anonymous_client.get("/health/live")["X-Request-ID"]
    assert len(generated) == 32
    given = anonymous_client.get("/health/live", HTTP_X_REQUEST_ID="abc-123")["X-Request-ID"]
    assert given == "abc-123"
    unsafe = anonymous_client.get("/health/live", HTTP_X_REQUEST_ID="<script>")["X-Request-ID"]
    assert unsafe != "<script>"


def test_secrets_are_masked_in_logs():
    assert "eyJabc" not in redact("Authorization: Bearer eyJabc.def.ghi")
    assert "hunter2" not in redact('{"secret": "hunter2"}')
    assert "hunter2" not in redact("password=hunter2 user=x")
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "token %s", ("Bearer eyJsecret.part.sig",), None)
    RedactingFilter().filter(record)
    line = json.loads(JSONFormatter().format(record))
    assert "eyJsecret" not in line["message"]
    assert set(line) >= {"time", "level", "logger", "message", "request_id"}


def test_log_lines_carry_the_request_id(rf, caplog):
    from zgw.common.observability import RequestIdMiddleware

    def view(request):
        logging.getLogger("zgw.test").warning("inside the request")
        from django.http import HttpResponse

        return HttpResponse("ok")

    caplog.handler.addFilter(RedactingFilter())
    with caplog.at_level(logging.WARNING, logger="zgw.test"):
        response = RequestIdMiddleware(view)(rf.get("/x", HTTP_X_REQUEST_ID="req-42"))
    assert response["X-Request-ID"] == "req-42"
    record = next(r for r in caplog.records if r.getMessage() == "inside the request")
    assert record.request_id == "req-42"


def test_query_count_header(rf, db):
    from django.db import connection
    from django.http import HttpResponse

    from zgw.common.observability import QueryCountMiddleware

    def view(request):
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.execute("SELECT 2")
        return HttpResponse("ok")

    assert QueryCountMiddleware(view)(rf.get("/"))["X-DB-Queries"] == "2"


def test_request_id_follows_into_celery_tasks():
    from celery.signals import before_task_publish, task_postrun, task_prerun

    from zgw.common.observability import current_request_id, request_id_var

    token = request_id_var.set("req-celery-1")
    try:
        headers: dict = {}
        before_task_publish.send(sender="zgw.task", headers=headers, body=None)
        assert headers["request_id"] == "req-celery-1"
    finally:
        request_id_var.reset(token)

    class Request:
        request_id = "req-celery-1"
        headers = None

    class Task:
        request = Request()

    task = Task()
    task_prerun.send(sender=task, task=task, task_id="t1")
    try:
        assert current_request_id() == "req-celery-1"
    finally:
        task_postrun.send(sender=task, task=task, task_id="t1")
    assert current_request_id() == ""
