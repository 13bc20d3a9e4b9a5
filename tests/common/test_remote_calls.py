"""``references.remote_call`` / ``json_of`` / ``results_of``: uncached calls to other ZGW APIs (only the remote
HTTP server is mocked)."""

from __future__ import annotations

import pytest
import requests
import responses

from zgw.common.models import Service
from zgw.common.references import RemoteFetchError, json_of, remote_call, results_of

ROOT = "https://drc.elders.nl/api/v1"
OIOS = f"{ROOT}/objectinformatieobjecten"


@pytest.fixture
def mocked():
    with responses.RequestsMock() as rsps:
        yield rsps


def test_credentials_of_the_configured_service_are_sent(db, mocked):
    Service.objects.create(
        label="drc", api_root=f"{ROOT}/", client_id="wij", secret="geheim-geheim-geheim-geheim-geheim-geheim"
    )
    post = mocked.post(OIOS, status=201, json={"url": f"{OIOS}/1"})

    response = remote_call("POST", OIOS, json={"object": "o"}, ok=(200, 201))

    sent = post.calls[0].request
    assert sent.headers["Authorization"].startswith("Bearer ")
    assert sent.headers["Accept"] == "application/json"
    assert sent.headers["Content-Type"] == "application/json"
    assert sent.body == b'{"object": "o"}'
    assert json_of(response) == {"url": f"{OIOS}/1"}


def test_api_key_service_and_query_parameters(db, mocked):
    Service.objects.create(
        label="drc", api_root=f"{ROOT}/", auth_type=Service.AuthType.api_key, header_key="X-Key", header_value="k1"
    )
    get = mocked.get(OIOS, json=[])

    remote_call("GET", OIOS, params={"object": "https://zrc/zaken/1"})

    assert get.calls[0].request.headers["X-Key"] == "k1"
    assert get.calls[0].request.url == f"{OIOS}?object=https%3A%2F%2Fzrc%2Fzaken%2F1"


def test_without_a_service_no_credentials_are_sent(db, mocked):
    get = mocked.get(OIOS, json=[])
    remote_call("GET", OIOS)
    assert "Authorization" not in get.calls[0].request.headers


def test_the_call_is_not_cached(db, mocked):
    get = mocked.get(OIOS, json=[])
    remote_call("GET", OIOS)
    remote_call("GET", OIOS)
    assert get.call_count == 2


def test_unexpected_status_raises_bad_url(db, mocked):
    mocked.delete(f"{OIOS}/1", status=503)
    with pytest.raises(RemoteFetchError) as raised:
        remote_call("DELETE", f"{OIOS}/1", ok=(200, 204, 404))
    assert raised.value.code == "bad-url"
    assert raised.value.message == f"DELETE {OIOS}/1 gaf status 503."


def test_expected_status_other_than_200_is_fine(db, mocked):
    mocked.delete(f"{OIOS}/1", status=404)
    assert remote_call("DELETE", f"{OIOS}/1", ok=(200, 204, 404)).status_code == 404


def test_connection_error_raises_bad_url(db, mocked):
    mocked.get(OIOS, body=requests.ConnectionError("verbinding geweigerd"))
    with pytest.raises(RemoteFetchError) as raised:
        remote_call("GET", OIOS)
    assert raised.value.code == "bad-url"
    assert raised.value.message == f"GET {OIOS} mislukte: verbinding geweigerd"


def test_timeout_setting_is_used(db, mocked, settings):
    settings.REMOTE_FETCH_TIMEOUT = 2.5
    get = mocked.get(OIOS, json=[])
    remote_call("GET", OIOS)
    assert get.calls[0].request.req_kwargs["timeout"] == 2.5


def test_body_without_json_raises_invalid_resource(db, mocked):
    mocked.get(OIOS, body="<html>", content_type="text/html")
    response = remote_call("GET", OIOS)
    with pytest.raises(RemoteFetchError) as raised:
        json_of(response)
    assert raised.value.code == "invalid-resource"
    assert raised.value.message == f"GET {OIOS} gaf geen JSON."


@pytest.mark.parametrize(
    "data",
    [
        [{"url": "a"}, {"url": "b"}],
        {"count": 2, "next": None, "previous": None, "results": [{"url": "a"}, {"url": "b"}]},
    ],
)
def test_results_of_paginated_and_plain_lists(data):
    assert results_of(data) == [{"url": "a"}, {"url": "b"}]
    assert results_of(data, strict=True) == [{"url": "a"}, {"url": "b"}]


@pytest.mark.parametrize("data", [{}, {"results": []}, []])
def test_results_of_empty(data):
    assert results_of(data) == [] == results_of(data, strict=True)


@pytest.mark.parametrize("data", [None, "tekst", {"results": None}, ["a", {"url": "b"}]])
def test_results_of_other_shapes(data):
    assert results_of(data) == ([{"url": "b"}] if isinstance(data, list) else [])
    with pytest.raises(RemoteFetchError) as raised:
        results_of(data, strict=True)
    assert raised.value.code == "invalid-resource"
