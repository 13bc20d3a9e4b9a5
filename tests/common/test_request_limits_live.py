"""Issue 19 finding 10, the live part: behind gunicorn with ``bin/serve``'s request limits, an 8 KB token and an
over-long ``expand`` or query reach the application and are answered as Problem-JSON (401, 400), not as gunicorn's
HTML 431/414 page (what gunicorn's defaults of 4094-byte request lines and 8190-byte header fields gave)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import requests
from django.db import connection

from tests.liveserver import gunicorn

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="gunicorn shares the PostgreSQL test database"),
]

SERVE = Path(__file__).resolve().parents[2] / "bin" / "serve"


def _serve_limits() -> tuple[str, ...]:
    """The --limit-request-* options with bin/serve's defaults, read from the script itself."""
    found = re.findall(r'(--limit-request-[a-z_]+) "\$\{[A-Z_]+:-(\d+)\}"', SERVE.read_text())
    assert len(found) == 3, found
    return tuple(part for option, value in found for part in (option, value))


@pytest.fixture
def server():
    with gunicorn({"NOTIFICATIONS_DISABLED": "true"}, workers=1, args=_serve_limits()) as live:
        yield live.base


def _assert_problem(response: requests.Response, status: int) -> None:
    assert response.status_code == status, response.text[:300]
    assert response.headers["Content-Type"].startswith("application/problem+json"), response.headers
    assert response.json()["status"] == status


def test_an_8_kb_token_is_a_problem_json_401(server):
    headers = {"Authorization": "Bearer " + "a" * 8192}
    _assert_problem(requests.get(f"{server}/zaken/api/v1/zaken", headers=headers, timeout=30), 401)


def test_an_over_long_expand_and_query_are_problem_json(server, make_api_client):
    token = make_api_client(heeft_alle=True)._credentials["HTTP_AUTHORIZATION"]
    headers = {"Authorization": token, "Accept-Crs": "EPSG:4326"}
    expand = ",".join(["zaaktype.statustypen.zaaktype"] * 200)  # ~6 KB, within the 8190-byte request line
    response = requests.get(f"{server}/zaken/api/v1/zaken", params={"expand": expand}, headers=headers, timeout=30)
    _assert_problem(response, 400)
    query = {"identificatie": "x" * 6000}
    response = requests.get(f"{server}/zaken/api/v1/zaken", params=query, headers=headers, timeout=30)
    assert response.status_code in (200, 400), response.text[:300]  # the application answered, not gunicorn
    assert "json" in response.headers["Content-Type"]
