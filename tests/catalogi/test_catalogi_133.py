"""Catalogi 1.3.2/1.3.3: relations by name, derived name arrays, expand, PUT/PATCH catalogussen, POST besluittypen."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from zgw.autorisaties.services import AutorisatieData
from zgw.catalogi import models as m
from zgw.common.expand import MEMO as EXPAND_MEMO

from .conftest import API, make_besluittype, make_iot, make_zaaktype, url

TODAY = datetime.date.today()
LAST_YEAR = TODAY - datetime.timedelta(days=400)
YESTERDAY = TODAY - datetime.timedelta(days=1)


def _codes(response) -> dict[str, str]:
    return {p["name"]: p["code"] for p in response.json().get("invalidParams", [])}


def _two_versions(make, catalogus, **name):
    """A published version that ended yesterday and its published successor valid from today."""
    old = make(catalogus, concept=False, datum_begin_geldigheid=LAST_YEAR, datum_einde_geldigheid=YESTERDAY, **name)
    new = make(catalogus, concept=False, datum_begin_geldigheid=TODAY, **name)
    return old, new


def _ziot(zaaktype, iot, volgnummer: int = 1) -> m.ZaakTypeInformatieObjectType:
    return m.ZaakTypeInformatieObjectType.objects.create(
        zaaktype=zaaktype, informatieobjecttype=iot, volgnummer=volgnummer, richting="intern"
    )


# --- relations by name: every relation the 1.3.2 text lists --------------------------------------------------------


def test_zaaktype_besluittypen_answer_the_current_published_version(superuser_client, catalogus):
    old, new = _two_versions(make_besluittype, catalogus)
    make_besluittype(catalogus, concept=True, datum_begin_geldigheid=TODAY)  # a concept never counts
    zaaktype = make_zaaktype(catalogus, concept=False, datum_begin_geldigheid=LAST_YEAR)
    zaaktype.besluittypen.add(old)
    body = superuser_client.get(url("zaaktypen", zaaktype)).json()
    assert body["besluittypen"] == [url("besluittypen", new)]
    assert body["besluittypeOmschrijving"] == ["Besluit"]
    listed = superuser_client.get(f"{API}/zaaktypen", {"datumGeldigheid": YESTERDAY.isoformat()}).json()
    assert listed["results"][0]["besluittypen"] == [url("besluittypen", old)]


def test_zaaktype_informatieobjecttypen_answer_the_current_published_version(superuser_client, catalogus):
    old, new = _two_versions(make_iot, catalogus, omschrijving="Brief")
    zaaktype = make_zaaktype(catalogus, concept=False, datum_begin_geldigheid=LAST_YEAR)
    _ziot(zaaktype, old)
    body = superuser_client.get(url("zaaktypen", zaaktype)).json()
    assert body["informatieobjecttypen"] == [url("informatieobjecttypen", new)]
    assert body["informatieobjecttypeOmschrijving"] == ["Brief"]
    ziot = superuser_client.get(f"{API}/zaaktype-informatieobjecttypen").json()["results"][0]
    assert ziot["informatieobjecttype"] == url("informatieobjecttypen", new)


def test_zaaktype_deelzaaktypen_and_gerelateerde_zaaktypen_answer_the_current_version(superuser_client, catalogus):
    old, new = _two_versions(make_zaaktype, catalogus, identificatie="DEEL")
    zaaktype = make_zaaktype(catalogus, concept=False, identificatie="HOOFD")
    zaaktype.deelzaaktypen.add(old)
    m.ZaakTypenRelatie.objects.create(
        zaaktype=zaaktype,
        gerelateerd_zaaktype=url("zaaktypen", old),
        zaaktype_identificatie="DEEL",
        aard_relatie="vervolg",
    )
    body = superuser_client.get(url("zaaktypen", zaaktype)).json()
    assert body["deelzaaktypen"] == [url("zaaktypen", new)]
    assert body["deelzaaktypeIdentificaties"] == ["DEEL"]
    assert body["gerelateerdeZaaktypen"][0]["zaaktype"] == url("zaaktypen", new)
    assert body["gerelateerdeZaaktypen"][0]["zaaktypeIdentificatie"] == "DEEL"
    earlier = superuser_client.get(url("zaaktypen", zaaktype), {"datumGeldigheid": YESTERDAY.isoformat()}).json()
    assert earlier["deelzaaktypen"] == [url("zaaktypen", old)]
    assert earlier["gerelateerdeZaaktypen"][0]["zaaktype"] == url("zaaktypen", old)


def test_besluittype_informatieobjecttypen_answer_the_current_version(superuser_client, catalogus):
    old, new = _two_versions(make_iot, catalogus, omschrijving="Besluitbrief")
    besluittype = make_besluittype(catalogus, concept=False)
    besluittype.informatieobjecttypen.add(old)
    body = superuser_client.get(url("besluittypen", besluittype)).json()
    assert body["informatieobjecttypen"] == [url("informatieobjecttypen", new)]
    assert body["informatieobjecttypeOmschrijvingen"] == ["Besluitbrief"]


def test_besluittype_zaaktypen_follow_the_name_into_new_versions(superuser_client, catalogus):
    """The besluittype gets a new version: the zaaktype relating to its name is listed on the new one too, as its
    own current version."""
    old_b, new_b = _two_versions(make_besluittype, catalogus)
    old_z, new_z = _two_versions(make_zaaktype, catalogus, identificatie="ZT-B")
    old_z.besluittypen.add(old_b)
    new_z.besluittypen.add(old_b)  # the new zaaktype version was copied with the stored relation
    body = superuser_client.get(url("besluittypen", new_b)).json()
    assert body["zaaktypen"] == [url("zaaktypen", new_z)]
    assert body["zaaktypeIdentificaties"] == ["ZT-B"]
    # a current zaaktype version that dropped the relation is not listed
    new_z.besluittypen.clear()
    assert superuser_client.get(url("besluittypen", new_b)).json()["zaaktypen"] == []


def test_informatieobjecttype_zaaktypen_and_besluittypen_follow_the_name(superuser_client, catalogus):
    old_i, new_i = _two_versions(make_iot, catalogus, omschrijving="Brief")
    old_z, new_z = _two_versions(make_zaaktype, catalogus, identificatie="ZT-I")
    _ziot(old_z, old_i)
    _ziot(new_z, old_i)
    old_b, new_b = _two_versions(make_besluittype, catalogus, omschrijving="BT-I")
    old_b.informatieobjecttypen.add(old_i)
    new_b.informatieobjecttypen.add(old_i)
    body = superuser_client.get(url("informatieobjecttypen", new_i)).json()
    assert body["zaaktypen"] == [url("zaaktypen", new_z)]
    assert body["zaaktypeIdentificaties"] == ["ZT-I"]
    assert body["besluittypen"] == [url("besluittypen", new_b)]
    assert body["besluittypeOmschrijving"] == ["BT-I"]
    earlier = superuser_client.get(
        f"{API}/informatieobjecttypen", {"datumGeldigheid": YESTERDAY.isoformat(), "status": "alles"}
    ).json()
    old_body = next(item for item in earlier["results"] if item["url"] == url("informatieobjecttypen", old_i))
    assert old_body["zaaktypen"] == [url("zaaktypen", old_z)]


def test_validity_end_is_inclusive(superuser_client, catalogus):
    """Decision (docs/decisions.md): a version whose eindeGeldigheid is the reference date is still answered."""
    ending = make_besluittype(catalogus, concept=False, datum_begin_geldigheid=LAST_YEAR, datum_einde_geldigheid=TODAY)
    zaaktype = make_zaaktype(catalogus, concept=False)
    zaaktype.besluittypen.add(ending)
    assert superuser_client.get(url("zaaktypen", zaaktype)).json()["besluittypen"] == [url("besluittypen", ending)]


def test_concept_relations_are_answered_as_stored(superuser_client, catalogus):
    """A name without a published valid version is answered as the stored row: GET → PUT keeps the relation."""
    besluittype = make_besluittype(catalogus, concept=True)
    zaaktype = make_zaaktype(catalogus)
    zaaktype.besluittypen.add(besluittype)
    body = superuser_client.get(url("zaaktypen", zaaktype)).json()
    assert body["besluittypen"] == [url("besluittypen", besluittype)]
    assert superuser_client.get(url("besluittypen", besluittype)).json()["zaaktypen"] == [url("zaaktypen", zaaktype)]


# --- derived name arrays --------------------------------------------------------------------------------------------


def test_catalogus_and_zaakobjecttype_derived_names(superuser_client, catalogus):
    make_besluittype(catalogus, omschrijving="B1")
    make_besluittype(catalogus, omschrijving="B1", datum_begin_geldigheid=TODAY)
    make_iot(catalogus, omschrijving="I1")
    body = superuser_client.get(url("catalogussen", catalogus)).json()
    assert body["besluittypeOmschrijving"] == ["B1"]
    assert body["informatieobjecttypeOmschrijving"] == ["I1"]
    zaaktype = make_zaaktype(catalogus)
    zot = m.ZaakObjectType.objects.create(
        zaaktype=zaaktype,
        catalogus=catalogus,
        ander_objecttype=False,
        objecttype="https://x/o",
        relatie_omschrijving="r",
    )
    m.ResultaatType.objects.create(
        zaaktype=zaaktype,
        omschrijving="Verleend",
        resultaattypeomschrijving="https://x/r",
        selectielijstklasse="https://x/s",
        zaakobjecttype=zot,
    )
    assert superuser_client.get(url("zaakobjecttypen", zot)).json()["resultaattypeOmschrijving"] == ["Verleend"]


def _related_page(catalogus, count: int) -> None:
    iot = make_iot(catalogus, concept=False, omschrijving=f"I-{catalogus.domein}")
    besluittype = make_besluittype(catalogus, concept=False, omschrijving=f"B-{catalogus.domein}")
    besluittype.informatieobjecttypen.add(iot)
    for index in range(count):
        zaaktype = make_zaaktype(catalogus, identificatie=f"{catalogus.domein}-{index}", concept=False)
        zaaktype.besluittypen.add(besluittype)
        zaaktype.deelzaaktypen.add(zaaktype)
        _ziot(zaaktype, iot)
        m.ZaakTypenRelatie.objects.create(
            zaaktype=zaaktype,
            gerelateerd_zaaktype=url("zaaktypen", zaaktype),
            zaaktype_identificatie=zaaktype.identificatie,
            aard_relatie="vervolg",
        )


@pytest.mark.parametrize(
    "collection,pinned",
    [("zaaktypen", 15), ("besluittypen", 9), ("informatieobjecttypen", 9), ("zaaktype-informatieobjecttypen", 7)],
)
def test_relations_by_name_cost_no_query_per_row(superuser_client, catalogus, settings, collection, pinned):
    settings.ZGW_BASE_URL = "http://testserver"
    _related_page(catalogus, 1)
    superuser_client.get(f"{API}/{collection}")
    with CaptureQueriesContext(connection) as small:
        rows_small = len(superuser_client.get(f"{API}/{collection}").json()["results"])
    for index in range(3):
        _related_page(
            m.Catalogus.objects.create(domein=f"P{index}", rsin="002564440", contactpersoon_beheer_naam="x"), 3
        )
    EXPAND_MEMO.clear()
    with CaptureQueriesContext(connection) as big:
        rows_big = len(superuser_client.get(f"{API}/{collection}").json()["results"])
    assert rows_big > rows_small
    assert len(big) == len(small) <= pinned, [q["sql"][:120] for q in big.captured_queries]


# --- expand ---------------------------------------------------------------------------------------------------------


def test_expand_on_detail_nested(superuser_client, catalogus):
    iot = make_iot(catalogus, concept=False)
    besluittype = make_besluittype(catalogus, concept=False)
    besluittype.informatieobjecttypen.add(iot)
    zaaktype = make_zaaktype(catalogus, concept=False)
    zaaktype.besluittypen.add(besluittype)
    status = m.StatusType.objects.create(zaaktype=zaaktype, volgnummer=1, omschrijving="Nieuw")
    body = superuser_client.get(
        url("zaaktypen", zaaktype), {"expand": "statustypen,catalogus,besluittypen.informatieobjecttypen"}
    ).json()
    assert [s["url"] for s in body["_expand"]["statustypen"]] == [url("statustypen", status)]
    assert body["_expand"]["catalogus"]["url"] == url("catalogussen", catalogus)
    expanded_besluittype = body["_expand"]["besluittypen"][0]
    assert expanded_besluittype["url"] == url("besluittypen", besluittype)
    assert expanded_besluittype["_expand"]["informatieobjecttypen"][0]["url"] == url("informatieobjecttypen", iot)
    assert "_expand" not in superuser_client.get(url("zaaktypen", zaaktype)).json()


def test_expand_on_every_catalogi_list(superuser_client, catalogus):
    zaaktype = make_zaaktype(catalogus, concept=False)
    _ziot(zaaktype, make_iot(catalogus, concept=False))
    for collection, field in [
        ("catalogussen", "zaaktypen"),
        ("zaaktype-informatieobjecttypen", "informatieobjecttype"),
        ("informatieobjecttypen", "zaaktypen"),
    ]:
        result = superuser_client.get(f"{API}/{collection}", {"expand": field}).json()["results"][0]
        assert field in result["_expand"], collection


def test_invalid_expand_is_400(superuser_client, catalogus):
    response = superuser_client.get(f"{API}/zaaktypen", {"expand": "nietbestaand"})
    assert response.status_code == 400
    assert _codes(response) == {"expand": "invalid-expand-field"}


def test_expand_is_authorised_like_a_direct_read(make_api_client, catalogus):
    """ztc-014: zaken.lezen reads the Catalogi API, expanded objects included."""
    zaaktype = make_zaaktype(catalogus, concept=False)
    m.StatusType.objects.create(zaaktype=zaaktype, volgnummer=1, omschrijving="Nieuw")
    client = make_api_client(
        autorisaties=[
            AutorisatieData(
                component="zrc",
                scopes=["zaken.lezen"],
                zaaktype=url("zaaktypen", zaaktype),
                max_vertrouwelijkheidaanduiding="geheim",
            )
        ]
    )
    body = client.get(url("zaaktypen", zaaktype), {"expand": "statustypen"}).json()
    assert len(body["_expand"]["statustypen"]) == 1


def test_expand_query_count_does_not_grow_with_the_page(superuser_client, catalogus, settings):
    settings.ZGW_BASE_URL = "http://testserver"
    path = f"{API}/zaaktypen"
    params = {"expand": "besluittypen.informatieobjecttypen,statustypen"}
    _related_page(catalogus, 1)
    superuser_client.get(path, params)
    EXPAND_MEMO.clear()  # both measured cold: the expanded types are loaded, not taken from the kept renderings
    with CaptureQueriesContext(connection) as small:
        superuser_client.get(path, params)
    for index in range(3):
        _related_page(
            m.Catalogus.objects.create(domein=f"E{index}", rsin="002564440", contactpersoon_beheer_naam="x"), 3
        )
    EXPAND_MEMO.clear()
    with CaptureQueriesContext(connection) as big:
        assert len(superuser_client.get(path, params).json()["results"]) == 10
    assert len(big) == len(small) <= 40


# --- PUT/PATCH catalogussen, POST besluittypen -------------------------------------------------------------------


def test_catalogus_put_and_patch(superuser_client, catalogus):
    detail = url("catalogussen", catalogus)
    patched = superuser_client.patch(detail, {"naam": "Gemeente", "domein": "NIEUW"}, format="json")
    assert patched.status_code == 200, patched.json()
    assert (patched.json()["naam"], patched.json()["domein"]) == ("Gemeente", "NIEUW")
    put = superuser_client.put(
        detail, {"domein": "TEST", "rsin": "002564440", "contactpersoonBeheerNaam": "Ander"}, format="json"
    )
    assert put.status_code == 200, put.json()
    assert put.json()["contactpersoonBeheerNaam"] == "Ander"
    bad = superuser_client.patch(detail, {"rsin": "123"}, format="json")
    assert bad.status_code == 400


def test_catalogus_with_published_types_keeps_domein_and_rsin(make_api_client, superuser_client, catalogus):
    make_zaaktype(catalogus, concept=False)
    writer = make_api_client(
        autorisaties=[AutorisatieData(component="ztc", scopes=["catalogi.lezen", "catalogi.schrijven"])]
    )
    detail = url("catalogussen", catalogus)
    refused = writer.patch(detail, {"domein": "X"}, format="json")
    assert _codes(refused) == {"domein": "wijzigen-niet-toegelaten"}
    assert writer.patch(detail, {"contactpersoonBeheerNaam": "Nieuw"}, format="json").status_code == 200
    # a correctie (catalogi.geforceerd-schrijven, which the superuser has) may
    assert superuser_client.patch(detail, {"domein": "X"}, format="json").status_code == 200


def test_catalogus_update_needs_schrijven(make_api_client, catalogus):
    reader = make_api_client(autorisaties=[AutorisatieData(component="ztc", scopes=["catalogi.lezen"])])
    assert reader.patch(url("catalogussen", catalogus), {"naam": "x"}, format="json").status_code == 403


def test_post_besluittype_answers_besluittype_post_response(superuser_client, catalogus):
    make_iot(catalogus, concept=False, omschrijving="Brief")
    response = superuser_client.post(
        f"{API}/besluittypen",
        {
            "catalogus": url("catalogussen", catalogus),
            "publicatieIndicatie": False,
            "beginGeldigheid": "2024-01-01",
            "informatieobjecttypen": ["Brief"],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["zaaktypen"] == []
    assert body["zaaktypeIdentificaties"] == []
    assert body["informatieobjecttypeOmschrijvingen"] == body["informatieobjecttypeOmschrijving"] == ["Brief"]
    assert "informatieobjecttypeOmschrijving" not in superuser_client.get(body["url"]).json()


def test_deprecated_fields_still_accepted_and_answered(superuser_client, catalogus):
    zaaktype = make_zaaktype(catalogus)
    response = superuser_client.post(
        f"{API}/roltypen",
        {
            "zaaktype": url("zaaktypen", zaaktype),
            "catalogus": url("catalogussen", catalogus),
            "omschrijving": "Aanvrager",
            "omschrijvingGeneriek": "initiator",
            "beginGeldigheid": "2024-02-01",
            "beginObject": "2024-01-01",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["catalogus"], body["beginGeldigheid"], body["beginObject"]) == (
        url("catalogussen", catalogus),
        "2024-02-01",
        "2024-01-01",
    )


def test_informatieobjecttype_zaaktype_identificaties_in_a_write_are_ignored(superuser_client, catalogus):
    response = superuser_client.post(
        f"{API}/informatieobjecttypen",
        {
            "catalogus": url("catalogussen", catalogus),
            "omschrijving": "Brief",
            "vertrouwelijkheidaanduiding": "openbaar",
            "beginGeldigheid": "2024-01-01",
            "zaaktypeIdentificaties": ["VERZONNEN"],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["zaaktypeIdentificaties"] == []


@pytest.mark.parametrize("name", ["zaaktypeIdentificatie", "zaaktype_identificatie"])
def test_resultaattypen_filters_camel_and_snake_case(superuser_client, catalogus, name):
    zaaktype = make_zaaktype(catalogus, identificatie="RT-FILTER", concept=False)
    other = make_zaaktype(catalogus, identificatie="ANDER", concept=False)
    for zt in (zaaktype, other):
        m.ResultaatType.objects.create(
            zaaktype=zt, omschrijving="r", resultaattypeomschrijving="https://x/r", selectielijstklasse="https://x/s"
        )
    body = superuser_client.get(f"{API}/resultaattypen", {name: "RT-FILTER"}).json()
    assert [r["zaaktypeIdentificatie"] for r in body["results"]] == ["RT-FILTER"]
    date_name = "datumGeldigheid" if name == "zaaktypeIdentificatie" else "datum_geldigheid"
    assert superuser_client.get(f"{API}/resultaattypen", {date_name: "2000-01-01"}).json()["count"] == 0
