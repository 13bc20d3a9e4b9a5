"""Fixtures of the Documenten tests: a remote (mocked) informatieobjecttype, temporary media storage, helpers."""

from __future__ import annotations

import base64
import uuid

import pytest
import responses

REMOTE_CATALOGI = "https://catalogi.example.nl/catalogi/api/v1"
BASE = "http://testserver/documenten/api/v1"
EIO_LIST = "/documenten/api/v1/enkelvoudiginformatieobjecten"


def remote_iotype(
    *, vertrouwelijkheidaanduiding: str = "openbaar", concept: bool = False, uuid_: str | None = None
) -> dict:
    url = f"{REMOTE_CATALOGI}/informatieobjecttypen/{uuid_ or uuid.uuid4()}"
    return {
        "url": url,
        "catalogus": f"{REMOTE_CATALOGI}/catalogussen/{uuid.uuid4()}",
        "omschrijving": "Brief",
        "vertrouwelijkheidaanduiding": vertrouwelijkheidaanduiding,
        "beginGeldigheid": "2020-01-01",
        "concept": concept,
        "informatieobjectcategorie": "brief",
    }


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.NOTIFICATIONS_DISABLED = False


@pytest.fixture
def mocked():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        yield rsps


@pytest.fixture
def iotype(mocked) -> dict:
    """A published remote informatieobjecttype (openbaar)."""
    data = remote_iotype()
    mocked.get(data["url"], json=data)
    return data


@pytest.fixture
def make_iotype(mocked):
    def factory(**kwargs) -> dict:
        data = remote_iotype(**kwargs)
        mocked.get(data["url"], json=data)
        return data

    return factory


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def eio_body(iotype_url: str, **overrides) -> dict:
    body = {
        "bronorganisatie": "000000000",
        "creatiedatum": "2024-05-01",
        "titel": "Brief aan burger",
        "auteur": "Ambtenaar",
        "taal": "dut",
        "informatieobjecttype": iotype_url,
        "inhoud": b64(b"hallo wereld"),
        "bestandsnaam": "brief.txt",
    }
    body.update(overrides)
    return body


@pytest.fixture
def create_eio(superuser_client, iotype):
    """Create a document through the API (as a superuser); returns the response JSON."""

    def factory(client=None, **overrides) -> dict:
        response = (client or superuser_client).post(EIO_LIST, eio_body(iotype["url"], **overrides), format="json")
        assert response.status_code == 201, response.json()
        return response.json()

    return factory


def path_of(url: str) -> str:
    return url.replace("http://testserver", "")


def lock(client, eio_url: str) -> str:
    response = client.post(f"{path_of(eio_url)}/lock")
    assert response.status_code == 200, response.json()
    return response.json()["lock"]


def codes(response) -> set[tuple[str, str]]:
    return {(p["name"], p["code"]) for p in response.json().get("invalidParams", [])}
