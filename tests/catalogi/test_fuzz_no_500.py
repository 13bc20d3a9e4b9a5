"""Every writable field, given a value of the wrong type, gives a 4xx — never a 500."""

from __future__ import annotations

import pytest

from zgw.catalogi import models as m

from .conftest import API, make_iot, make_zaaktype, resultaattype_payload, url, zaaktype_payload

WRONG_VALUES = [None, 123, 1.5, True, [], [None], {}, {"a": [1]}, "x" * 1100, "", "http://"]


def _payloads(catalogus) -> dict[str, dict]:
    zaaktype = make_zaaktype(catalogus)
    iot = make_iot(catalogus)
    zt = url("zaaktypen", zaaktype)
    return {
        "catalogussen": {"domein": "FUZZ", "rsin": "002564440", "contactpersoonBeheerNaam": "x"},
        "zaaktypen": zaaktype_payload(catalogus, identificatie="FUZZ"),
        "statustypen": {
            "zaaktype": zt,
            "omschrijving": "s",
            "volgnummer": 1,
            "checklistitemStatustype": [{"itemnaam": "i", "vraagstelling": "v"}],
            "eigenschappen": [],
        },
        "roltypen": {"zaaktype": zt, "omschrijving": "r", "omschrijvingGeneriek": "initiator"},
        "resultaattypen": resultaattype_payload(zaaktype),
        "eigenschappen": {
            "zaaktype": zt,
            "naam": "e",
            "definitie": "d",
            "specificatie": {"formaat": "tekst", "lengte": "5", "kardinaliteit": "1"},
        },
        "zaakobjecttypen": {
            "zaaktype": zt,
            "catalogus": url("catalogussen", catalogus),
            "anderObjecttype": False,
            "beginGeldigheid": "2024-01-01",
            "objecttype": "https://x.example.com/o",
            "relatieOmschrijving": "r",
        },
        "zaaktype-informatieobjecttypen": {
            "zaaktype": zt,
            "informatieobjecttype": url("informatieobjecttypen", iot),
            "volgnummer": 1,
            "richting": "intern",
        },
        "informatieobjecttypen": {
            "catalogus": url("catalogussen", catalogus),
            "omschrijving": "F",
            "vertrouwelijkheidaanduiding": "openbaar",
            "beginGeldigheid": "2024-01-01",
            "informatieobjectcategorie": "c",
        },
        "besluittypen": {
            "catalogus": url("catalogussen", catalogus),
            "publicatieIndicatie": False,
            "beginGeldigheid": "2024-01-01",
            "informatieobjecttypen": [],
        },
    }


@pytest.mark.parametrize(
    "collection",
    [
        "catalogussen",
        "zaaktypen",
        "statustypen",
        "roltypen",
        "resultaattypen",
        "eigenschappen",
        "zaakobjecttypen",
        "zaaktype-informatieobjecttypen",
        "informatieobjecttypen",
        "besluittypen",
    ],
)
def test_wrong_value_types_never_500(superuser_client, catalogus, collection):
    payload = _payloads(catalogus)[collection]
    valid = superuser_client.post(f"{API}/{collection}", payload, format="json")
    assert valid.status_code == 201, valid.json()
    created = valid.json()["url"]
    failures = []
    for key in payload:
        for wrong in WRONG_VALUES:
            body = {**payload, key: wrong}
            for method, target in (("post", f"{API}/{collection}"), ("patch", created)):
                if collection == "catalogussen" and method == "patch":
                    continue
                response = getattr(superuser_client, method)(
                    target, body if method == "post" else {key: wrong}, format="json"
                )
                if response.status_code >= 500:
                    failures.append((method, key, wrong, response.status_code))
    assert failures == []


def test_models_untouched_by_failed_fuzz_writes(superuser_client, catalogus):
    payload = _payloads(catalogus)["roltypen"]
    before = m.RolType.objects.count()
    superuser_client.post(f"{API}/roltypen", {**payload, "omschrijvingGeneriek": []}, format="json")
    assert m.RolType.objects.count() == before


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
        "besluittypen",
    ],
)
def test_put_with_a_full_body_round_trips(superuser_client, catalogus, collection):
    payload = _payloads(catalogus)[collection]
    created = superuser_client.post(f"{API}/{collection}", payload, format="json").json()
    response = superuser_client.put(created["url"], payload, format="json")
    assert response.status_code == 200, response.json()
    assert response.json() == superuser_client.get(created["url"]).json()
    assert response.json()["url"] == created["url"]


def test_zaakobjecttypen_list_has_no_status_default_and_filters(superuser_client, catalogus):
    zaaktype = make_zaaktype(catalogus)  # a concept: still listed, the endpoint has no status parameter
    payload = _payloads(catalogus)["zaakobjecttypen"] | {"zaaktype": url("zaaktypen", zaaktype)}
    created = superuser_client.post(f"{API}/zaakobjecttypen", payload, format="json").json()
    assert [z["url"] for z in superuser_client.get(f"{API}/zaakobjecttypen").json()["results"]] == [created["url"]]
    assert superuser_client.get(f"{API}/zaakobjecttypen", {"anderObjecttype": "true"}).json()["results"] == []
    assert (
        superuser_client.get(
            f"{API}/zaakobjecttypen", {"relatieOmschrijving": "r", "objecttype": "https://x.example.com/o"}
        ).json()["count"]
        == 1
    )
    assert superuser_client.get(f"{API}/zaakobjecttypen", {"status": "alles"}).status_code == 400
