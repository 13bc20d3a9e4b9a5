"""Concepts, publishing, versioning, relation rules (ztc-009, ztc-010, ztc-016; ztc-011a/b/c, 012, 013 dropped)."""

from __future__ import annotations

import datetime

import pytest
from django.test import override_settings

from zgw.autorisaties.services import AutorisatieData
from zgw.catalogi import models as m

from .conftest import API, make_besluittype, make_iot, make_zaaktype, url, zaaktype_payload


def _codes(response) -> dict[str, str]:
    return {p["name"]: p["code"] for p in response.json().get("invalidParams", [])}


@pytest.fixture
def schrijven_client(make_api_client):
    return make_api_client(
        autorisaties=[AutorisatieData(component="ztc", scopes=["catalogi.lezen", "catalogi.schrijven"])]
    )


@pytest.fixture
def geforceerd_client(make_api_client):
    return make_api_client(
        autorisaties=[
            AutorisatieData(
                component="ztc",
                scopes=["catalogi.lezen", "catalogi.geforceerd-schrijven", "catalogi.geforceerd-verwijderen"],
            )
        ]
    )


# --- ztc-009 -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("collection", ["zaaktypen", "besluittypen", "informatieobjecttypen"])
def test_ztc_009_published_main_type_cannot_be_patched(schrijven_client, catalogus, collection):
    obj = {"zaaktypen": make_zaaktype, "besluittypen": make_besluittype, "informatieobjecttypen": make_iot}[collection](
        catalogus, concept=False
    )
    response = schrijven_client.patch(
        url(collection, obj), {"toelichting": "x", "omschrijving": "nieuw"}, format="json"
    )
    assert response.status_code == 400
    assert _codes(response) == {"nonFieldErrors": "non-concept-object"}


@pytest.mark.parametrize("collection", ["zaaktypen", "besluittypen", "informatieobjecttypen"])
def test_ztc_009_published_main_type_cannot_be_deleted(schrijven_client, catalogus, collection):
    obj = {"zaaktypen": make_zaaktype, "besluittypen": make_besluittype, "informatieobjecttypen": make_iot}[collection](
        catalogus, concept=False
    )
    response = schrijven_client.delete(url(collection, obj))
    assert response.status_code == 400
    assert _codes(response) == {"nonFieldErrors": "non-concept-object"}
    assert type(obj).objects.filter(pk=obj.pk).exists()


def test_ztc_009_concept_can_be_deleted(schrijven_client, catalogus):
    zaaktype = make_zaaktype(catalogus)
    assert schrijven_client.delete(url("zaaktypen", zaaktype)).status_code == 204
    assert not m.ZaakType.objects.filter(pk=zaaktype.pk).exists()


def test_ztc_009_published_put_is_refused(schrijven_client, catalogus):
    zaaktype = make_zaaktype(catalogus, concept=False, identificatie="ZT-API")
    response = schrijven_client.put(url("zaaktypen", zaaktype), zaaktype_payload(catalogus), format="json")
    assert response.status_code == 400
    assert _codes(response) == {"nonFieldErrors": "non-concept-object"}


def test_ztc_009_only_einde_geldigheid_may_be_patched_on_published(schrijven_client, catalogus):
    zaaktype = make_zaaktype(catalogus, concept=False)
    response = schrijven_client.patch(url("zaaktypen", zaaktype), {"eindeGeldigheid": "2024-12-31"}, format="json")
    assert response.status_code == 200, response.json()
    zaaktype.refresh_from_db()
    assert zaaktype.datum_einde_geldigheid == datetime.date(2024, 12, 31)


def test_ztc_009_correctie_with_geforceerd_schrijven(geforceerd_client, catalogus):
    zaaktype = make_zaaktype(catalogus, concept=False)
    response = geforceerd_client.patch(url("zaaktypen", zaaktype), {"toelichting": "correctie"}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["toelichting"] == "correctie"
    assert geforceerd_client.delete(url("zaaktypen", zaaktype)).status_code == 204


# --- ztc-010 / ztc-011a ----------------------------------------------------------------------------------------


def _statustype(zaaktype, volgnummer=1):
    return m.StatusType.objects.create(zaaktype=zaaktype, volgnummer=volgnummer, omschrijving=f"S{volgnummer}")


def test_ztc_010_subtype_of_published_zaaktype_cannot_be_changed(schrijven_client, catalogus):
    statustype = _statustype(make_zaaktype(catalogus, concept=False))
    response = schrijven_client.patch(url("statustypen", statustype), {"omschrijving": "nieuw"}, format="json")
    assert response.status_code == 400
    assert _codes(response) == {"nonFieldErrors": "non-concept-zaaktype"}
    response = schrijven_client.delete(url("statustypen", statustype))
    assert response.status_code == 400
    assert _codes(response) == {"nonFieldErrors": "non-concept-zaaktype"}


def test_ztc_010_subtype_of_concept_zaaktype_can_be_changed(schrijven_client, catalogus):
    statustype = _statustype(make_zaaktype(catalogus))
    response = schrijven_client.patch(url("statustypen", statustype), {"omschrijving": "nieuw"}, format="json")
    assert response.status_code == 200
    assert response.json()["omschrijving"] == "nieuw"
    assert schrijven_client.delete(url("statustypen", statustype)).status_code == 204


def test_ztc_010_correctie_on_subtype_of_published_zaaktype(geforceerd_client, catalogus):
    statustype = _statustype(make_zaaktype(catalogus, concept=False))
    response = geforceerd_client.patch(url("statustypen", statustype), {"omschrijving": "nieuw"}, format="json")
    assert response.status_code == 200


def test_ztc_010_ziot_of_published_zaaktype_blocked_whatever_the_informatieobjecttype(schrijven_client, catalogus):
    """Catalogi 1.3.2: only the zaaktype's state counts (the "both published" special case is gone)."""
    zaaktype = make_zaaktype(catalogus, concept=False)
    concept_iot = make_iot(catalogus, concept=True, omschrijving="concept")
    ziot = m.ZaakTypeInformatieObjectType.objects.create(
        zaaktype=zaaktype, informatieobjecttype=concept_iot, volgnummer=1, richting="inkomend"
    )
    refused = schrijven_client.patch(
        url("zaaktype-informatieobjecttypen", ziot), {"richting": "uitgaand"}, format="json"
    )
    assert _codes(refused) == {"nonFieldErrors": "non-concept-zaaktype"}
    refused = schrijven_client.delete(url("zaaktype-informatieobjecttypen", ziot))
    assert _codes(refused) == {"nonFieldErrors": "non-concept-zaaktype"}
    created = schrijven_client.post(
        f"{API}/zaaktype-informatieobjecttypen",
        {
            "zaaktype": url("zaaktypen", zaaktype),
            "informatieobjecttype": url("informatieobjecttypen", concept_iot),
            "volgnummer": 2,
            "richting": "inkomend",
        },
        format="json",
    )
    assert _codes(created) == {"nonFieldErrors": "non-concept-zaaktype"}
    ziot.refresh_from_db()
    assert ziot.richting == "inkomend"


def test_ztc_010_no_new_subtype_for_published_zaaktype(schrijven_client, catalogus):
    zaaktype = make_zaaktype(catalogus, concept=False)
    response = schrijven_client.post(
        f"{API}/roltypen",
        {"zaaktype": url("zaaktypen", zaaktype), "omschrijving": "x", "omschrijvingGeneriek": "initiator"},
        format="json",
    )
    assert response.status_code == 400
    assert _codes(response) == {"nonFieldErrors": "non-concept-zaaktype"}
    assert not zaaktype.roltypen.exists()


def test_concept_zaaktype_may_point_at_published_besluittype(schrijven_client, catalogus):
    besluittype = make_besluittype(catalogus, concept=False)
    response = schrijven_client.post(
        f"{API}/zaaktypen", zaaktype_payload(catalogus, besluittypen=[url("besluittypen", besluittype)]), format="json"
    )
    assert response.status_code == 201, response.json()
    assert response.json()["besluittypen"] == [url("besluittypen", besluittype)]


def test_besluittype_relates_informatieobjecttypen_by_omschrijving(schrijven_client, catalogus):
    iot = make_iot(catalogus, concept=False, omschrijving="Besluitdocument")
    response = schrijven_client.post(
        f"{API}/besluittypen",
        {
            "catalogus": url("catalogussen", catalogus),
            "omschrijving": "B",
            "publicatieIndicatie": False,
            "informatieobjecttypen": ["Besluitdocument"],
            "beginGeldigheid": "2024-01-01",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["informatieobjecttypen"] == [url("informatieobjecttypen", iot)]
    assert response.json()["vastgelegdIn"] == ["Besluitdocument"]


def test_ziot_to_published_informatieobjecttype_is_allowed(schrijven_client, catalogus):
    zaaktype = make_zaaktype(catalogus)
    iot = make_iot(catalogus, concept=False)
    response = schrijven_client.post(
        f"{API}/zaaktype-informatieobjecttypen",
        {
            "zaaktype": url("zaaktypen", zaaktype),
            "informatieobjecttype": url("informatieobjecttypen", iot),
            "volgnummer": 1,
            "richting": "inkomend",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()


# --- ztc-012 / publish / versioning ------------------------------------------------------------------------------


def test_ztc_012_dropped_publish_with_concept_besluittype_succeeds(schrijven_client, catalogus):
    zaaktype = make_zaaktype(catalogus)
    besluittype = make_besluittype(catalogus, concept=True)
    zaaktype.besluittypen.add(besluittype)
    response = schrijven_client.post(url("zaaktypen", zaaktype) + "/publish")
    assert response.status_code == 200, response.json()
    zaaktype.refresh_from_db()
    assert zaaktype.concept is False
    besluittype.refresh_from_db()
    assert besluittype.concept is True


def test_ztc_012_dropped_publish_with_concept_informatieobjecttype_succeeds(schrijven_client, catalogus):
    zaaktype = make_zaaktype(catalogus)
    m.ZaakTypeInformatieObjectType.objects.create(
        zaaktype=zaaktype, informatieobjecttype=make_iot(catalogus, concept=True), volgnummer=1, richting="intern"
    )
    response = schrijven_client.post(url("zaaktypen", zaaktype) + "/publish")
    assert response.status_code == 200, response.json()
    assert response.json()["concept"] is False


@override_settings(CATALOGI_STRICT_PUBLISH=True)
def test_publish_strict_mode_demands_roltype_resultaattype_and_two_statustypen(schrijven_client, catalogus):
    zaaktype = make_zaaktype(catalogus)
    response = schrijven_client.post(url("zaaktypen", zaaktype) + "/publish")
    assert response.status_code == 400
    assert set(_codes(response)) == {"roltypen", "resultaattypen", "statustypen"}


@pytest.mark.parametrize("collection", ["besluittypen", "informatieobjecttypen"])
def test_publish_besluittype_and_informatieobjecttype(schrijven_client, catalogus, collection):
    obj = (make_besluittype if collection == "besluittypen" else make_iot)(catalogus)
    response = schrijven_client.post(url(collection, obj) + "/publish")
    assert response.status_code == 200
    assert response.json()["concept"] is False


def test_versioning_overlap_refused_at_publish(schrijven_client, catalogus):
    make_zaaktype(catalogus, concept=False, datum_begin_geldigheid=datetime.date(2024, 1, 1))
    new = make_zaaktype(catalogus, concept=True, datum_begin_geldigheid=datetime.date(2024, 6, 1))
    response = schrijven_client.post(url("zaaktypen", new) + "/publish")
    assert response.status_code == 400
    assert _codes(response) == {"beginGeldigheid": "overlap"}


def test_versioning_new_version_after_ending_the_old_one(schrijven_client, catalogus):
    old = make_zaaktype(catalogus, concept=False, datum_begin_geldigheid=datetime.date(2024, 1, 1))
    new = make_zaaktype(catalogus, concept=True, datum_begin_geldigheid=datetime.date(2024, 6, 1))
    r = schrijven_client.patch(url("zaaktypen", old), {"eindeGeldigheid": "2024-05-31"}, format="json")
    assert r.status_code == 200
    assert schrijven_client.post(url("zaaktypen", new) + "/publish").status_code == 200
    # a published version may not be stretched into the next one
    r = schrijven_client.patch(url("zaaktypen", old), {"eindeGeldigheid": "2024-06-15"}, format="json")
    assert r.status_code == 400
    assert _codes(r) == {"eindeGeldigheid": "overlap"}


def test_versioning_overlap_per_omschrijving_for_informatieobjecttypen(schrijven_client, catalogus):
    make_iot(catalogus, concept=False, omschrijving="Brief")
    new = make_iot(catalogus, concept=True, omschrijving="Brief", datum_begin_geldigheid=datetime.date(2025, 1, 1))
    other = make_iot(catalogus, concept=True, omschrijving="Ander", datum_begin_geldigheid=datetime.date(2025, 1, 1))
    assert _codes(schrijven_client.post(url("informatieobjecttypen", new) + "/publish")) == {
        "beginGeldigheid": "overlap"
    }
    assert schrijven_client.post(url("informatieobjecttypen", other) + "/publish").status_code == 200


def test_relation_by_name_resolves_the_version_valid_on_begin_geldigheid(schrijven_client, catalogus):
    """A name in a write is stored as the version valid on the zaaktype's beginGeldigheid; a GET answers the
    version valid on the reference date (relations by name, Catalogi 1.3.2)."""
    old = make_besluittype(catalogus, concept=False, datum_einde_geldigheid=datetime.date(2024, 12, 31))
    new = make_besluittype(catalogus, concept=False, datum_begin_geldigheid=datetime.date(2025, 1, 1))
    r_old = schrijven_client.post(
        f"{API}/zaaktypen", zaaktype_payload(catalogus, besluittypen=["Besluit"]), format="json"
    )
    r_new = schrijven_client.post(
        f"{API}/zaaktypen",
        zaaktype_payload(catalogus, identificatie="ZT-2", beginGeldigheid="2025-02-01", besluittypen=["Besluit"]),
        format="json",
    )
    stored_old = m.ZaakType.objects.get(uuid=r_old.json()["url"].rsplit("/", 1)[-1])
    stored_new = m.ZaakType.objects.get(uuid=r_new.json()["url"].rsplit("/", 1)[-1])
    assert list(stored_old.besluittypen.all()) == [old]
    assert list(stored_new.besluittypen.all()) == [new]
    assert r_old.json()["besluittypen"] == [url("besluittypen", new)]  # today: the new version
    on_2024 = schrijven_client.get(r_old.json()["url"], {"datumGeldigheid": "2024-06-01"}).json()
    assert on_2024["besluittypen"] == [url("besluittypen", old)]


def test_geldigheid_einde_before_begin(schrijven_client, catalogus):
    response = schrijven_client.post(
        f"{API}/zaaktypen", zaaktype_payload(catalogus, eindeGeldigheid="2023-01-01"), format="json"
    )
    assert _codes(response) == {"eindeGeldigheid": "date-mismatch"}


# --- ztc-013 -----------------------------------------------------------------------------------------------------


def test_ztc_013_dropped_besluittype_from_other_catalogus(schrijven_client, catalogus, other_catalogus):
    besluittype = make_besluittype(other_catalogus)
    response = schrijven_client.post(
        f"{API}/zaaktypen", zaaktype_payload(catalogus, besluittypen=[url("besluittypen", besluittype)]), format="json"
    )
    assert response.status_code == 201, response.json()
    assert response.json()["besluittypen"] == [url("besluittypen", besluittype)]


def test_ztc_013_dropped_deelzaaktype_from_other_catalogus(schrijven_client, catalogus, other_catalogus):
    deel = make_zaaktype(other_catalogus, identificatie="DEEL")
    response = schrijven_client.post(
        f"{API}/zaaktypen", zaaktype_payload(catalogus, deelzaaktypen=[url("zaaktypen", deel)]), format="json"
    )
    assert response.status_code == 201, response.json()
    assert response.json()["deelzaaktypen"] == [url("zaaktypen", deel)]
    assert response.json()["deelzaaktypeIdentificaties"] == ["DEEL"]


def test_ztc_013_dropped_ziot_across_catalogi(schrijven_client, catalogus, other_catalogus):
    zaaktype = make_zaaktype(catalogus)
    iot = make_iot(other_catalogus)
    response = schrijven_client.post(
        f"{API}/zaaktype-informatieobjecttypen",
        {
            "zaaktype": url("zaaktypen", zaaktype),
            "informatieobjecttype": url("informatieobjecttypen", iot),
            "volgnummer": 1,
            "richting": "inkomend",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["informatieobjecttype"] == url("informatieobjecttypen", iot)


def test_ztc_013_dropped_subtype_catalogus_follows_from_zaaktype(schrijven_client, catalogus, other_catalogus):
    """``catalogus`` is deprecated in the roltype request (1.3.2): accepted, the answer is the zaaktype's."""
    zaaktype = make_zaaktype(catalogus)
    response = schrijven_client.post(
        f"{API}/roltypen",
        {
            "zaaktype": url("zaaktypen", zaaktype),
            "catalogus": url("catalogussen", other_catalogus),
            "omschrijving": "x",
            "omschrijvingGeneriek": "initiator",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["catalogus"] == url("catalogussen", catalogus)


def test_ztc_013_dropped_besluittype_informatieobjecttypen_of_other_catalogus(
    schrijven_client, catalogus, other_catalogus
):
    iot = make_iot(other_catalogus)
    response = schrijven_client.post(
        f"{API}/besluittypen",
        {
            "catalogus": url("catalogussen", catalogus),
            "publicatieIndicatie": False,
            "beginGeldigheid": "2024-01-01",
            "informatieobjecttypen": [url("informatieobjecttypen", iot)],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["informatieobjecttypen"] == [url("informatieobjecttypen", iot)]


def test_retrieve_zaaktype_with_datum_geldigheid_resolves_versions(schrijven_client, catalogus):
    old = make_besluittype(catalogus, concept=False, datum_einde_geldigheid=datetime.date(2024, 12, 31))
    new = make_besluittype(catalogus, concept=False, datum_begin_geldigheid=datetime.date(2025, 1, 1))
    iot_old = make_iot(catalogus, concept=False, datum_einde_geldigheid=datetime.date(2024, 12, 31))
    iot_new = make_iot(catalogus, concept=False, datum_begin_geldigheid=datetime.date(2025, 1, 1))
    zaaktype = make_zaaktype(catalogus)
    zaaktype.besluittypen.add(old)
    m.ZaakTypeInformatieObjectType.objects.create(
        zaaktype=zaaktype, informatieobjecttype=iot_old, volgnummer=1, richting="intern"
    )
    today = schrijven_client.get(url("zaaktypen", zaaktype)).json()
    assert today["besluittypen"] == [url("besluittypen", new)]
    assert today["informatieobjecttypen"] == [url("informatieobjecttypen", iot_new)]
    earlier = schrijven_client.get(url("zaaktypen", zaaktype), {"datumGeldigheid": "2024-03-01"}).json()
    assert earlier["besluittypen"] == [url("besluittypen", old)]
    assert earlier["informatieobjecttypen"] == [url("informatieobjecttypen", iot_old)]
    bad = schrijven_client.get(url("zaaktypen", zaaktype), {"datumGeldigheid": "morgen"})
    assert _codes(bad) == {"datumGeldigheid": "invalid"}


def test_ztc_issue_001_besluittype_accepts_zaaktypen(schrijven_client, catalogus):
    concept = make_zaaktype(catalogus, identificatie="CON")
    published = make_zaaktype(catalogus, identificatie="PUB", concept=False)
    body = {
        "catalogus": url("catalogussen", catalogus),
        "publicatieIndicatie": False,
        "beginGeldigheid": "2024-01-01",
        "informatieobjecttypen": [],
        "zaaktypen": ["CON"],
    }
    response = schrijven_client.post(f"{API}/besluittypen", body, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["zaaktypen"] == [url("zaaktypen", concept)]
    assert concept.besluittypen.count() == 1
    # ztc-011a dropped (1.3.2): a relation to a published zaaktype is no longer refused
    allowed = schrijven_client.post(
        f"{API}/besluittypen", {**body, "omschrijving": "B2", "zaaktypen": [url("zaaktypen", published)]}, format="json"
    )
    assert allowed.status_code == 201, allowed.json()
    assert published.besluittypen.count() == 1
    wrong = schrijven_client.post(f"{API}/besluittypen", {**body, "zaaktypen": "CON"}, format="json")
    assert _codes(wrong) == {"zaaktypen": "invalid"}
