"""The list cache across processes: gunicorn workers that share Redis see each other's writes at once.

Runs the real server (two gunicorn workers, CACHE_URL on Redis) against the test database; every read and write
goes over HTTP, so a write lands in one worker and the lists come from both.
"""

from __future__ import annotations

import uuid

import pytest
import requests
from django.db import connection

from tests import testservices
from tests.liveserver import gunicorn
from zgw.autorisaties import services as ac_services
from zgw.autorisaties.services import AutorisatieData
from zgw.common.auth import make_token

from .conftest import cat_url, zaak_payload

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the kept lists serve the PostgreSQL list path"),
]

CRS = {"Accept-Crs": "EPSG:4326", "Content-Crs": "EPSG:4326"}


@pytest.fixture
def server(redis_url):
    env = {
        "DB_CONN_MAX_AGE": "0",
        "CACHE_URL": redis_url,
        "CACHE_KEY_PREFIX": f"listcache-{testservices.RUN_ID}-{uuid.uuid4().hex[:8]}",
        "ZGW_QUERY_COUNT_HEADER": "1",
        "NOTIFICATIONS_DISABLED": "true",
    }
    with gunicorn(env) as live:
        yield live.base


def _client(client_id: str, **grant) -> dict:
    secret = "secret-" + uuid.uuid4().hex
    ac_services.ensure_client(client_id, secret, label=client_id, **grant)
    return {"Authorization": f"Bearer {make_token(client_id, secret)}", **CRS}


def _counts(base: str, headers: dict, times: int = 8) -> tuple[set[int], list[int]]:
    """The counts the list answered ``times`` times (spread over both workers), and the queries each cost."""
    counts, queries = set(), []
    for _ in range(times):
        response = requests.get(f"{base}/zaken/api/v1/zaken?pageSize=1", headers=headers, timeout=30)
        assert response.status_code == 200, response.text
        counts.add(response.json()["count"])
        queries.append(int(response.headers["X-DB-Queries"]))
    return counts, queries


def test_a_write_in_one_worker_is_seen_by_the_lists_of_all(server, zaaktype):
    writer = _client("writer", heeft_alle_autorisaties=True)
    grant = AutorisatieData(
        component="zrc",
        scopes=["zaken.lezen"],
        zaaktype=cat_url("zaaktypen", zaaktype).replace("http://testserver", server),
        max_vertrouwelijkheidaanduiding="zaakvertrouwelijk",
    )
    reader = _client("reader", autorisaties=[grant])
    body = zaak_payload(zaaktype, vertrouwelijkheidaanduiding="openbaar")
    body["zaaktype"] = body["zaaktype"].replace("http://testserver", server)

    def create() -> str:
        response = requests.post(f"{server}/zaken/api/v1/zaken", json=body, headers=writer, timeout=30)
        assert response.status_code == 201, response.text
        return response.json()["url"]

    first = create()
    create()
    counts, queries = _counts(server, reader)
    assert counts == {2}
    assert 1 in queries  # a worker answered from its kept list

    create()
    assert _counts(server, reader)[0] == {3}

    hidden = requests.patch(first, json={"vertrouwelijkheidaanduiding": "geheim"}, headers=writer, timeout=30)
    assert hidden.status_code == 200, hidden.text
    assert _counts(server, reader)[0] == {2}

    assert requests.delete(first, headers=writer, timeout=30).status_code == 204
    assert _counts(server, writer)[0] == {2}
