"""The built-in read-only Referentielijsten API, served from the bundled data."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from zgw.referentielijsten import store

ROOT = "http://testserver/referentielijsten/api/v1"
PROCESTYPE_8 = "bd1ec0a0-0ecd-4046-8372-dcb6bdfda891"


@pytest.fixture
def client(db) -> APIClient:
    return APIClient()


def test_procestypen_list_without_authentication(client):
    response = client.get(f"{ROOT}/procestypen")
    assert response.status_code == 200
    body = response.json()
    assert len(body) == len(store.procestypen()) == 29
    assert body[0]["url"] == f"{ROOT}/procestypen/{store.procestypen()[0]['url']}"


def test_procestypen_jaar_filter(client):
    assert len(client.get(f"{ROOT}/procestypen", {"jaar": "2020"}).json()) == 29
    assert client.get(f"{ROOT}/procestypen", {"jaar": "2017"}).json() == []
    assert client.get(f"{ROOT}/procestypen", {"jaar": "x"}).status_code == 400


def test_procestype_detail_and_404(client):
    response = client.get(f"{ROOT}/procestypen/{PROCESTYPE_8}")
    assert response.status_code == 200
    assert response.json()["nummer"] == 8
    assert client.get(f"{ROOT}/procestypen/00000000-0000-0000-0000-000000000000").status_code == 404


def test_resultaten_paginated_and_filtered_by_procestype(client):
    everything = client.get(f"{ROOT}/resultaten").json()
    assert everything["count"] == 346
    assert everything["next"] is not None
    filtered = client.get(f"{ROOT}/resultaten", {"proces_type": f"{ROOT}/procestypen/{PROCESTYPE_8}"}).json()
    assert filtered["count"] == 25
    assert {r["procesType"] for r in filtered["results"]} == {f"{ROOT}/procestypen/{PROCESTYPE_8}"}


def test_resultaat_detail(client):
    response = client.get(f"{ROOT}/resultaten/e2068367-1012-4795-984e-72901180ff80").json()
    assert (response["volledigNummer"], response["procestermijn"], response["bewaartermijn"]) == ("8.2", "nihil", "P5Y")


def test_resultaattypeomschrijvingen(client):
    body = client.get(f"{ROOT}/resultaattypeomschrijvingen").json()
    assert {r["omschrijving"] for r in body} == {"Afgewezen", "Ingetrokken", "Toegekend"}
    detail = client.get(body[0]["url"]).json()
    assert detail == body[0]


def test_read_only(client):
    assert client.post(f"{ROOT}/procestypen", {}, format="json").status_code == 405


def test_catalogi_validates_against_served_records_without_http(client, db):
    """The URLs this API serves are exactly the ones the Catalogi API accepts (no network needed)."""
    from zgw.catalogi.selectielijst import fetch

    url = client.get(f"{ROOT}/resultaten/e2068367-1012-4795-984e-72901180ff80").json()["url"]
    record = fetch(url, "resultaten", "selectielijstklasse")
    assert record["procesType"] == f"{ROOT}/procestypen/{PROCESTYPE_8}"
