"""Bad input gives 400 Problem-JSON with invalidParams, never a 500."""

from __future__ import annotations

import pytest

from .conftest import API, make_zaaktype, url, zaaktype_payload


@pytest.mark.parametrize(
    "collection",
    [
        "zaaktypen",
        "statustypen",
        "roltypen",
        "resultaattypen",
        "eigenschappen",
        "zaakobjecttypen",
        "zaaktype-informatieobjecttypen",
        "informatieobjecttypen",
        "besluittypen",
        "catalogussen",
    ],
)
@pytest.mark.parametrize("body", [[], [1, 2], "tekst", 42, None])
def test_body_that_is_not_an_object(superuser_client, collection, body):
    response = superuser_client.post(f"{API}/{collection}", body, format="json")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")


@pytest.mark.parametrize(
    "changes",
    [
        {"referentieproces": "tekst"},
        {"referentieproces": None},
        {"referentieproces": {"naam": ["lijst"]}},
        {"besluittypen": "tekst"},
        {"besluittypen": [{"a": 1}]},
        {"besluittypen": [None]},
        {"deelzaaktypen": {"a": 1}},
        {"gerelateerdeZaaktypen": ["tekst"]},
        {"gerelateerdeZaaktypen": [{"zaaktype": 5, "aardRelatie": "onbekend"}]},
        {"productenOfDiensten": ["geen url"]},
        {"trefwoorden": [{"x": 1}]},
        {"catalogus": "https://elders.example.com/catalogussen/1"},
        {"catalogus": 12},
        {"broncatalogus": []},
        {"beginGeldigheid": "morgen"},
        {"vertrouwelijkheidaanduiding": "supergeheim"},
        {"selectielijstProcestype": "geen url"},
    ],
)
def test_wrong_nested_types_on_zaaktype(superuser_client, catalogus, changes):
    response = superuser_client.post(f"{API}/zaaktypen", zaaktype_payload(catalogus, **changes), format="json")
    assert response.status_code == 400, response.content
    assert response.json()["invalidParams"]


@pytest.mark.parametrize(
    "changes",
    [
        {"brondatumArchiefprocedure": []},
        {"brondatumArchiefprocedure": "afgehandeld"},
        {"brondatumArchiefprocedure": {"afleidingswijze": "onbekend"}},
        {"besluittypen": "x"},
        {"informatieobjecttypen": [1]},
        {"archiefactietermijn": "tien jaar"},
        {"zaaktype": None},
    ],
)
def test_wrong_types_on_resultaattype(superuser_client, catalogus, changes):
    from .conftest import resultaattype_payload

    payload = resultaattype_payload(make_zaaktype(catalogus), **changes)
    response = superuser_client.post(f"{API}/resultaattypen", payload, format="json")
    assert response.status_code == 400, response.content
    assert response.json()["invalidParams"]


@pytest.mark.parametrize(
    "changes",
    [
        {"specificatie": None},
        {"specificatie": []},
        {"specificatie": {"formaat": "tekst"}},
        {"specificatie": {"formaat": "tekst", "lengte": "5", "kardinaliteit": "1", "waardenverzameling": "a"}},
    ],
)
def test_wrong_types_on_eigenschap(superuser_client, catalogus, changes):
    payload = {"zaaktype": url("zaaktypen", make_zaaktype(catalogus)), "naam": "e", "definitie": "d", **changes}
    response = superuser_client.post(f"{API}/eigenschappen", payload, format="json")
    assert response.status_code == 400, response.content


def test_statustype_checklist_and_eigenschappen_types(superuser_client, catalogus):
    zaaktype = make_zaaktype(catalogus)
    for changes in (
        {"checklistitemStatustype": "x"},
        {"checklistitemStatustype": [{"itemnaam": 1}]},
        {"eigenschappen": ["geen url"]},
        {"eigenschappen": [url("zaaktypen", zaaktype)]},
    ):
        payload = {"zaaktype": url("zaaktypen", zaaktype), "omschrijving": "s", "volgnummer": 1, **changes}
        response = superuser_client.post(f"{API}/statustypen", payload, format="json")
        assert response.status_code == 400, (changes, response.content)


def test_ziot_informatieobjecttype_wrong_kind(superuser_client, catalogus):
    zaaktype = make_zaaktype(catalogus)
    payload = {
        "zaaktype": url("zaaktypen", zaaktype),
        "informatieobjecttype": url("zaaktypen", zaaktype),
        "volgnummer": 1,
        "richting": "intern",
    }
    response = superuser_client.post(f"{API}/zaaktype-informatieobjecttypen", payload, format="json")
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"] == "informatieobjecttype"


def test_publish_twice_is_harmless_and_publish_unknown_is_404(superuser_client, catalogus):
    zaaktype = make_zaaktype(catalogus)
    assert superuser_client.post(url("zaaktypen", zaaktype) + "/publish").status_code == 200
    assert superuser_client.post(url("zaaktypen", zaaktype) + "/publish").status_code == 200
    missing = f"{API}/zaaktypen/00000000-0000-0000-0000-000000000000/publish"
    assert superuser_client.post(missing).status_code == 404
