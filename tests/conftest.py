"""Shared fixtures: API clients authenticated as applicaties with chosen autorisaties."""

from __future__ import annotations

import os
import sys
import uuid

import pytest
from django.conf import settings
from django.core.cache import cache
from rest_framework.test import APIClient

from zgw.autorisaties import services as ac_services
from zgw.autorisaties.services import AutorisatieData
from zgw.common.auth import make_token

from . import testservices


def pytest_configure(config):
    """The full run (``./bin/test --full``, ZGW_TEST_FULL=1) and CI must test on PostgreSQL: anything else is a hard
    failure there (ZGW_REQUIRE_POSTGRES=1 asks the same)."""
    if os.environ.get("ZGW_REQUIRE_POSTGRES") == "1" or testservices.full_mode():
        engine = settings.DATABASES["default"]["ENGINE"]
        if "postgresql" not in engine:
            raise pytest.UsageError(f"ZGW_TEST_FULL/ZGW_REQUIRE_POSTGRES set but the database engine is {engine}")


def pytest_unconfigure(config):
    """Stop this process's Redis and any worker or server a test left running, pass or fail."""
    testservices.stop_all()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test database, and before it is dropped: no other session may still be connected to it (a
    killed Celery worker's backend can outlive the worker by a moment; a thread may not have closed its connection),
    else DROP DATABASE fails with "is being accessed by other users" and the test database stays behind."""
    yield
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock():
        left = close_other_sessions(connection)
    if left:
        print(f"\n[tests] terminated {len(left)} session(s) still on the test database: {left}", file=sys.stderr)


def close_other_sessions(connection) -> list[str]:
    """Terminate every other session on this test database (each xdist worker has its own database, so they are all
    this process's or its children's); returns what they were, for the log."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid, application_name, state, left(query, 80) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        others = cursor.fetchall()
        for pid, *_ in others:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    connection.close()
    return [f"{pid} {name!r} {state} {query!r}" for pid, name, state, query in others]


@pytest.fixture
def redis_url() -> str:
    """This test run's own Redis (see tests/testservices.py); skips the test when there is none."""
    return testservices.redis_url()


@pytest.fixture(autouse=True)
def _clear_cache():
    from zgw.common import listcache
    from zgw.common.references import forget_configured_base_url

    cache.clear()
    listcache.clear()
    forget_configured_base_url()
    yield
    cache.clear()
    listcache.clear()
    forget_configured_base_url()


def _client_for(client_id: str, secret: str) -> APIClient:
    client = APIClient()
    token = make_token(client_id, secret, user_id="tester", user_representation="Test Gebruiker")
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    client.client_id = client_id
    return client


@pytest.fixture
def make_api_client(db):
    """``make_api_client(autorisaties=[AutorisatieData(...)])`` or ``make_api_client(heeft_alle=True)``."""

    def factory(
        *,
        heeft_alle: bool = False,
        autorisaties: list[AutorisatieData] | None = None,
        client_id: str | None = None,
        label: str = "Testapplicatie",
    ) -> APIClient:
        client_id = client_id or f"test-{uuid.uuid4().hex[:12]}"
        secret = "test-secret-" + uuid.uuid4().hex
        ac_services.ensure_client(
            client_id,
            secret,
            label=label,
            heeft_alle_autorisaties=heeft_alle,
            autorisaties=autorisaties or [],
        )
        return _client_for(client_id, secret)

    return factory


@pytest.fixture
def superuser_client(make_api_client) -> APIClient:
    """A client whose applicatie has heeftAlleAutorisaties."""
    return make_api_client(heeft_alle=True)


@pytest.fixture
def anonymous_client() -> APIClient:
    return APIClient()
