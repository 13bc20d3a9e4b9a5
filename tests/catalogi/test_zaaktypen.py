"""ZaakType validation (ztc-001 and the OAS rules), catalogussen, and the sub-type field rules."""

from __future__ import annotations

import pytest
import responses

from zgw.catalogi import models as m
from zgw.common.models import OutboxMessage

from .conftest import API, PROCESTYPE_8, REFS, make_iot, make_zaaktype, url, zaaktype_payload


def _codes(response) -> dict[str, str]:
    return {p["name"]: p["code"] for p in response.json().get("invalidParams", [])}


def test_ztc_001_selectielijst_procestype_must_exist(superuser_client, catalogus):
    payload = zaaktype_payload(
        catalogus, selectielijstProcestype=f"{REFS}/procestypen/00000000-0000-0000-0000-000000000000"
    )
    response = superuser_client.post(f"{API}/zaaktypen", payload, format="json")
    assert response.status_code == 400
    assert _codes(response) == {"selectielijstProcestype": "bad-url"}


def test_ztc_001_selectielijst_procestype_of_wrong_kind(superuser_client, catalogus):
    payload = zaaktype_payload(
        catalogus, selectielijstProcestype=f"{REFS}/resultaten/e2068367-1012-4795-984e-72901180ff80"
    )
    assert _codes(superuser_client.post(f"{API}/zaaktypen", payload, format="json")) == {
        "selectielijstProcestype": "bad-url"
    }


@responses.activate
def test_ztc_001_remote_procestype(superuser_client, catalogus):
    remote = "https://selectielijst.example.com/api/v1/procestypen/1"
    responses.get(remote, status=404)
    response = superuser_client.post(
        f"{API}/zaaktypen", zaaktype_payload(catalogus, selectielijstProcestype=remote), format="json"
    )
    assert _codes(response) == {"selectielijstProcestype": "bad-url"}
    remote_ok = "https://selectielijst.example.com/api/v1/procestypen/2"
    responses.get(remote_ok, json={"url": remote_ok, "nummer": 2, "jaar": 2020})
    response = superuser_client.post(
        f"{API}/zaaktypen", zaaktype_payload(catalogus, selectielijstProcestype=remote_ok), format="json"
    )
    assert response.status_code == 201, response.json()


def test_ztc_001_selectielijst_procestype_is_optional(superuser_client, catalogus):
    payload = zaaktype_payload(catalogus)
    del payload["selectielijstProcestype"]
    assert superuser_client.post(f"{API}/zaaktypen", payload, format="json").status_code == 201


def test_verlengingstermijn_required_when_verlenging_mogelijk(superuser_client, catalogus):
    response = superuser_client.post(
        f"{API}/zaaktypen", zaaktype_payload(catalogus, verlengingMogelijk=True), format="json"
    )
    assert _codes(response) == {"nonFieldErrors": "verlenging-mismatch"}
    ok = superuser_client.post(
        f"{API}/zaaktypen",
        zaaktype_payload(catalogus, verlengingMogelijk=True, verlengingstermijn="P14D"),
        format="json",
    )
    assert ok.status_code == 201
    assert ok.json()["verlengingstermijn"] == "P14D"


def test_broncatalogus_and_bronzaaktype_together(superuser_client, catalogus):
    payload = zaaktype_payload(
        catalogus, broncatalogus={"url": "https://ztc.example.com/catalogussen/1", "domein": "X", "rsin": "002564440"}
    )
    response = superuser_client.post(f"{API}/zaaktypen", payload, format="json")
    assert _codes(response) == {"nonFieldErrors": "invalid-bronzaaktype-for-broncatalogus"}
    payload["bronzaaktype"] = {"url": "https://ztc.example.com/zaaktypen/1", "identificatie": "Z", "omschrijving": "o"}
    response = superuser_client.post(f"{API}/zaaktypen", payload, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["bronzaaktype"]["identificatie"] == "Z"


def test_invalid_duration_is_rejected(superuser_client, catalogus):
    response = superuser_client.post(
        f"{API}/zaaktypen", zaaktype_payload(catalogus, doorlooptijd="30 dagen"), format="json"
    )
    assert _codes(response) == {"doorlooptijd": "invalid"}


def test_deelzaaktypen_and_gerelateerde_by_identificatie(superuser_client, catalogus):
    deel = make_zaaktype(catalogus, identificatie="DEEL")
    payload = zaaktype_payload(
        catalogus,
        deelzaaktypen=["DEEL"],
        gerelateerdeZaaktypen=[
            {"zaaktype": "DEEL", "aardRelatie": "vervolg", "toelichting": "t"},
            {"zaaktype": "https://elders.example.com/zaaktypen/1", "aardRelatie": "bijdrage"},
        ],
    )
    response = superuser_client.post(f"{API}/zaaktypen", payload, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["deelzaaktypen"] == [url("zaaktypen", deel)]
    assert body["gerelateerdeZaaktypen"] == [
        {
            "zaaktype": url("zaaktypen", deel),
            "zaaktypeIdentificatie": "DEEL",
            "aardRelatie": "vervolg",
            "toelichting": "t",
        },
        {
            "zaaktype": "https://elders.example.com/zaaktypen/1",
            "zaaktypeIdentificatie": "",
            "aardRelatie": "bijdrage",
            "toelichting": "",
        },
    ]


def test_unknown_besluittype_omschrijving(superuser_client, catalogus):
    response = superuser_client.post(
        f"{API}/zaaktypen", zaaktype_payload(catalogus, besluittypen=["bestaat niet"]), format="json"
    )
    assert _codes(response) == {"besluittypen": "does_not_exist"}


def test_relation_url_of_wrong_resource_kind(superuser_client, catalogus):
    iot = make_iot(catalogus)
    response = superuser_client.post(
        f"{API}/zaaktypen", zaaktype_payload(catalogus, besluittypen=[url("informatieobjecttypen", iot)]), format="json"
    )
    assert _codes(response) == {"besluittypen": "bad-url"}


def test_put_replaces_relations(superuser_client, catalogus):
    created = superuser_client.post(
        f"{API}/zaaktypen",
        zaaktype_payload(
            catalogus, gerelateerdeZaaktypen=[{"zaaktype": "https://x.example.com/z/1", "aardRelatie": "vervolg"}]
        ),
        format="json",
    ).json()
    response = superuser_client.put(created["url"], zaaktype_payload(catalogus, omschrijving="Nieuw"), format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["gerelateerdeZaaktypen"] == []
    assert response.json()["omschrijving"] == "Nieuw"


def test_catalogus_cannot_change(superuser_client, catalogus, other_catalogus):
    zaaktype = make_zaaktype(catalogus)
    response = superuser_client.patch(
        url("zaaktypen", zaaktype), {"catalogus": url("catalogussen", other_catalogus)}, format="json"
    )
    assert response.status_code == 400


# --- notifications -----------------------------------------------------------------------------------------------


def test_notifications_for_zaaktype_create_update_destroy(superuser_client, catalogus):
    created = superuser_client.post(f"{API}/zaaktypen", zaaktype_payload(catalogus), format="json").json()
    superuser_client.patch(created["url"], {"toelichting": "x"}, format="json")
    superuser_client.delete(created["url"])
    messages = list(OutboxMessage.objects.filter(kanaal="zaaktypen").order_by("id"))
    assert [msg.actie for msg in messages] == ["create", "partial_update", "destroy"]
    assert all(msg.kenmerken == {"catalogus": url("catalogussen", catalogus)} for msg in messages)
    assert all(msg.resource_url == created["url"] and msg.resource == "zaaktype" for msg in messages)


def test_notification_for_informatieobjecttype_and_besluittype(superuser_client, catalogus):
    iot = superuser_client.post(
        f"{API}/informatieobjecttypen",
        {
            "catalogus": url("catalogussen", catalogus),
            "omschrijving": "Brief",
            "vertrouwelijkheidaanduiding": "openbaar",
            "beginGeldigheid": "2024-01-01",
            "informatieobjectcategorie": "brief",
        },
        format="json",
    )
    assert iot.status_code == 201, iot.json()
    besluittype = superuser_client.post(
        f"{API}/besluittypen",
        {
            "catalogus": url("catalogussen", catalogus),
            "publicatieIndicatie": False,
            "beginGeldigheid": "2024-01-01",
            "informatieobjecttypen": [],
        },
        format="json",
    )
    assert besluittype.status_code == 201, besluittype.json()
    assert set(OutboxMessage.objects.exclude(kanaal="autorisaties").values_list("kanaal", "resource", "actie")) == {
        ("informatieobjecttypen", "informatieobjecttype", "create"),
        ("besluittypen", "besluittype", "create"),
    }


def test_failed_write_sends_no_notification(superuser_client, catalogus):
    superuser_client.post(f"{API}/zaaktypen", zaaktype_payload(catalogus, besluittypen=["onbekend"]), format="json")
    assert not OutboxMessage.objects.filter(kanaal="zaaktypen").exists()
    assert not m.ZaakType.objects.exists()


def test_informatieobjectcategorie_may_be_absent(superuser_client, catalogus):
    """DECISIONS.md (revised 2026-12): absent is accepted, stored as "" and answered as ""."""
    response = superuser_client.post(
        f"{API}/informatieobjecttypen",
        {
            "catalogus": url("catalogussen", catalogus),
            "omschrijving": "Brief",
            "vertrouwelijkheidaanduiding": "openbaar",
            "beginGeldigheid": "2024-01-01",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["informatieobjectcategorie"] == ""
    assert m.InformatieObjectType.objects.get().informatieobjectcategorie == ""


# --- catalogussen ------------------------------------------------------------------------------------------------


def test_catalogus_create_and_unique_domein_rsin(superuser_client):
    payload = {"domein": "ABC", "rsin": "002564440", "contactpersoonBeheerNaam": "Jan"}
    response = superuser_client.post(f"{API}/catalogussen", payload, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["zaaktypen"] == []
    again = superuser_client.post(f"{API}/catalogussen", payload, format="json")
    assert _codes(again) == {"nonFieldErrors": "unique"}


def test_catalogus_rsin_elfproef(superuser_client):
    response = superuser_client.post(
        f"{API}/catalogussen", {"domein": "ABC", "rsin": "123456789", "contactpersoonBeheerNaam": "Jan"}, format="json"
    )
    assert _codes(response) == {"rsin": "invalid"}


def test_catalogus_lists_its_types(superuser_client, catalogus):
    zaaktype = make_zaaktype(catalogus)
    body = superuser_client.get(url("catalogussen", catalogus)).json()
    assert body["zaaktypen"] == [url("zaaktypen", zaaktype)]


# --- sub-type field rules ----------------------------------------------------------------------------------------


@pytest.fixture
def zaaktype(catalogus):
    return make_zaaktype(catalogus)


def test_statustype_volgnummer_unique_within_zaaktype(superuser_client, zaaktype):
    payload = {"zaaktype": url("zaaktypen", zaaktype), "omschrijving": "a", "volgnummer": 1}
    assert superuser_client.post(f"{API}/statustypen", payload, format="json").status_code == 201
    assert _codes(superuser_client.post(f"{API}/statustypen", payload, format="json")) == {"volgnummer": "unique"}


def test_statustype_volgnummer_bounds(superuser_client, zaaktype):
    payload = {"zaaktype": url("zaaktypen", zaaktype), "omschrijving": "a", "volgnummer": 0}
    assert _codes(superuser_client.post(f"{API}/statustypen", payload, format="json")) == {"volgnummer": "min_value"}


def test_statustype_is_eindstatus_follows_highest_volgnummer(superuser_client, zaaktype):
    for nr in (1, 5, 3):
        m.StatusType.objects.create(zaaktype=zaaktype, volgnummer=nr, omschrijving=str(nr))
    results = superuser_client.get(f"{API}/statustypen", {"zaaktype": url("zaaktypen", zaaktype), "status": "alles"})
    flags = {s["volgnummer"]: s["isEindstatus"] for s in results.json()["results"]}
    assert flags == {1: False, 3: False, 5: True}


def test_statustype_eigenschappen_must_belong_to_zaaktype(superuser_client, catalogus, zaaktype):
    other = make_zaaktype(catalogus, identificatie="ANDER")
    eigenschap = m.Eigenschap.objects.create(
        zaaktype=other, naam="x", definitie="x", formaat="tekst", lengte="5", kardinaliteit="1"
    )
    payload = {
        "zaaktype": url("zaaktypen", zaaktype),
        "omschrijving": "a",
        "volgnummer": 1,
        "eigenschappen": [url("eigenschappen", eigenschap)],
    }
    response = superuser_client.post(f"{API}/statustypen", payload, format="json")
    assert _codes(response) == {"nonFieldErrors": "relations-incorrect-zaaktype"}


@pytest.mark.parametrize(
    ("formaat", "lengte", "ok"),
    [
        ("tekst", "255", True),
        ("tekst", "256", False),
        ("getal", "8,2", True),
        ("getal", "x", False),
        ("datum", "8", True),
        ("datum", "10", False),
        ("datum_tijd", "14", True),
        ("datum_tijd", "8", False),
    ],
)
def test_eigenschap_lengte_matches_formaat(superuser_client, zaaktype, formaat, lengte, ok):
    payload = {
        "zaaktype": url("zaaktypen", zaaktype),
        "naam": "e",
        "definitie": "d",
        "specificatie": {"formaat": formaat, "lengte": lengte, "kardinaliteit": "1"},
    }
    response = superuser_client.post(f"{API}/eigenschappen", payload, format="json")
    assert (response.status_code == 201) is ok, response.json()
    if not ok:
        assert _codes(response) == {"specificatie.lengte": "invalid-length"}


def test_eigenschap_statustype_of_other_zaaktype(superuser_client, catalogus, zaaktype):
    statustype = m.StatusType.objects.create(
        zaaktype=make_zaaktype(catalogus, identificatie="B"), volgnummer=1, omschrijving="s"
    )
    payload = {
        "zaaktype": url("zaaktypen", zaaktype),
        "naam": "e",
        "definitie": "d",
        "statustype": url("statustypen", statustype),
        "specificatie": {"formaat": "tekst", "lengte": "5", "kardinaliteit": "1"},
    }
    assert _codes(superuser_client.post(f"{API}/eigenschappen", payload, format="json")) == {
        "nonFieldErrors": "relations-incorrect-zaaktype"
    }


def test_subtype_takes_geldigheid_from_zaaktype(superuser_client, zaaktype):
    response = superuser_client.post(
        f"{API}/roltypen",
        {"zaaktype": url("zaaktypen", zaaktype), "omschrijving": "r", "omschrijvingGeneriek": "behandelaar"},
        format="json",
    )
    assert response.json()["beginGeldigheid"] == "2024-01-01"
    assert response.json()["catalogus"] == url("catalogussen", zaaktype.catalogus)
    assert response.json()["zaaktypeIdentificatie"] == zaaktype.identificatie


def test_zaaktype_url_of_unknown_object(superuser_client):
    response = superuser_client.post(
        f"{API}/roltypen",
        {
            "zaaktype": f"{API}/zaaktypen/00000000-0000-0000-0000-000000000000",
            "omschrijving": "r",
            "omschrijvingGeneriek": "behandelaar",
        },
        format="json",
    )
    assert _codes(response) == {"zaaktype": "does_not_exist"}


def test_procestype_url_constant_is_in_bundled_data():
    from zgw.referentielijsten import store

    assert store.get("procestypen", PROCESTYPE_8.rsplit("/", 1)[-1])["nummer"] == 8


@pytest.mark.parametrize(
    ("collection", "payload_extra", "field"),
    [
        ("roltypen", {"omschrijving": "r", "omschrijvingGeneriek": "initiator"}, "omschrijving"),
        (
            "eigenschappen",
            {"naam": "e", "definitie": "d", "specificatie": {"formaat": "tekst", "lengte": "5", "kardinaliteit": "1"}},
            "naam",
        ),
        (
            "resultaattypen",
            {
                "omschrijving": "Geweigerd",
                "resultaattypeomschrijving": "http://testserver/referentielijsten/api/v1/resultaattypeomschrijvingen/"
                "e6a0c939-3404-45b0-88e3-76c94fb80ea7",
                "selectielijstklasse": "http://testserver/referentielijsten/api/v1/resultaten/"
                "e2068367-1012-4795-984e-72901180ff80",
                "besluittypen": [],
            },
            "omschrijving",
        ),
    ],
)
def test_subtype_name_unique_within_zaaktype(superuser_client, zaaktype, collection, payload_extra, field):
    payload = {"zaaktype": url("zaaktypen", zaaktype), **payload_extra}
    assert superuser_client.post(f"{API}/{collection}", payload, format="json").status_code == 201
    assert _codes(superuser_client.post(f"{API}/{collection}", payload, format="json")) == {field: "unique"}


def test_subtype_cannot_move_to_published_zaaktype(superuser_client, make_api_client, catalogus, zaaktype):
    from zgw.autorisaties.services import AutorisatieData

    client = make_api_client(autorisaties=[AutorisatieData(component="ztc", scopes=["catalogi.schrijven"])])
    published = make_zaaktype(catalogus, identificatie="PUB", concept=False)
    roltype = m.RolType.objects.create(zaaktype=zaaktype, omschrijving="r", omschrijving_generiek="initiator")
    response = client.patch(url("roltypen", roltype), {"zaaktype": url("zaaktypen", published)}, format="json")
    assert _codes(response) == {"nonFieldErrors": "non-concept-zaaktype"}


def test_subtype_einde_geldigheid_follows_zaaktype(superuser_client, catalogus):
    zaaktype = make_zaaktype(catalogus, concept=False)
    roltype = m.RolType.objects.create(zaaktype=zaaktype, omschrijving="r", omschrijving_generiek="initiator")
    assert superuser_client.get(url("roltypen", roltype)).json()["eindeGeldigheid"] is None
    superuser_client.patch(url("zaaktypen", zaaktype), {"eindeGeldigheid": "2030-01-01"}, format="json")
    body = superuser_client.get(url("roltypen", roltype)).json()
    assert (body["beginGeldigheid"], body["eindeGeldigheid"]) == ("2024-01-01", "2030-01-01")
