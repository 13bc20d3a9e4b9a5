"""Shared fixtures: API clients authenticated as applicaties with chosen autorisaties."""

from __future__ import annotations

import os
import uuid

import pytest
from django.conf import settings
from django.core.cache import cache
from rest_framework.test import APIClient

from zgw.autorisaties import services as ac_services
from zgw.autorisaties.services import AutorisatieData
from zgw.common.auth import make_token


def pytest_configure(config):
    """CI must test on PostgreSQL: with ZGW_REQUIRE_POSTGRES=1 anything else is a hard failure."""
    if os.environ.get("ZGW_REQUIRE_POSTGRES") == "1":
        engine = settings.DATABASES["default"]["ENGINE"]
        if "postgresql" not in engine:
            raise pytest.UsageError(f"ZGW_REQUIRE_POSTGRES=1 but the database engine is {engine}")


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
