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
def server(request, redis_url):
    """Two gunicorn workers on this run's Redis; ``indirect`` parametrisation adds environment variables."""
    env = {
        "DB_CONN_MAX_AGE": "0",
        "CACHE_URL": redis_url,
        "CACHE_KEY_PREFIX": f"listcache-{testservices.RUN_ID}-{uuid.uuid4().hex[:8]}",
        "ZGW_QUERY_COUNT_HEADER": "1",
        "NOTIFICATIONS_DISABLED": "true",
        **getattr(request, "param", {}),
    }
    with gunicorn(env) as live:
        yield live.base


def _client(client_id: str, **grant) -> dict:
    secret = "secret-" + uuid.uuid4().hex
    ac_services.ensure_client(client_id, secret, label=client_id, **grant)
    return {"Authorization": f"Bearer {make_token(client_id, secret)}", **CRS}


def _counts(base: str, headers: dict, times: int = 8, page: int = 1) -> tuple[set[int], list[int]]:
    """The counts the list answered ``times`` times (spread over both workers), and the queries each cost."""
    counts, queries = set(), []
    for _ in range(times):
        url = f"{base}/zaken/api/v1/zaken?pageSize=1&page={page}"
        response = requests.get(url, headers=headers, timeout=30)
        assert response.status_code == 200, response.text
        counts.add(response.json()["count"])
        queries.append(int(response.headers["X-DB-Queries"]))
    return counts, queries


@pytest.mark.parametrize("server", [{"ZGW_LIST_CACHE": "true"}], indirect=True)
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


@pytest.mark.parametrize("server", [{"ZGW_LIST_CACHE": "false", "ZGW_LIST_SEEK": "true"}], indirect=True)
def test_without_the_list_cache_counts_and_pages_are_shared_and_never_stale(server, zaaktype):
    """SeekIds: what one worker remembers in Redis (count, page starts) serves the other, until a write retires it."""
    writer = _client("writer", heeft_alle_autorisaties=True)
    body = zaak_payload(zaaktype, vertrouwelijkheidaanduiding="openbaar")
    body["zaaktype"] = body["zaaktype"].replace("http://testserver", server)

    def create(identificatie: str) -> str:
        payload = dict(body, identificatie=identificatie)
        response = requests.post(f"{server}/zaken/api/v1/zaken", json=payload, headers=writer, timeout=30)
        assert response.status_code == 201, response.text
        return response.json()["url"]

    def second_page() -> set[str]:
        seen = set()
        for _ in range(6):
            response = requests.get(f"{server}/zaken/api/v1/zaken?pageSize=1&page=2", headers=writer, timeout=30)
            assert response.status_code == 200, response.text
            seen.add((response.json()["count"], response.json()["results"][0]["identificatie"]))
        return seen

    first = create("P-1")
    create("P-2")
    assert second_page() == {(2, "P-1")}
    counts, queries = _counts(server, writer, page=2)
    assert counts == {2} and min(queries) == 2  # page ids by seek + rows; count from Redis, in either worker
    create("P-3")  # every page shifts by one, in both workers at once
    assert second_page() == {(3, "P-2")}
    assert requests.delete(first, headers=writer, timeout=30).status_code == 204
    assert second_page() == {(2, "P-2")}
