"""Authorisation per informatieobjecttype and maxVertrouwelijkheidaanduiding on every endpoint (common.md §4.3)."""

from __future__ import annotations

import pytest

from zgw.autorisaties.services import AutorisatieData

from .conftest import EIO_LIST, eio_body, path_of

pytestmark = pytest.mark.django_db


def _client(make_api_client, iotype_url: str, scopes: list[str], level: str = "openbaar"):
    return make_api_client(
        autorisaties=[
            AutorisatieData(
                component="drc",
                scopes=scopes,
                informatieobjecttype=iotype_url,
                max_vertrouwelijkheidaanduiding=level,
            )
        ]
    )


def test_anonymous_is_401(anonymous_client):
    assert anonymous_client.get(EIO_LIST).status_code == 401


def test_list_filtered_by_type_and_level(make_api_client, create_eio, iotype, make_iotype):
    other = make_iotype()
    visible = create_eio()
    create_eio(vertrouwelijkheidaanduiding="geheim")
    create_eio(informatieobjecttype=other["url"])
    client = _client(make_api_client, iotype["url"], ["documenten.lezen"], "intern")
    response = client.get(EIO_LIST)
    assert response.status_code == 200
    assert [item["url"] for item in response.json()["results"]] == [visible["url"]]
    zoek = client.post(f"{EIO_LIST}/_zoek", {"uuid__in": [visible["url"].rsplit("/", 1)[1]]}, format="json")
    assert zoek.json()["count"] == 1


def test_detail_download_audittrail_403_outside_autorisatie(make_api_client, create_eio, iotype):
    secret = create_eio(vertrouwelijkheidaanduiding="geheim")
    client = _client(make_api_client, iotype["url"], ["documenten.lezen", "audittrails.lezen"], "openbaar")
    url = path_of(secret["url"])
    assert client.get(url).status_code == 403
    assert client.get(f"{url}/download").status_code == 403
    assert client.get(f"{url}/audittrail").status_code == 403
    allowed = _client(make_api_client, iotype["url"], ["documenten.lezen", "audittrails.lezen"], "zeer_geheim")
    assert allowed.get(url).status_code == 200
    assert allowed.get(f"{url}/download").status_code == 200
    assert allowed.get(f"{url}/audittrail").status_code == 200


def test_scope_required(make_api_client, create_eio, iotype):
    data = create_eio()
    client = _client(make_api_client, iotype["url"], ["documenten.lezen"])
    assert client.delete(path_of(data["url"])).status_code == 403
    assert client.post(EIO_LIST, eio_body(iotype["url"]), format="json").status_code == 403
    assert client.get(f"{path_of(data['url'])}/audittrail").status_code == 403


def test_create_checks_type_and_derived_level(make_api_client, iotype, make_iotype):
    client = _client(make_api_client, iotype["url"], ["documenten.aanmaken", "documenten.lezen"], "openbaar")
    assert client.post(EIO_LIST, eio_body(iotype["url"]), format="json").status_code == 201
    too_secret = client.post(EIO_LIST, eio_body(iotype["url"], vertrouwelijkheidaanduiding="geheim"), format="json")
    assert too_secret.status_code == 403
    geheim_type = make_iotype(vertrouwelijkheidaanduiding="geheim")
    client2 = _client(make_api_client, geheim_type["url"], ["documenten.aanmaken"], "openbaar")
    # drc-007: the level derived from the type counts
    assert client2.post(EIO_LIST, eio_body(geheim_type["url"]), format="json").status_code == 403


def test_sub_resources_authorised_through_document(make_api_client, create_eio, iotype, superuser_client):
    secret = create_eio(vertrouwelijkheidaanduiding="geheim")
    public = create_eio()
    for document in (secret, public):
        superuser_client.post(
            "/documenten/api/v1/gebruiksrechten",
            {"informatieobject": document["url"], "startdatum": "2024-01-01T00:00:00Z", "omschrijvingVoorwaarden": "x"},
            format="json",
        )
    client = _client(make_api_client, iotype["url"], ["documenten.lezen", "documenten.aanmaken"], "openbaar")
    listed = client.get("/documenten/api/v1/gebruiksrechten").json()
    assert [item["informatieobject"] for item in listed] == [public["url"]]
    created = client.post(
        "/documenten/api/v1/gebruiksrechten",
        {"informatieobject": secret["url"], "startdatum": "2024-01-01T00:00:00Z", "omschrijvingVoorwaarden": "x"},
        format="json",
    )
    assert created.status_code == 403


def test_update_requires_bijwerken_or_geforceerd(make_api_client, create_eio, iotype, superuser_client):
    data = create_eio()
    lock_id = superuser_client.post(f"{path_of(data['url'])}/lock").json()["lock"]
    forced = _client(make_api_client, iotype["url"], ["documenten.geforceerd-bijwerken"])
    response = forced.patch(path_of(data["url"]), {"titel": "x", "lock": lock_id}, format="json")
    assert response.status_code == 200
    reader = _client(make_api_client, iotype["url"], ["documenten.lezen"])
    assert reader.patch(path_of(data["url"]), {"titel": "y", "lock": lock_id}, format="json").status_code == 403


def test_update_cannot_raise_level_beyond_autorisatie(make_api_client, create_eio, iotype, superuser_client):
    data = create_eio()
    lock_id = superuser_client.post(f"{path_of(data['url'])}/lock").json()["lock"]
    client = _client(make_api_client, iotype["url"], ["documenten.bijwerken"], "intern")
    raised = client.patch(
        path_of(data["url"]), {"vertrouwelijkheidaanduiding": "geheim", "lock": lock_id}, format="json"
    )
    assert raised.status_code == 403
    ok = client.patch(path_of(data["url"]), {"vertrouwelijkheidaanduiding": "intern", "lock": lock_id}, format="json")
    assert ok.status_code == 200
