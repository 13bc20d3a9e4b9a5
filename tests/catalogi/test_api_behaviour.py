"""Lists, filters, autorisatie (ztc-014, scope denial), caching and bad input."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from zgw.autorisaties.services import AutorisatieData
from zgw.catalogi import models as m

from .conftest import API, make_besluittype, make_iot, make_zaaktype, url, zaaktype_payload


def _codes(response) -> dict[str, str]:
    return {p["name"]: p["code"] for p in response.json().get("invalidParams", [])}


def _urls(response) -> set[str]:
    assert response.status_code == 200, response.json()
    return {item["url"] for item in response.json()["results"]}


# --- status / geldigheid filters ---------------------------------------------------------------------------------


def test_status_filter_default_definitief(superuser_client, catalogus):
    concept = make_zaaktype(catalogus, identificatie="C")
    published = make_zaaktype(catalogus, identificatie="P", concept=False)
    assert _urls(superuser_client.get(f"{API}/zaaktypen")) == {url("zaaktypen", published)}
    assert _urls(superuser_client.get(f"{API}/zaaktypen", {"status": "concept"})) == {url("zaaktypen", concept)}
    assert _urls(superuser_client.get(f"{API}/zaaktypen", {"status": "alles"})) == {
        url("zaaktypen", concept),
        url("zaaktypen", published),
    }
    # detail GETs return concepts too
    assert superuser_client.get(url("zaaktypen", concept)).status_code == 200


def test_status_filter_invalid_value(superuser_client):
    response = superuser_client.get(f"{API}/zaaktypen", {"status": "weet-niet"})
    assert response.status_code == 400
    assert _codes(response) == {"status": "invalid_choice"}


def test_subtype_status_follows_zaaktype(superuser_client, catalogus):
    concept = m.RolType.objects.create(
        zaaktype=make_zaaktype(catalogus, identificatie="C"), omschrijving="a", omschrijving_generiek="initiator"
    )
    published = m.RolType.objects.create(
        zaaktype=make_zaaktype(catalogus, identificatie="P", concept=False),
        omschrijving="b",
        omschrijving_generiek="initiator",
    )
    assert _urls(superuser_client.get(f"{API}/roltypen")) == {url("roltypen", published)}
    assert _urls(superuser_client.get(f"{API}/roltypen", {"status": "concept"})) == {url("roltypen", concept)}


def test_ziot_status_semantics(superuser_client, catalogus):
    zt_pub = make_zaaktype(catalogus, identificatie="P", concept=False)
    iot_pub = make_iot(catalogus, concept=False, omschrijving="pub")
    iot_con = make_iot(catalogus, concept=True, omschrijving="con")
    both = m.ZaakTypeInformatieObjectType.objects.create(
        zaaktype=zt_pub, informatieobjecttype=iot_pub, volgnummer=1, richting="inkomend"
    )
    half = m.ZaakTypeInformatieObjectType.objects.create(
        zaaktype=zt_pub, informatieobjecttype=iot_con, volgnummer=2, richting="inkomend"
    )
    collection = "zaaktype-informatieobjecttypen"
    assert _urls(superuser_client.get(f"{API}/{collection}")) == {url(collection, both)}
    assert _urls(superuser_client.get(f"{API}/{collection}", {"status": "concept"})) == {url(collection, half)}
    assert len(_urls(superuser_client.get(f"{API}/{collection}", {"status": "alles"}))) == 2


def test_datum_geldigheid_filter(superuser_client, catalogus):
    old = make_zaaktype(catalogus, concept=False, datum_einde_geldigheid=datetime.date(2024, 5, 31))
    new = make_zaaktype(catalogus, concept=False, datum_begin_geldigheid=datetime.date(2024, 6, 1))
    assert _urls(superuser_client.get(f"{API}/zaaktypen", {"datumGeldigheid": "2024-05-31"})) == {url("zaaktypen", old)}
    assert _urls(superuser_client.get(f"{API}/zaaktypen", {"datumGeldigheid": "2024-06-01"})) == {url("zaaktypen", new)}
    assert _codes(superuser_client.get(f"{API}/zaaktypen", {"datumGeldigheid": "gisteren"})) == {
        "datumGeldigheid": "invalid"
    }


def test_zaaktype_filters_identificatie_catalogus_trefwoorden(superuser_client, catalogus, other_catalogus):
    a = make_zaaktype(catalogus, identificatie="A", concept=False, trefwoorden=["x", "y"])
    make_zaaktype(catalogus, identificatie="B", concept=False, trefwoorden=["x"])
    c = make_zaaktype(other_catalogus, identificatie="A", concept=False)
    assert _urls(superuser_client.get(f"{API}/zaaktypen", {"identificatie": "A"})) == {
        url("zaaktypen", a),
        url("zaaktypen", c),
    }
    assert _urls(superuser_client.get(f"{API}/zaaktypen", {"catalogus": url("catalogussen", other_catalogus)})) == {
        url("zaaktypen", c)
    }
    assert _urls(superuser_client.get(f"{API}/zaaktypen", {"trefwoorden": "x,y"})) == {url("zaaktypen", a)}


def test_resultaattypen_snake_case_and_camel_case_filters(superuser_client, catalogus):
    zaaktype = make_zaaktype(catalogus, identificatie="ZT-R", concept=False)
    resultaattype = m.ResultaatType.objects.create(
        zaaktype=zaaktype,
        omschrijving="r",
        resultaattypeomschrijving="https://x.example.com/r",
        selectielijstklasse="https://x.example.com/s",
    )
    m.ResultaatType.objects.create(
        zaaktype=make_zaaktype(catalogus, identificatie="ANDER", concept=False),
        omschrijving="r",
        resultaattypeomschrijving="https://x.example.com/r",
        selectielijstklasse="https://x.example.com/s",
    )
    expected = {url("resultaattypen", resultaattype)}
    assert _urls(superuser_client.get(f"{API}/resultaattypen", {"zaaktype_identificatie": "ZT-R"})) == expected
    assert _urls(superuser_client.get(f"{API}/resultaattypen", {"zaaktypeIdentificatie": "ZT-R"})) == expected
    assert len(_urls(superuser_client.get(f"{API}/resultaattypen", {"datum_geldigheid": "2024-02-01"}))) == 2


def test_besluittypen_filter_on_zaaktypen_and_informatieobjecttypen(superuser_client, catalogus):
    iot = make_iot(catalogus, concept=False)
    linked = make_besluittype(catalogus, concept=False, omschrijving="L")
    linked.informatieobjecttypen.add(iot)
    make_besluittype(catalogus, concept=False, omschrijving="N")
    zaaktype = make_zaaktype(catalogus)
    zaaktype.besluittypen.add(linked)
    assert _urls(superuser_client.get(f"{API}/besluittypen", {"zaaktypen": url("zaaktypen", zaaktype)})) == {
        url("besluittypen", linked)
    }
    assert _urls(
        superuser_client.get(f"{API}/besluittypen", {"informatieobjecttypen": url("informatieobjecttypen", iot)})
    ) == {url("besluittypen", linked)}


def test_catalogus_filters(superuser_client, catalogus, other_catalogus):
    assert _urls(superuser_client.get(f"{API}/catalogussen", {"domein__in": "TEST,XXX"})) == {
        url("catalogussen", catalogus)
    }


def test_unknown_query_parameter(superuser_client):
    response = superuser_client.get(f"{API}/zaaktypen", {"foo": "bar"})
    assert response.status_code == 400
    assert _codes(response) == {"nonFieldErrors": "unknown-parameters"}


def test_url_filter_of_wrong_resource_kind_is_400(superuser_client, catalogus):
    zaaktype = make_zaaktype(catalogus, concept=False)
    m.RolType.objects.create(zaaktype=zaaktype, omschrijving="a", omschrijving_generiek="initiator")
    response = superuser_client.get(f"{API}/roltypen", {"zaaktype": url("catalogussen", catalogus)})
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"] == "zaaktype"


# --- autorisatie -------------------------------------------------------------------------------------------------


def test_anonymous_is_401(db, anonymous_client):
    assert anonymous_client.get(f"{API}/zaaktypen").status_code == 401


def test_scope_denial_lezen_cannot_write(make_api_client, catalogus):
    client = make_api_client(autorisaties=[AutorisatieData(component="ztc", scopes=["catalogi.lezen"])])
    assert client.get(f"{API}/zaaktypen").status_code == 200
    response = client.post(f"{API}/zaaktypen", zaaktype_payload(catalogus), format="json")
    assert response.status_code == 403
    assert client.delete(url("zaaktypen", make_zaaktype(catalogus))).status_code == 403


def test_scope_denial_without_lezen(make_api_client, catalogus):
    client = make_api_client(autorisaties=[AutorisatieData(component="ztc", scopes=["catalogi.schrijven"])])
    assert client.get(f"{API}/statustypen").status_code == 403


def test_geforceerd_schrijven_alone_cannot_create_main_types(make_api_client, catalogus):
    client = make_api_client(autorisaties=[AutorisatieData(component="ztc", scopes=["catalogi.geforceerd-schrijven"])])
    assert client.post(f"{API}/zaaktypen", zaaktype_payload(catalogus), format="json").status_code == 403


def test_ztc_014_zaken_lezen_and_documenten_lezen_may_read(make_api_client, catalogus):
    zaaktype = make_zaaktype(catalogus, concept=False)
    zrc = make_api_client(
        autorisaties=[
            AutorisatieData(
                component="zrc",
                scopes=["zaken.lezen"],
                zaaktype=url("zaaktypen", zaaktype),
                max_vertrouwelijkheidaanduiding="openbaar",
            )
        ]
    )
    drc = make_api_client(
        autorisaties=[
            AutorisatieData(
                component="drc",
                scopes=["documenten.lezen"],
                informatieobjecttype="https://x.example.com/iot/1",
                max_vertrouwelijkheidaanduiding="openbaar",
            )
        ]
    )
    for client in (zrc, drc):
        assert client.get(url("zaaktypen", zaaktype)).status_code == 200
        assert client.get(f"{API}/zaaktypen").status_code == 200
        assert client.post(f"{API}/zaaktypen", zaaktype_payload(catalogus), format="json").status_code == 403
    other = make_api_client(
        autorisaties=[
            AutorisatieData(component="brc", scopes=["besluiten.lezen"], besluittype="https://x.example.com/bt/1")
        ]
    )
    assert other.get(url("zaaktypen", zaaktype)).status_code == 403


# --- ETag / HEAD -------------------------------------------------------------------------------------------------

DETAILS = {
    "catalogussen": lambda c: c,
    "zaaktypen": lambda c: make_zaaktype(c),
    "informatieobjecttypen": lambda c: make_iot(c),
    "besluittypen": lambda c: make_besluittype(c),
    "statustypen": lambda c: m.StatusType.objects.create(zaaktype=make_zaaktype(c), volgnummer=1, omschrijving="s"),
    "roltypen": lambda c: m.RolType.objects.create(
        zaaktype=make_zaaktype(c), omschrijving="r", omschrijving_generiek="initiator"
    ),
    "resultaattypen": lambda c: m.ResultaatType.objects.create(
        zaaktype=make_zaaktype(c),
        omschrijving="r",
        resultaattypeomschrijving="https://x.example.com/r",
        selectielijstklasse="https://x.example.com/s",
    ),
    "eigenschappen": lambda c: m.Eigenschap.objects.create(
        zaaktype=make_zaaktype(c), naam="e", definitie="d", formaat="tekst", lengte="3", kardinaliteit="1"
    ),
    "zaakobjecttypen": lambda c: m.ZaakObjectType.objects.create(
        zaaktype=make_zaaktype(c),
        catalogus=c,
        ander_objecttype=False,
        objecttype="https://x.example.com/o",
        relatie_omschrijving="r",
        datum_begin_geldigheid=datetime.date(2024, 1, 1),
    ),
    "zaaktype-informatieobjecttypen": lambda c: m.ZaakTypeInformatieObjectType.objects.create(
        zaaktype=make_zaaktype(c), informatieobjecttype=make_iot(c), volgnummer=1, richting="intern"
    ),
}


@pytest.mark.parametrize("collection", sorted(DETAILS))
def test_etag_and_head_on_every_detail(superuser_client, catalogus, collection):
    obj = DETAILS[collection](catalogus)
    response = superuser_client.get(url(collection, obj))
    assert response.status_code == 200
    etag = response["ETag"]
    head = superuser_client.head(url(collection, obj))
    assert head.status_code == 200 and head["ETag"] == etag and not head.content
    cached = superuser_client.get(url(collection, obj), HTTP_IF_NONE_MATCH=etag)
    assert cached.status_code == 304


def test_etag_changes_after_update(superuser_client, catalogus):
    zaaktype = make_zaaktype(catalogus)
    etag = superuser_client.get(url("zaaktypen", zaaktype))["ETag"]
    superuser_client.patch(url("zaaktypen", zaaktype), {"toelichting": "nieuw"}, format="json")
    assert superuser_client.get(url("zaaktypen", zaaktype), HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_non_uuid_path_is_404(superuser_client):
    assert superuser_client.get(f"{API}/zaaktypen/not-a-uuid").status_code == 404


# --- query counts ------------------------------------------------------------------------------------------------


def _fill(catalogus, count: int) -> None:
    iot = make_iot(catalogus, concept=False)
    besluittype = make_besluittype(catalogus, concept=False)
    for index in range(count):
        zaaktype = make_zaaktype(catalogus, identificatie=f"ZT-{index}", concept=False)
        zaaktype.besluittypen.add(besluittype)
        for nr in (1, 2):
            m.StatusType.objects.create(zaaktype=zaaktype, volgnummer=nr, omschrijving=str(nr))
        m.RolType.objects.create(zaaktype=zaaktype, omschrijving="r", omschrijving_generiek="initiator")
        m.ResultaatType.objects.create(
            zaaktype=zaaktype,
            omschrijving="r",
            resultaattypeomschrijving="https://x/r",
            selectielijstklasse="https://x/s",
        ).besluittypen.add(besluittype)
        m.Eigenschap.objects.create(
            zaaktype=zaaktype, naam="e", definitie="d", formaat="tekst", lengte="3", kardinaliteit="1"
        )
        m.ZaakTypeInformatieObjectType.objects.create(
            zaaktype=zaaktype, informatieobjecttype=iot, volgnummer=1, richting="intern"
        )
        m.ZaakObjectType.objects.create(
            zaaktype=zaaktype,
            catalogus=catalogus,
            ander_objecttype=False,
            objecttype="https://x.example.com/o",
            relatie_omschrijving="r",
            datum_begin_geldigheid=datetime.date(2024, 1, 1),
        )


LISTS = [
    "zaaktypen",
    "statustypen",
    "roltypen",
    "resultaattypen",
    "eigenschappen",
    "zaaktype-informatieobjecttypen",
    "informatieobjecttypen",
    "besluittypen",
    "catalogussen",
    "zaakobjecttypen",
]


def _count_queries(client, path: str) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured), len(response.json()["results"])


@pytest.mark.parametrize("collection", LISTS)
def test_list_query_count_does_not_grow_with_page_size(
    superuser_client, catalogus, collection, django_assert_max_num_queries, settings
):
    # a fixed base URL: otherwise the memoised SiteConfiguration lookup (30 s TTL) may add a query on a slow run
    settings.ZGW_BASE_URL = "http://testserver"
    path = f"{API}/{collection}"
    _fill(catalogus, 1)
    superuser_client.get(path)  # warm the client/autorisatie cache
    queries_small, rows_small = _count_queries(superuser_client, path)
    for index in range(4):
        _fill(m.Catalogus.objects.create(domein=f"M{index}", rsin="002564440", contactpersoon_beheer_naam="x"), 3)
    queries_big, rows_big = _count_queries(superuser_client, path)
    assert rows_big > rows_small
    assert queries_big == queries_small
    # zaaktypen: three more for the relations by name (current besluittype, informatieobjecttype and zaaktype
    # versions of the whole page, catalogi.relations)
    with django_assert_max_num_queries(15 if collection == "zaaktypen" else 12):
        superuser_client.get(path)


def test_head_without_token_is_401(db, anonymous_client, catalogus):
    assert anonymous_client.head(url("catalogussen", catalogus)).status_code == 401


def test_publish_needs_schrijven(make_api_client, catalogus):
    zaaktype = make_zaaktype(catalogus)
    client = make_api_client(autorisaties=[AutorisatieData(component="ztc", scopes=["catalogi.lezen"])])
    assert client.post(url("zaaktypen", zaaktype) + "/publish").status_code == 403
    zaaktype.refresh_from_db()
    assert zaaktype.concept is True
