"""Fixtures for the real-client tests: a live server on a loopback port and the credentials clients sign with.

The server is pytest-django's ``live_server`` (a threaded WSGI server on a free port of this process, on the pytest
test database; static files served): a real socket, so ``requests``, ``httpx`` and Chromium talk to it as to any
deployment. Tests here use the transactional database: what the client credentials fixture writes is committed
before a client calls, and everything is flushed afterwards.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import pytest

from zgw.autorisaties import services as ac_services
from zgw.common.auth import make_token

APIS = ("autorisaties", "catalogi", "zaken", "documenten", "besluiten", "notificaties")


@dataclass(frozen=True)
class LiveZGW:
    """The running server and one applicatie with ``heeftAlleAutorisaties``."""

    base_url: str
    client_id: str
    secret: str

    def root(self, api: str) -> str:
        """The documented API root, with its trailing slash (``http://host:port/zaken/api/v1/``)."""
        return f"{self.base_url}/{api}/api/v1/"

    def token(self) -> str:
        """A JWT-ZGW bearer token for the applicatie (what ``manage.py zgw_token`` prints)."""
        return make_token(self.client_id, self.secret, user_id="client-test", user_representation="Client test")


@pytest.fixture
def zgw_live(live_server, transactional_db) -> LiveZGW:
    client_id = f"client-{uuid.uuid4().hex[:10]}"
    secret = f"secret-{uuid.uuid4().hex}"  # 32+ bytes: PyJWT warns on shorter HMAC keys
    ac_services.ensure_client(client_id, secret, label="Client test", heeft_alle_autorisaties=True)
    return LiveZGW(base_url=live_server.url.rstrip("/"), client_id=client_id, secret=secret)
