"""zrc-029: ``fields`` on ``POST /zaken/_zoek`` — attribute and nested relation selection, computed lean."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.documenten.conftest import EIO_LIST, eio_body
from zgw.autorisaties.services import AutorisatieData

from .conftest import CRS, cat_url, create_zaak, link_iotype, post

ZOEK = "/zaken/api/v1/zaken/_zoek"


def _zoek(client, body: dict, query: str = ""):
    return client.post(f"{ZOEK}{query}", body, format="json", **CRS)


@pytest.fixture
def zaak(superuser_client, zaaktype, statustypen, resultaattype) -> dict:
    zaak = create_zaak(
        superuser_client,
        zaaktype,
        omschrijving="Dakkapel",
        processobject={
            "datumkenmerk": "x",
            "identificatie": "PO-1",
            "objecttype": "pand",
            "registratie": "BAG",
        },
    )
    status = {"zaak": zaak["url"], "statustype": cat_url("statustypen", statustypen[0])}
    assert (
        post(superuser_client, "statussen", {**status, "datumStatusGezet": "2024-03-02T10:00:00Z"}).status_code == 201
    )
    body = {"zaak": zaak["url"], "resultaattype": cat_url("resultaattypen", resultaattype)}
    assert post(superuser_client, "resultaten", body).status_code == 201
    return zaak


def test_attribute_selection(superuser_client, zaak):
    response = _zoek(superuser_client, {"uuid__in": [zaak["uuid"]], "fields": ["url", "identificatie", "omschrijving"]})
    assert response.status_code == 200, response.json()
    assert response.json()["results"] == [
        {"url": zaak["url"], "identificatie": zaak["identificatie"], "omschrijving": "Dakkapel"}
    ]


def test_star_and_nested_relations_and_processobject_group(superuser_client, zaak, zaaktype):
    fields = [
        "uuid",
        {
            "zaaktype": ["identificatie", {"catalogus": ["domein"]}],
            "status": ["datumstatusgezet", {"statustype": ["*"]}],  # the official example's lower case
            "resultaat": ["*"],
            "processobject": ["identificatie"],
        },
    ]
    response = _zoek(superuser_client, {"uuid__in": [zaak["uuid"]], "fields": fields})
    assert response.status_code == 200, response.json()
    [item] = response.json()["results"]
    full = superuser_client.get(
        f"/zaken/api/v1/zaken/{zaak['uuid']}?expand=zaaktype.catalogus,status.statustype,resultaat", **CRS
    ).json()
    assert set(item) == {"uuid", "processobject", "_expand"}
    assert item["processobject"] == {"identificatie": "PO-1"}
    embedded = item["_expand"]
    assert embedded["zaaktype"] == {
        "identificatie": zaaktype.identificatie,
        "_expand": {"catalogus": {"domein": "TEST"}},
    }
    assert embedded["status"]["datumStatusGezet"] == full["_expand"]["status"]["datumStatusGezet"]
    assert set(embedded["status"]) == {"datumStatusGezet", "_expand"}
    assert embedded["status"]["_expand"]["statustype"] == full["_expand"]["status"]["_expand"]["statustype"]
    resultaat = {k: v for k, v in full["_expand"]["resultaat"].items() if k != "_expand"}
    assert embedded["resultaat"] == resultaat


def test_star_is_the_whole_zaak(superuser_client, zaak):
    response = _zoek(superuser_client, {"uuid__in": [zaak["uuid"]], "fields": ["*"]})
    plain = _zoek(superuser_client, {"uuid__in": [zaak["uuid"]]})
    assert response.json()["results"] == plain.json()["results"]


@pytest.mark.parametrize(
    "query,body_expand", [("?expand=status", None), ("", "status"), ("?expand=zaaktype", "status")]
)
def test_fields_with_expand_is_400_naming_both(superuser_client, zaak, query, body_expand):
    body = {"uuid__in": [zaak["uuid"]], "fields": ["url"]}
    if body_expand:
        body["expand"] = body_expand
    response = _zoek(superuser_client, body, query)
    assert response.status_code == 400
    names = {(p["name"], p["code"]) for p in response.json()["invalidParams"]}
    assert names == {("fields", "fields-and-expand"), ("expand", "fields-and-expand")}


def _nested(relation: str, depth: int) -> list:
    fields: list = ["url"]
    for _ in range(depth):
        fields = [{relation: fields}]
    return fields


@pytest.mark.parametrize(
    "fields,code",
    [
        (["bestaatniet"], "invalid-field"),
        ([{"bestaatniet": ["x"]}], "invalid-field"),
        ("url", "invalid"),
        ([], "invalid"),
        ([5], "invalid"),
        ([{"status": "x"}], "invalid"),
        (
            [
                {
                    "hoofdzaak": [
                        {
                            "hoofdzaak": [
                                {
                                    "hoofdzaak": [
                                        {
                                            "hoofdzaak": [
                                                {
                                                    "hoofdzaak": [
                                                        {
                                                            "hoofdzaak": [
                                                                {
                                                                    "hoofdzaak": [
                                                                        {
                                                                            "hoofdzaak": [
                                                                                {
                                                                                    "hoofdzaak": [
                                                                                        {
                                                                                            "hoofdzaak": [
                                                                                                {"hoofdzaak": ["url"]}
                                                                                            ]
                                                                                        }
                                                                                    ]
                                                                                }
                                                                            ]
                                                                        }
                                                                    ]
                                                                }
                                                            ]
                                                        }
                                                    ]
                                                }
                                            ]
                                        }
                                    ]
                                }
                            ]
                        }
                    ]
                }
            ],
            "recursion-limit",
        ),  # noqa: E501
    ],
)
def test_invalid_fields_are_400(superuser_client, zaak, fields, code):
    response = _zoek(superuser_client, {"uuid__in": [zaak["uuid"]], "fields": fields})
    assert response.status_code == 400, response.json()
    [param] = response.json()["invalidParams"]
    assert (param["name"], param["code"]) == ("fields", code)


def test_unselected_attributes_are_not_read(superuser_client, zaak, zaaktype):
    """The SQL of the page reads the selected columns only: no URL-list subqueries, no wide zaaktype row."""
    for _ in range(3):
        create_zaak(superuser_client, zaaktype)
    with CaptureQueriesContext(connection) as lean:
        response = _zoek(
            superuser_client, {"zaaktype": cat_url("zaaktypen", zaaktype), "fields": ["url", "startdatum"]}
        )
    assert response.status_code == 200 and len(response.json()["results"]) == 4
    assert all(set(item) == {"url", "startdatum"} for item in response.json()["results"])
    page_sql = [q["sql"] for q in lean.captured_queries if '"zaken_zaak"."startdatum"' in q["sql"]]
    assert page_sql, [q["sql"] for q in lean.captured_queries]
    for sql in page_sql:
        assert "ARRAY" not in sql.upper()
        assert '"zaken_zaak"."omschrijving"' not in sql
        assert '"zaken_zaak"."toelichting"' not in sql
        assert "zaken_rol" not in sql and "zaken_status" not in sql
    with CaptureQueriesContext(connection) as plain:
        assert _zoek(superuser_client, {"zaaktype": cat_url("zaaktypen", zaaktype)}).status_code == 200
    plain_sql = " ".join(q["sql"] for q in plain.captured_queries)
    assert "zaken_rol" in plain_sql  # the plain answer does compute the rollen lists: the difference is real


def test_selected_lists_read_their_subquery_only(superuser_client, zaak):
    status = zaak_status(superuser_client, zaak)
    with CaptureQueriesContext(connection) as queries:
        response = _zoek(superuser_client, {"uuid__in": [zaak["uuid"]], "fields": ["rollen", "status"]})
    assert response.json()["results"] == [{"rollen": [], "status": status}]
    sql = " ".join(q["sql"] for q in queries.captured_queries)
    assert "zaken_rol" in sql and "zaken_status" in sql
    assert "zaken_zaakobject" not in sql and "zaken_zaakinformatieobject" not in sql


def zaak_status(client, zaak: dict) -> str:
    return client.get(f"/zaken/api/v1/zaken/{zaak['uuid']}", **CRS).json()["status"]


def test_selected_nested_objects_pass_their_own_autorisatie(make_api_client, superuser_client, zaak, zaaktype):
    """A client without documenten.lezen sees the zaakinformatieobject but not its document, at depth two."""
    iot = link_iotype(zaaktype)
    document = superuser_client.post(EIO_LIST, eio_body(cat_url("informatieobjecttypen", iot)), format="json").json()
    assert (
        post(
            superuser_client, "zaakinformatieobjecten", {"zaak": zaak["url"], "informatieobject": document["url"]}
        ).status_code
        == 201
    )
    fields = ["url", {"zaakinformatieobjecten": ["url", {"informatieobject": ["titel", "bestandsnaam"]}]}]
    zrc = AutorisatieData(
        component="zrc",
        scopes=["zaken.lezen"],
        zaaktype=cat_url("zaaktypen", zaaktype),
        max_vertrouwelijkheidaanduiding="zeer_geheim",
    )
    drc = AutorisatieData(
        component="drc",
        scopes=["documenten.lezen"],
        informatieobjecttype=cat_url("informatieobjecttypen", iot),
        max_vertrouwelijkheidaanduiding="zeer_geheim",
    )
    body = {"uuid__in": [zaak["uuid"]], "fields": fields}
    without = _zoek(make_api_client(autorisaties=[zrc]), body).json()["results"][0]
    [zio] = without["_expand"]["zaakinformatieobjecten"]
    assert zio["_expand"]["informatieobject"] == {}
    allowed = _zoek(make_api_client(autorisaties=[zrc, drc]), body).json()["results"][0]
    [zio] = allowed["_expand"]["zaakinformatieobjecten"]
    assert zio["_expand"]["informatieobject"] == {"titel": document["titel"], "bestandsnaam": "brief.txt"}
    other = AutorisatieData(
        component="zrc",
        scopes=["zaken.lezen"],
        zaaktype="http://testserver/catalogi/api/v1/zaaktypen/00000000-0000-4000-8000-000000000000",
        max_vertrouwelijkheidaanduiding="zeer_geheim",
    )
    assert _zoek(make_api_client(autorisaties=[other]), body).json()["results"] == []  # the zaak itself: zrc-006


def test_fields_respects_the_expand_limit(superuser_client, zaak, settings):
    settings.ZGW_EXPAND_MAX_OBJECTS = 1
    body = {"uuid__in": [zaak["uuid"]], "fields": [{"zaaktype": ["url"], "status": ["url"]}]}
    response = _zoek(superuser_client, body)
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["code"] == "expand-limit"
