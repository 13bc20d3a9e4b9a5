"""Scopes and besluittype-scoping of the Besluiten API (component brc; common.md §4.3/§4.4)."""

from __future__ import annotations

import pytest

from zgw.autorisaties.services import AutorisatieData

from .conftest import BESLUITEN, BIOS, besluit_body, local_url

pytestmark = pytest.mark.django_db

ALL_SCOPES = ["besluiten.lezen", "besluiten.aanmaken", "besluiten.bijwerken", "besluiten.verwijderen",
              "audittrails.lezen"]  # fmt: skip


def brc(besluittype_url: str, scopes: list[str]) -> AutorisatieData:
    return AutorisatieData(component="brc", scopes=scopes, besluittype=besluittype_url)


@pytest.fixture
def other_type_url(make_besluittype) -> str:
    return local_url("catalogi", "besluittypen", make_besluittype(omschrijving="Ander"))


def test_anonymous_is_refused(anonymous_client):
    response = anonymous_client.get(BESLUITEN)
    assert response.status_code in (401, 403)
    assert response["Content-Type"].startswith("application/problem+json")


@pytest.mark.parametrize(
    "scope,method,path_kind",
    [
        ("besluiten.lezen", "get", "list"),
        ("besluiten.lezen", "get", "detail"),
        ("besluiten.bijwerken", "patch", "detail"),
        ("besluiten.verwijderen", "delete", "detail"),
        ("audittrails.lezen", "get", "audittrail"),
    ],
)
def test_each_operation_needs_its_scope(make_api_client, create_besluit, besluittype_url, scope, method, path_kind):
    besluit = create_besluit()
    path = {"list": BESLUITEN, "detail": besluit["url"], "audittrail": f"{besluit['url']}/audittrail"}[path_kind]
    without = make_api_client(autorisaties=[brc(besluittype_url, [s for s in ALL_SCOPES if s != scope])])
    with_scope = make_api_client(autorisaties=[brc(besluittype_url, [scope])])
    kwargs = {"format": "json"} if method == "patch" else {}
    args = ({"toelichting": "x"},) if method == "patch" else ()
    assert getattr(without, method)(path, *args, **kwargs).status_code == 403
    assert getattr(with_scope, method)(path, *args, **kwargs).status_code in (200, 204)


def test_create_needs_aanmaken_for_that_besluittype(make_api_client, besluittype_url, other_type_url):
    client = make_api_client(autorisaties=[brc(besluittype_url, ["besluiten.aanmaken"])])
    assert client.post(BESLUITEN, besluit_body(other_type_url), format="json").status_code == 403
    assert client.post(BESLUITEN, besluit_body(besluittype_url), format="json").status_code == 201
    lezen_only = make_api_client(autorisaties=[brc(besluittype_url, ["besluiten.lezen"])])
    assert lezen_only.post(BESLUITEN, besluit_body(besluittype_url), format="json").status_code == 403


def test_list_filtered_by_besluittype(make_api_client, create_besluit, besluittype_url, other_type_url):
    mine = create_besluit()
    create_besluit(besluittype=other_type_url)
    client = make_api_client(autorisaties=[brc(besluittype_url, ["besluiten.lezen"])])
    response = client.get(BESLUITEN)
    assert response.status_code == 200
    assert [b["url"] for b in response.json()["results"]] == [mine["url"]]
    assert response.json()["count"] == 1


def test_list_filter_by_remote_besluittype_grant(make_api_client, create_besluit, mocked):
    from .conftest import remote_besluittype

    remote = remote_besluittype()
    mocked.get(remote["url"], json=remote)
    theirs = create_besluit(besluittype=remote["url"])
    create_besluit()
    client = make_api_client(autorisaties=[brc(remote["url"], ["besluiten.lezen"])])
    assert [b["url"] for b in client.get(BESLUITEN).json()["results"]] == [theirs["url"]]


def test_detail_of_other_besluittype_is_403(make_api_client, create_besluit, besluittype_url, other_type_url):
    other = create_besluit(besluittype=other_type_url)
    client = make_api_client(autorisaties=[brc(besluittype_url, ALL_SCOPES)])
    assert client.get(other["url"]).status_code == 403
    assert client.patch(other["url"], {"toelichting": "x"}, format="json").status_code == 403
    assert client.delete(other["url"]).status_code == 403
    assert client.get(f"{other['url']}/audittrail").status_code == 403


def test_scope_of_another_component_does_not_count(make_api_client, create_besluit, besluittype_url):
    create_besluit()
    client = make_api_client(
        autorisaties=[AutorisatieData(component="zrc", scopes=["besluiten.lezen"], zaaktype=besluittype_url,
                                      max_vertrouwelijkheidaanduiding="geheim")]
    )  # fmt: skip
    assert client.get(BESLUITEN).status_code == 403


def test_bios_filtered_and_authorised_through_besluit(
    make_api_client, superuser_client, create_besluit, besluittype_url, other_type_url, make_document
):
    mine, theirs = create_besluit(), create_besluit(besluittype=other_type_url)
    doc = make_document()
    eio = local_url("documenten", "enkelvoudiginformatieobjecten", doc)
    my_bio = superuser_client.post(BIOS, {"besluit": mine["url"], "informatieobject": eio}, format="json").json()
    their_bio = superuser_client.post(BIOS, {"besluit": theirs["url"], "informatieobject": eio},
                                      format="json").json()  # fmt: skip
    client = make_api_client(autorisaties=[brc(besluittype_url, ALL_SCOPES)])
    assert [b["url"] for b in client.get(BIOS).json()] == [my_bio["url"]]
    assert client.get(their_bio["url"]).status_code == 403
    assert client.delete(their_bio["url"]).status_code == 403
    other_doc = local_url("documenten", "enkelvoudiginformatieobjecten", make_document())
    assert client.post(BIOS, {"besluit": theirs["url"], "informatieobject": other_doc},
                       format="json").status_code == 403  # fmt: skip
    assert client.post(BIOS, {"besluit": mine["url"], "informatieobject": other_doc},
                       format="json").status_code == 201  # fmt: skip
