"""Fixtures of the Notificaties tests: scoped API clients, the kanalen, a webhook receiver."""

from __future__ import annotations

import pytest
import responses as responses_lib

from zgw.autorisaties.services import AutorisatieData
from zgw.notificaties import conf
from zgw.notificaties.services import register_kanalen

from .receiver import Receiver


@pytest.fixture
def kanalen(db):
    register_kanalen()


@pytest.fixture
def nrc_client(make_api_client):
    """``nrc_client("notificaties.consumeren", ...)``: a client with those nrc scopes."""

    def factory(*scopes: str):
        return make_api_client(autorisaties=[AutorisatieData(component="nrc", scopes=list(scopes))])

    return factory


@pytest.fixture
def mocked_http():
    with responses_lib.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        yield rsps


@pytest.fixture
def receiver():
    with Receiver() as running:
        yield running


@pytest.fixture
def fast_retries(monkeypatch):
    monkeypatch.setattr(conf, "RETRY_BASE_DELAY", 0.2)
    monkeypatch.setattr(conf, "RETRY_JITTER", 0.1)
    monkeypatch.setattr(conf, "CALLBACK_TIMEOUT", 3.0)
    monkeypatch.setattr(conf, "LOCK_MARGIN", 1.0)
    monkeypatch.setattr(conf, "SWEEP_GRACE", 1.0)


@pytest.fixture(autouse=True)
def _closed_broker_breaker():
    """The publish breaker is process state: a test that trips it must not silence the next test's kicks."""
    from zgw.notificaties import dispatch

    dispatch.breaker.reset()
    yield
    dispatch.breaker.reset()
