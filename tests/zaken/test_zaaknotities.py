"""Zaken 1.7.0 zaaknotities: the six operations, filters, pageSize, autorisatie through the zaak, zrc-007, audit."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.catalogi.conftest import make_zaaktype
from tests.zaken.conftest import API, CRS, cat_url, create_zaak
from zgw.autorisaties.services import AutorisatieData
from zgw.common.models import AuditTrail, OutboxMessage
from zgw.zaken.models import Zaak, ZaakNotitie

pytestmark = pytest.mark.django_db


def note_body(zaak_url: str, **extra) -> dict:
    return {"gerelateerdAan": zaak_url, "onderwerp": "Telefoon", "tekst": "Burger belde over de aanvraag.", **extra}


def post_note(client, body: dict):
    return client.post("/zaken/api/v1/zaaknotities", body, format="json")


def scoped(make_api_client, zaaktype, scopes: list[str], level: str = "zeer_geheim"):
    return make_api_client(
        autorisaties=[
            AutorisatieData(
                component="zrc",
                scopes=scopes,
                zaaktype=cat_url("zaaktypen", zaaktype),
                max_vertrouwelijkheidaanduiding=level,
            )
        ]
    )


@pytest.fixture
def zaak(superuser_client, zaaktype) -> dict:
    return create_zaak(superuser_client, zaaktype)


@pytest.fixture
def other_zaaktype(catalogus):
    return make_zaaktype(catalogus, concept=False, identificatie="ANDER", vertrouwelijkheidaanduiding="openbaar")


def test_create_read_shape_and_location(superuser_client, zaak):
    response = post_note(superuser_client, note_body(zaak["url"], aangemaaktDoor="medewerker-1"))
    assert response.status_code == 201, response.json()
    data = response.json()
    assert response["Location"] == data["url"]
    assert data["url"].startswith(f"{API}/zaaknotities/")
    assert set(data) == {
        "url",
        "onderwerp",
        "tekst",
        "aangemaaktDoor",
        "notitieType",
        "status",
        "aanmaakdatum",
        "wijzigingsdatum",
        "gerelateerdAan",
    }
    assert data["gerelateerdAan"] == zaak["url"]
    assert data["notitieType"] == "intern" and data["status"] == "concept"  # the defaults (docs/decisions.md)
    assert data["aanmaakdatum"] == data["wijzigingsdatum"]
    read = superuser_client.get(data["url"])
    assert read.status_code == 200
    assert read.json() == data
    assert "ETag" not in read  # the OAS declares no ETag on zaaknotities


@pytest.mark.parametrize(
    "body,name,code",
    [
        ({"tekst": "x"}, "onderwerp", "required"),
        ({"onderwerp": "", "tekst": "x"}, "onderwerp", "blank"),
        ({"onderwerp": "o" * 256, "tekst": "x"}, "onderwerp", "max_length"),
        ({"onderwerp": "o", "tekst": "x", "notitieType": "geheim"}, "notitieType", "invalid_choice"),
        ({"onderwerp": "o", "tekst": "x", "status": "klaar"}, "status", "invalid_choice"),
        ({"onderwerp": "o", "tekst": "x", "aangemaaktDoor": "a" * 256}, "aangemaaktDoor", "max_length"),
    ],
)
def test_create_validation(superuser_client, zaak, body, name, code):
    response = post_note(superuser_client, {"gerelateerdAan": zaak["url"], **body})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    params = {(p["name"], p["code"]) for p in response.json()["invalidParams"]}
    assert (name, code) in params


def test_gerelateerd_aan_must_be_an_existing_local_zaak(superuser_client, zaak):
    cases = {
        f"{API}/zaken/00000000-0000-4000-8000-000000000000": "does_not_exist",
        "https://elders.example.com/zaken/api/v1/zaken/1": "bad-url",  # a remote zaak: refused (docs/decisions.md)
        f"{API}/statussen/{zaak['uuid']}": "bad-url",
        "nope": "bad-url",
    }
    for url, code in cases.items():
        response = post_note(superuser_client, note_body(url))
        assert response.status_code == 400, url
        assert response.json()["invalidParams"][0]["name"] == "gerelateerdAan"
        assert response.json()["invalidParams"][0]["code"] == code, url
    assert not ZaakNotitie.objects.exists()


def test_update_partial_update_and_delete(superuser_client, zaak):
    note = post_note(superuser_client, note_body(zaak["url"])).json()
    put = superuser_client.put(
        note["url"], note_body(zaak["url"], onderwerp="Nieuw", notitieType="extern"), format="json"
    )
    assert put.status_code == 200, put.json()
    assert put.json()["onderwerp"] == "Nieuw" and put.json()["notitieType"] == "extern"
    assert put.json()["wijzigingsdatum"] > note["wijzigingsdatum"]
    assert put.json()["aanmaakdatum"] == note["aanmaakdatum"]
    patch = superuser_client.patch(note["url"], {"tekst": "Aangevuld"}, format="json")
    assert patch.status_code == 200
    assert patch.json()["tekst"] == "Aangevuld" and patch.json()["onderwerp"] == "Nieuw"
    delete = superuser_client.delete(note["url"])
    assert delete.status_code == 204
    assert superuser_client.get(note["url"]).status_code == 404


def test_definitief_note_cannot_change_but_can_be_deleted(superuser_client, zaak):
    note = post_note(superuser_client, note_body(zaak["url"])).json()
    assert superuser_client.patch(note["url"], {"status": "definitief"}, format="json").status_code == 200
    for method in (superuser_client.patch, superuser_client.put):
        response = method(note["url"], note_body(zaak["url"], tekst="anders"), format="json")
        assert response.status_code == 400
        assert response.json()["invalidParams"][0]["code"] == "notitie-definitief"
    assert ZaakNotitie.objects.get().tekst == "Burger belde over de aanvraag."
    assert superuser_client.delete(note["url"]).status_code == 204


def test_note_cannot_move_to_another_zaak(superuser_client, zaaktype, zaak):
    other = create_zaak(superuser_client, zaaktype)
    note = post_note(superuser_client, note_body(zaak["url"])).json()
    response = superuser_client.patch(note["url"], {"gerelateerdAan": other["url"]}, format="json")
    assert response.status_code == 400
    assert response.json()["invalidParams"][0] == {
        "name": "gerelateerdAan",
        "code": "wijzigen-niet-toegelaten",
        "reason": "Dit veld mag niet gewijzigd worden.",
    }


def test_filters(superuser_client, zaaktype, zaak):
    other = create_zaak(superuser_client, zaaktype)
    first = post_note(superuser_client, note_body(zaak["url"], aangemaaktDoor="Anna", onderwerp="Brief")).json()
    second = post_note(
        superuser_client,
        note_body(other["url"], aangemaaktDoor="Bert", onderwerp="Telefoon", tekst="Terugbellen", notitieType="extern"),
    ).json()
    superuser_client.patch(second["url"], {"status": "definitief"}, format="json")

    def urls(**params) -> list[str]:
        response = superuser_client.get("/zaken/api/v1/zaaknotities", params)
        assert response.status_code == 200, response.json()
        return [item["url"] for item in response.json()["results"]]

    assert urls() == [second["url"], first["url"]]
    assert urls(gerelateerdAan=zaak["url"]) == [first["url"]]
    assert urls(gerelateerdAan=f"{API}/zaken/00000000-0000-4000-8000-000000000000") == []
    assert urls(aangemaaktDoor="Anna") == [first["url"]]
    assert urls(aangemaaktDoor="anna") == []
    assert urls(aangemaaktDoor__icontains="ber") == [second["url"]]
    assert urls(onderwerp="Brief") == [first["url"]]
    assert urls(onderwerp__icontains="TELE") == [second["url"]]
    assert urls(tekst="Terugbellen") == [second["url"]]
    assert urls(tekst__icontains="aanvraag") == [first["url"]]
    assert urls(notitieType="extern") == [second["url"]]
    assert urls(status="definitief") == [second["url"]]
    assert urls(status="concept") == [first["url"]]
    created = ZaakNotitie.objects.get(uuid=first["url"].rsplit("/", 1)[1]).aanmaakdatum
    later = (created + datetime.timedelta(microseconds=1)).isoformat()
    assert urls(aanmaakdatum__lte=created.isoformat()) == [first["url"]]
    assert urls(aanmaakdatum__gt=created.isoformat()) == [second["url"]]
    assert urls(aanmaakdatum__lt=later) == [first["url"]]
    assert urls(aanmaakdatum=created.isoformat()) == [first["url"]]
    assert set(urls(aanmaakdatum__gte=created.isoformat())) == {first["url"], second["url"]}
    changed = ZaakNotitie.objects.get(uuid=second["url"].rsplit("/", 1)[1]).wijzigingsdatum
    assert urls(wijzigingsdatum__gte=changed.isoformat()) == [second["url"]]
    assert urls(wijzigingsdatum__lt=changed.isoformat()) == [first["url"]]
    assert urls(wijzigingsdatum=changed.isoformat(), wijzigingsdatum__lte=changed.isoformat()) == [second["url"]]
    assert urls(wijzigingsdatum__gt=changed.isoformat()) == []


@pytest.mark.parametrize(
    "params,name",
    [
        ({"gerelateerdAan": "geen-url"}, "gerelateerdAan"),
        ({"gerelateerdAan": f"{API}/statussen/00000000-0000-4000-8000-000000000000"}, "gerelateerdAan"),
        ({"notitieType": "geheim"}, "notitieType"),
        ({"aanmaakdatum__gt": "gisteren"}, "aanmaakdatum__gt"),
        ({"onbekend": "1"}, "nonFieldErrors"),
    ],
)
def test_bad_filters_are_400(superuser_client, params, name):
    response = superuser_client.get("/zaken/api/v1/zaaknotities", params)
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"] == name


def test_page_and_page_size(superuser_client, zaak):
    zaak_obj = Zaak.objects.get(uuid=zaak["uuid"])
    ZaakNotitie.objects.bulk_create(ZaakNotitie(zaak=zaak_obj, onderwerp=f"n{i}", tekst="t") for i in range(7))
    response = superuser_client.get("/zaken/api/v1/zaaknotities", {"pageSize": 3})
    data = response.json()
    assert data["count"] == 7 and len(data["results"]) == 3
    assert "pageSize=3" in data["next"] and data["previous"] is None
    last = superuser_client.get("/zaken/api/v1/zaaknotities", {"pageSize": 3, "page": 3}).json()
    assert [item["onderwerp"] for item in last["results"]] == ["n0"]
    assert superuser_client.get("/zaken/api/v1/zaaknotities", {"pageSize": 3, "page": 4}).status_code == 404
    assert len(superuser_client.get("/zaken/api/v1/zaaknotities").json()["results"]) == 7  # default 100


def test_scoped_client_sees_only_notes_of_zaken_it_may_read(
    superuser_client, make_api_client, zaaktype, other_zaaktype, zaak
):
    other = create_zaak(superuser_client, other_zaaktype)
    secret = create_zaak(superuser_client, zaaktype, vertrouwelijkheidaanduiding="geheim")
    mine = post_note(superuser_client, note_body(zaak["url"])).json()
    not_mine = post_note(superuser_client, note_body(other["url"])).json()
    too_secret = post_note(superuser_client, note_body(secret["url"])).json()
    reader = scoped(make_api_client, zaaktype, ["zaken.lezen"], level="vertrouwelijk")

    with CaptureQueriesContext(connection) as queries:
        response = reader.get("/zaken/api/v1/zaaknotities")
    assert response.status_code == 200
    assert [item["url"] for item in response.json()["results"]] == [mine["url"]]
    assert response.json()["count"] == 1
    page_sql = [q["sql"] for q in queries.captured_queries if "zaken_zaaknotitie" in q["sql"]]
    assert page_sql and all("vertrouwelijkheidaanduiding" in sql for sql in page_sql)  # filtered in SQL

    assert reader.get(mine["url"]).status_code == 200
    # a detail whose zaak the client may not read: 403, as a direct read of that zaak
    for note, zaak_url in ((not_mine, other["url"]), (too_secret, secret["url"])):
        assert reader.get(zaak_url, **CRS).status_code == 403
        assert reader.get(note["url"]).status_code == 403
    assert reader.get(f"{API}/zaaknotities/00000000-0000-4000-8000-000000000000").status_code == 404


def test_list_query_count_does_not_grow_with_the_page(superuser_client, make_api_client, zaaktype, zaak):
    zaak_obj = Zaak.objects.get(uuid=zaak["uuid"])
    reader = scoped(make_api_client, zaaktype, ["zaken.lezen"])
    reader.get("/zaken/api/v1/zaaknotities")  # warm the autorisatie cache
    ZaakNotitie.objects.create(zaak=zaak_obj, onderwerp="een", tekst="t")
    with CaptureQueriesContext(connection) as one:
        reader.get("/zaken/api/v1/zaaknotities")
    ZaakNotitie.objects.bulk_create(ZaakNotitie(zaak=zaak_obj, onderwerp=f"n{i}", tekst="t") for i in range(30))
    with CaptureQueriesContext(connection) as many:
        response = reader.get("/zaken/api/v1/zaaknotities")
    assert response.json()["count"] == 31
    assert len(many.captured_queries) == len(one.captured_queries) <= 4


def test_writes_need_zaken_bijwerken_on_the_zaak(superuser_client, make_api_client, zaaktype, other_zaaktype, zaak):
    other = create_zaak(superuser_client, other_zaaktype)
    note = post_note(superuser_client, note_body(zaak["url"])).json()
    reader = scoped(make_api_client, zaaktype, ["zaken.lezen"])
    writer = scoped(make_api_client, zaaktype, ["zaken.lezen", "zaken.bijwerken"])

    assert post_note(reader, note_body(zaak["url"])).status_code == 403
    assert reader.patch(note["url"], {"tekst": "x"}, format="json").status_code == 403
    assert reader.delete(note["url"]).status_code == 403
    # bijwerken on another zaaktype does not make this zaak writable
    assert post_note(writer, note_body(other["url"])).status_code == 403

    created = post_note(writer, note_body(zaak["url"]))
    assert created.status_code == 201
    assert writer.patch(note["url"], {"tekst": "x"}, format="json").status_code == 200
    assert writer.delete(created.json()["url"]).status_code == 204
    creator = scoped(make_api_client, zaaktype, ["zaken.aanmaken"])
    assert creator.get("/zaken/api/v1/zaaknotities").status_code == 403
    from rest_framework.test import APIClient

    assert APIClient().get("/zaken/api/v1/zaaknotities").status_code == 401


def test_zrc_007_notes_of_a_closed_zaak(superuser_client, make_api_client, zaaktype, zaak):
    note = post_note(superuser_client, note_body(zaak["url"])).json()
    Zaak.objects.filter(uuid=zaak["uuid"]).update(einddatum=datetime.date(2024, 6, 1))
    writer = scoped(make_api_client, zaaktype, ["zaken.lezen", "zaken.bijwerken"])
    forced = scoped(make_api_client, zaaktype, ["zaken.lezen", "zaken.bijwerken", "zaken.geforceerd-bijwerken"])

    assert post_note(writer, note_body(zaak["url"])).status_code == 403
    assert writer.patch(note["url"], {"tekst": "x"}, format="json").status_code == 403
    assert writer.put(note["url"], note_body(zaak["url"]), format="json").status_code == 403
    assert writer.delete(note["url"]).status_code == 403
    assert writer.get(note["url"]).status_code == 200  # reading stays allowed
    assert ZaakNotitie.objects.count() == 1

    assert post_note(forced, note_body(zaak["url"])).status_code == 201
    assert forced.patch(note["url"], {"tekst": "x"}, format="json").status_code == 200
    assert forced.delete(note["url"]).status_code == 204


def test_audit_trail_and_no_notifications(superuser_client, zaak):
    OutboxMessage.objects.all().delete()
    note = post_note(superuser_client, note_body(zaak["url"])).json()
    superuser_client.patch(note["url"], {"tekst": "nieuw"}, format="json")
    superuser_client.put(note["url"], note_body(zaak["url"]), format="json")
    superuser_client.delete(note["url"])
    entries = AuditTrail.objects.filter(resource="zaaknotitie").order_by("pk")
    assert [(e.actie, e.resultaat) for e in entries] == [
        ("create", 201),
        ("partial_update", 200),
        ("update", 200),
        ("destroy", 204),
    ]
    assert {e.hoofd_object for e in entries} == {zaak["url"]}
    assert {e.resource_url for e in entries} == {note["url"]}
    assert entries[0].oud is None and entries[0].nieuw["onderwerp"] == "Telefoon"
    assert entries[1].oud["tekst"] != entries[1].nieuw["tekst"] == "nieuw"
    assert entries[3].nieuw is None and entries[3].oud["url"] == note["url"]
    trail = superuser_client.get(f"/zaken/api/v1/zaken/{zaak['uuid']}/audittrail").json()
    assert [item["resource"] for item in trail].count("zaaknotitie") == 4
    assert not OutboxMessage.objects.exists()  # the zaken kanaal lists no zaaknotitie (docs/decisions.md)


def test_notes_go_with_their_zaak(superuser_client, zaak):
    post_note(superuser_client, note_body(zaak["url"]))
    assert superuser_client.delete(zaak["url"]).status_code == 204
    assert not ZaakNotitie.objects.exists()


def test_admin_lists_notes_and_reservations_read_only(admin_client, superuser_client, zaak):
    from django.urls import reverse

    from zgw.zaken.models import ZaakNummerReservering

    note = post_note(superuser_client, note_body(zaak["url"], aangemaaktDoor="Anna")).json()
    row = ZaakNotitie.objects.get(uuid=note["url"].rsplit("/", 1)[1])
    ZaakNummerReservering.objects.create(bronorganisatie="002564440", identificatie="ZAAK-2026-0000000009")
    listing = admin_client.get(reverse("admin:zaken_zaaknotitie_changelist"), {"q": "Anna", "status": "concept"})
    assert listing.status_code == 200 and "Telefoon" in listing.content.decode()
    assert admin_client.get(reverse("admin:zaken_zaaknotitie_change", args=[row.pk])).status_code == 200
    assert admin_client.get(reverse("admin:zaken_zaaknotitie_add")).status_code == 403
    reservations = admin_client.get(reverse("admin:zaken_zaaknummerreservering_changelist"), {"q": "002564440"})
    assert reservations.status_code == 200 and "ZAAK-2026-0000000009" in reservations.content.decode()
