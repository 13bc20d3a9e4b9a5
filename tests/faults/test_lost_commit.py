"""A write whose database connection is terminated after the view finished but before its COMMIT (what
``pg_terminate_backend``, a failover or a PostgreSQL restart does to a request in flight): the COMMIT fails outside
DRF's exception handling, and must still be answered 503 ``database-unavailable`` with ``Retry-After``, not 500."""

from __future__ import annotations

import psycopg
import pytest
from django.db import connection

from tests.notificaties.worker import database_url
from zgw.autorisaties.api.viewsets import ApplicatieViewSet
from zgw.autorisaties.models import Applicatie

pytestmark = pytest.mark.django_db(transaction=True)

BODY = {
    "clientIds": ["lost-commit"],
    "label": "lost-commit",
    "heeftAlleAutorisaties": False,
    "autorisaties": [{"component": "nrc", "scopes": ["notificaties.consumeren"]}],
}


def _terminate_before_commit(monkeypatch) -> list[int]:
    """Terminate the request's backend from another session as the view hands back its answer (inside the
    request's transaction, after the view's exception handling); returns the terminated pids."""
    terminated: list[int] = []
    original = ApplicatieViewSet.finalize_response

    def finalize_then_terminate(self, request, response, *args, **kwargs):
        if not terminated and connection.in_atomic_block:
            pid = connection.connection.info.backend_pid
            with psycopg.connect(database_url(connection.settings_dict), autocommit=True) as other:
                # the timeout makes it wait until the backend is gone: the COMMIT then certainly fails
                other.execute("SELECT pg_terminate_backend(%s, 5000)", (pid,))
            terminated.append(pid)
        return original(self, request, response, *args, **kwargs)

    monkeypatch.setattr(ApplicatieViewSet, "finalize_response", finalize_then_terminate)
    return terminated


def test_connection_lost_before_commit_is_503_not_500(superuser_client, monkeypatch):
    terminated = _terminate_before_commit(monkeypatch)

    response = superuser_client.post("/autorisaties/api/v1/applicaties", BODY, format="json")

    assert terminated, "the hook did not run inside the request's transaction"
    assert response.status_code == 503, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert response["Retry-After"] == "1"
    body = response.json()
    assert body["code"] == "database-unavailable"
    assert body["status"] == 503
    assert body["type"].endswith("/ref/fouten/DatabaseUnavailable/")
    # nothing was committed, and the next request gets a working connection again
    assert not Applicatie.objects.filter(label="lost-commit").exists()
    again = superuser_client.post("/autorisaties/api/v1/applicaties", BODY, format="json")
    assert again.status_code == 201, again.content
