"""Besluit CRUD and the brc rules on a besluit (brc-001, brc-002, brc-009, dates), local and remote besluittypen."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from zgw.besluiten.models import Besluit, BesluitInformatieObject
from zgw.common.models import AuditTrail, IdentificatieCounter, OutboxMessage

from .conftest import BESLUITEN, OTHER_RSIN, RSIN, besluit_body, remote_besluittype

pytestmark = pytest.mark.django_db


def codes(response, name: str | None = None) -> list[str]:
    params = response.json().get("invalidParams", [])
    return [p["code"] for p in params if name is None or p["name"] == name]


# ---- create / read -----------------------------------------------------------------------------------------------


def test_create_and_read_besluit(superuser_client, besluittype_url):
    body = besluit_body(besluittype_url, toelichting="Verleend", bestuursorgaan="College", vervalreden="tijdelijk")
    response = superuser_client.post(BESLUITEN, body, format="json")

    assert response.status_code == 201, response.json().get("invalidParams")
    data = response.json()
    assert response["Location"] == data["url"]
    assert response["API-version"] == "1.1.0"
    assert data["besluittype"] == besluittype_url
    assert data["verantwoordelijkeOrganisatie"] == RSIN
    assert data["zaak"] == ""
    assert data["vervalreden"] == "tijdelijk"
    assert data["vervalredenWeergave"] == "Besluit met tijdelijke werking"
    assert data["vervaldatum"] is None
    assert set(data) == {
        "url", "identificatie", "verantwoordelijkeOrganisatie", "besluittype", "zaak", "datum", "toelichting",
        "bestuursorgaan", "ingangsdatum", "vervaldatum", "vervalreden", "vervalredenWeergave", "publicatiedatum",
        "verzenddatum", "uiterlijkeReactiedatum",
    }  # fmt: skip
    read = superuser_client.get(data["url"])
    assert read.status_code == 200
    assert read.json() == data


@pytest.mark.parametrize("missing", ["verantwoordelijkeOrganisatie", "besluittype", "datum", "ingangsdatum"])
def test_required_fields(superuser_client, besluittype_url, missing):
    body = besluit_body(besluittype_url)
    del body[missing]
    response = superuser_client.post(BESLUITEN, body, format="json")
    assert response.status_code == 400
    assert codes(response, missing) == ["required"]


@pytest.mark.parametrize(
    "body",
    [[], ["a"], "tekst", 12],
)
def test_body_not_an_object_is_400(superuser_client, body):
    response = superuser_client.post(BESLUITEN, body, format="json")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    assert response.json()["invalidParams"]


@pytest.mark.parametrize(
    "field,value",
    [
        ("besluittype", 12),
        ("besluittype", {"url": "x"}),
        ("datum", ["2024-01-01"]),
        ("datum", "01-01-2024"),
        ("vervalreden", ["tijdelijk"]),
        ("vervalreden", "onbekend"),
        ("toelichting", {"a": 1}),
        ("zaak", 5),
        ("zaak", "geen url"),
        ("verantwoordelijkeOrganisatie", ["517439943"]),
        ("vervaldatum", True),
    ],
)
def test_wrong_types_are_400(superuser_client, besluittype_url, field, value):
    response = superuser_client.post(BESLUITEN, besluit_body(besluittype_url, **{field: value}), format="json")
    assert response.status_code == 400, response.content
    assert field in [p["name"] for p in response.json()["invalidParams"]]


def test_non_uuid_path_is_404(superuser_client):
    assert superuser_client.get(f"{BESLUITEN}/123").status_code == 404
    assert superuser_client.get(f"{BESLUITEN}/00000000-0000-4000-8000-000000000000").status_code == 404


def test_unknown_method_is_405(superuser_client):
    assert superuser_client.put(BESLUITEN, {}, format="json").status_code == 405


# ---- brc-001 -----------------------------------------------------------------------------------------------------


def test_brc_001_besluittype_must_be_published(superuser_client, make_besluittype, catalogus):
    concept = make_besluittype(concept=True)
    url = f"http://testserver/catalogi/api/v1/besluittypen/{concept.uuid}"
    response = superuser_client.post(BESLUITEN, besluit_body(url), format="json")
    assert response.status_code == 400
    assert codes(response, "besluittype") == ["not-published"]
    assert not Besluit.objects.exists()


def test_brc_001_besluittype_unknown_local_url(superuser_client):
    url = "http://testserver/catalogi/api/v1/besluittypen/00000000-0000-4000-8000-000000000000"
    response = superuser_client.post(BESLUITEN, besluit_body(url), format="json")
    assert response.status_code == 400
    assert codes(response, "besluittype") == ["does_not_exist"]


def test_brc_001_besluittype_wrong_resource_kind(superuser_client, informatieobjecttype):
    url = f"http://testserver/catalogi/api/v1/informatieobjecttypen/{informatieobjecttype.uuid}"
    response = superuser_client.post(BESLUITEN, besluit_body(url), format="json")
    assert response.status_code == 400
    assert codes(response, "besluittype") == ["bad-url"]


def test_brc_001_remote_besluittype(superuser_client, mocked):
    besluittype = remote_besluittype()
    mocked.get(besluittype["url"], json=besluittype)
    response = superuser_client.post(BESLUITEN, besluit_body(besluittype["url"]), format="json")
    assert response.status_code == 201, response.json().get("invalidParams")
    assert response.json()["besluittype"] == besluittype["url"]
    assert Besluit.objects.get().besluittype_url == besluittype["url"]


def test_brc_001_remote_besluittype_concept(superuser_client, mocked):
    besluittype = remote_besluittype(concept=True)
    mocked.get(besluittype["url"], json=besluittype)
    response = superuser_client.post(BESLUITEN, besluit_body(besluittype["url"]), format="json")
    assert response.status_code == 400
    assert codes(response, "besluittype") == ["not-published"]


def test_brc_001_remote_besluittype_404_is_bad_url(superuser_client, mocked):
    url = "https://catalogi.example.com/api/v1/besluittypen/00000000-0000-4000-8000-000000000001"
    mocked.get(url, status=404)
    response = superuser_client.post(BESLUITEN, besluit_body(url), format="json")
    assert response.status_code == 400
    assert codes(response, "besluittype") == ["bad-url"]


def test_brc_001_remote_besluittype_wrong_shape(superuser_client, mocked):
    url = "https://catalogi.example.com/api/v1/besluittypen/00000000-0000-4000-8000-000000000002"
    mocked.get(url, json={"url": url, "omschrijving": "geen besluittype"})
    response = superuser_client.post(BESLUITEN, besluit_body(url), format="json")
    assert response.status_code == 400
    assert codes(response, "besluittype") == ["invalid-resource"]


def test_brc_001_besluittype_too_long(superuser_client):
    url = "https://catalogi.example.com/" + "x" * 200
    response = superuser_client.post(BESLUITEN, besluit_body(url), format="json")
    assert codes(response, "besluittype") == ["max_length"]


def test_brc_001_besluittype_cannot_change(superuser_client, create_besluit, make_besluittype):
    besluit = create_besluit()
    other = make_besluittype(omschrijving="Ander")
    other_url = f"http://testserver/catalogi/api/v1/besluittypen/{other.uuid}"
    response = superuser_client.patch(besluit["url"], {"besluittype": other_url}, format="json")
    assert response.status_code == 400
    assert codes(response, "besluittype") == ["wijzigen-niet-toegelaten"]
    # the same besluittype again is no change
    same = superuser_client.patch(besluit["url"], {"besluittype": besluit["besluittype"]}, format="json")
    assert same.status_code == 200


# ---- brc-002 -----------------------------------------------------------------------------------------------------


def test_brc_002_identificatie_generated(create_besluit):
    first = create_besluit()
    second = create_besluit()
    assert first["identificatie"] == "BESLUIT-2024-0000000001"
    assert second["identificatie"] == "BESLUIT-2024-0000000002"


def test_brc_002_generated_identificatie_per_organisation_and_year(create_besluit):
    assert create_besluit()["identificatie"] == "BESLUIT-2024-0000000001"
    assert create_besluit(verantwoordelijkeOrganisatie=OTHER_RSIN)["identificatie"] == "BESLUIT-2024-0000000001"
    assert create_besluit(datum="2023-05-05")["identificatie"] == "BESLUIT-2023-0000000001"


def test_brc_002_generated_identificatie_skips_taken_numbers(create_besluit):
    create_besluit(identificatie="BESLUIT-2024-0000000001")
    assert create_besluit()["identificatie"] == "BESLUIT-2024-0000000002"
    assert IdentificatieCounter.objects.get(kind="besluit", organisatie=RSIN, year=2024).last == 2


def test_brc_002_identificatie_unique_per_organisatie(superuser_client, create_besluit, besluittype_url):
    create_besluit(identificatie="B-1")
    response = superuser_client.post(BESLUITEN, besluit_body(besluittype_url, identificatie="B-1"), format="json")
    assert response.status_code == 400
    assert codes(response, "identificatie") == ["identificatie-niet-uniek"]
    # another organisation may use it
    create_besluit(identificatie="B-1", verantwoordelijkeOrganisatie=OTHER_RSIN)


@pytest.mark.parametrize("field,value", [("identificatie", "ANDERS"), ("verantwoordelijkeOrganisatie", OTHER_RSIN)])
def test_brc_002_identificatie_and_organisatie_immutable(superuser_client, create_besluit, field, value):
    besluit = create_besluit()
    response = superuser_client.patch(besluit["url"], {field: value}, format="json")
    assert response.status_code == 400
    assert codes(response, field) == ["wijzigen-niet-toegelaten"]
    put = superuser_client.put(besluit["url"], {**besluit, field: value}, format="json")
    assert put.status_code == 400
    assert codes(put, field) == ["wijzigen-niet-toegelaten"]


@pytest.mark.parametrize(
    "rsin,code", [("12345678a", "only-digits"), ("123456789", "invalid"), ("12345678", "invalid-length")]
)
def test_brc_002_rsin_validated(superuser_client, besluittype_url, rsin, code):
    response = superuser_client.post(
        BESLUITEN, besluit_body(besluittype_url, verantwoordelijkeOrganisatie=rsin), format="json"
    )
    assert response.status_code == 400
    assert code in codes(response, "verantwoordelijkeOrganisatie")


# ---- dates -------------------------------------------------------------------------------------------------------


def test_datum_not_in_future(superuser_client, besluittype_url):
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    response = superuser_client.post(BESLUITEN, besluit_body(besluittype_url, datum=tomorrow), format="json")
    assert response.status_code == 400
    assert codes(response, "datum") == ["future_not_allowed"]
    today = timezone.localdate().isoformat()
    ok = superuser_client.post(BESLUITEN, besluit_body(besluittype_url, datum=today), format="json")
    assert ok.status_code == 201


@pytest.mark.parametrize(
    "overrides,name",
    [
        ({"vervaldatum": "2024-03-01"}, "vervaldatum"),
        ({"publicatiedatum": "2024-02-28"}, "publicatiedatum"),
        ({"verzenddatum": "2024-02-28"}, "verzenddatum"),
        ({"uiterlijkeReactiedatum": "2024-02-28"}, "uiterlijkeReactiedatum"),
        ({"verzenddatum": "2024-03-10", "uiterlijkeReactiedatum": "2024-03-05"}, "uiterlijkeReactiedatum"),
    ],
)
def test_date_order_rules(superuser_client, besluittype_url, overrides, name):
    response = superuser_client.post(BESLUITEN, besluit_body(besluittype_url, **overrides), format="json")
    assert response.status_code == 400
    assert [p["name"] for p in response.json()["invalidParams"]] == [name]


def test_date_order_valid_dates_accepted(superuser_client, besluittype_url):
    body = besluit_body(
        besluittype_url,
        vervaldatum="2024-03-02",
        publicatiedatum="2024-03-01",
        verzenddatum="2024-03-03",
        uiterlijkeReactiedatum="2024-04-14",
        vervalreden="ingetrokken_overheid",
    )
    response = superuser_client.post(BESLUITEN, body, format="json")
    assert response.status_code == 201, response.json().get("invalidParams")


def test_date_order_checked_against_stored_values_on_patch(superuser_client, create_besluit):
    besluit = create_besluit()
    response = superuser_client.patch(besluit["url"], {"vervaldatum": "2024-01-01"}, format="json")
    assert codes(response, "vervaldatum") == ["vervaldatum-voor-ingangsdatum"]


# ---- update ------------------------------------------------------------------------------------------------------


def test_put_and_patch(superuser_client, create_besluit):
    besluit = create_besluit()
    put_body = {k: v for k, v in besluit.items() if k not in ("url", "vervalredenWeergave")}
    put_body.update(toelichting="Nieuw", vervaldatum="2025-01-01", vervalreden="tijdelijk")
    response = superuser_client.put(besluit["url"], put_body, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["toelichting"] == "Nieuw"
    assert response.json()["identificatie"] == besluit["identificatie"]
    patched = superuser_client.patch(besluit["url"], {"vervalreden": ""}, format="json")
    assert patched.status_code == 200
    assert patched.json()["vervalreden"] == ""
    assert patched.json()["toelichting"] == "Nieuw"


def test_put_requires_the_required_fields(superuser_client, create_besluit):
    besluit = create_besluit()
    response = superuser_client.put(besluit["url"], {"toelichting": "x"}, format="json")
    assert response.status_code == 400
    assert set(codes(response)) == {"required"}


# ---- brc-009, audit trail, notifications -------------------------------------------------------------------------


def test_brc_009_delete_removes_besluit_bios_and_audittrail(superuser_client, create_besluit, document):
    besluit = create_besluit()
    bio = superuser_client.post(
        "/besluiten/api/v1/besluitinformatieobjecten",
        {"besluit": besluit["url"], "informatieobject": f"http://testserver/documenten/api/v1/"
         f"enkelvoudiginformatieobjecten/{document.uuid}"},
        format="json",
    )  # fmt: skip
    assert bio.status_code == 201, bio.json()
    besluit_uuid = besluit["url"].rsplit("/", 1)[1]
    assert AuditTrail.objects.filter(hoofd_object_uuid=besluit_uuid).count() == 2

    response = superuser_client.delete(besluit["url"])

    assert response.status_code == 204
    assert not Besluit.objects.exists()
    assert not BesluitInformatieObject.objects.exists()
    assert not AuditTrail.objects.filter(hoofd_object_uuid=besluit_uuid).exists()
    assert superuser_client.get(besluit["url"]).status_code == 404


def test_audittrail_records_every_change(superuser_client, create_besluit):
    besluit = create_besluit()
    superuser_client.patch(besluit["url"], {"toelichting": "gewijzigd"}, format="json", HTTP_X_AUDIT_TOELICHTING="why")
    response = superuser_client.get(f"{besluit['url']}/audittrail")
    assert response.status_code == 200
    entries = response.json()
    assert [e["actie"] for e in entries] == ["create", "partial_update"]
    assert all(e["bron"] == "brc" and e["hoofdObject"] == besluit["url"] for e in entries)
    assert entries[0]["wijzigingen"] == {"oud": None, "nieuw": besluit}
    assert entries[1]["wijzigingen"]["oud"]["toelichting"] == ""
    assert entries[1]["wijzigingen"]["nieuw"]["toelichting"] == "gewijzigd"
    assert entries[1]["toelichting"] == "why"
    assert entries[0]["resourceWeergave"] == besluit["identificatie"]
    detail = superuser_client.get(f"{besluit['url']}/audittrail/{entries[1]['uuid']}")
    assert detail.status_code == 200
    assert detail.json() == entries[1]


def test_audittrail_unknown_besluit_is_404(superuser_client):
    response = superuser_client.get(f"{BESLUITEN}/00000000-0000-4000-8000-000000000000/audittrail")
    assert response.status_code == 404


def test_notifications_on_kanaal_besluiten(superuser_client, create_besluit, besluittype_url):
    besluit = create_besluit()
    superuser_client.patch(besluit["url"], {"toelichting": "x"}, format="json")
    put_body = {k: v for k, v in besluit.items() if k not in ("url", "vervalredenWeergave")}
    superuser_client.put(besluit["url"], put_body, format="json")
    superuser_client.delete(besluit["url"])
    messages = list(OutboxMessage.objects.exclude(kanaal="autorisaties").order_by("id"))
    assert [m.actie for m in messages] == ["create", "partial_update", "update", "destroy"]
    for message in messages:
        assert message.kanaal == "besluiten"
        assert message.resource == "besluit"
        assert message.hoofd_object == besluit["url"] == message.resource_url
        assert message.kenmerken == {"verantwoordelijkeOrganisatie": RSIN, "besluittype": besluittype_url}


def test_failed_write_leaves_no_trace(superuser_client, create_besluit, besluittype_url):
    create_besluit(identificatie="X")
    before = (OutboxMessage.objects.count(), AuditTrail.objects.count(), Besluit.objects.count())
    response = superuser_client.post(BESLUITEN, besluit_body(besluittype_url, identificatie="X"), format="json")
    assert response.status_code == 400
    assert (OutboxMessage.objects.count(), AuditTrail.objects.count(), Besluit.objects.count()) == before
    assert before[2] == 1


# ---- list, filters, pagination -----------------------------------------------------------------------------------


def test_list_filters(superuser_client, create_besluit, make_besluittype, mocked):
    a = create_besluit(identificatie="A")
    b = create_besluit(identificatie="B", verantwoordelijkeOrganisatie=OTHER_RSIN)
    other = make_besluittype(omschrijving="Ander")
    c = create_besluit(besluittype=f"http://testserver/catalogi/api/v1/besluittypen/{other.uuid}")
    remote = remote_besluittype()
    mocked.get(remote["url"], json=remote)
    d = create_besluit(besluittype=remote["url"])

    def urls(query: dict) -> set[str]:
        response = superuser_client.get(BESLUITEN, query)
        assert response.status_code == 200, response.json()
        return {item["url"] for item in response.json()["results"]}

    assert urls({}) == {a["url"], b["url"], c["url"], d["url"]}
    assert urls({"identificatie": "A"}) == {a["url"]}
    assert urls({"verantwoordelijkeOrganisatie": OTHER_RSIN}) == {b["url"]}
    assert urls({"besluittype": a["besluittype"]}) == {a["url"], b["url"]}
    assert urls({"besluittype": remote["url"]}) == {d["url"]}
    assert urls({"zaak": "https://zaken.example.com/api/v1/zaken/00000000-0000-4000-8000-000000000000"}) == set()


@pytest.mark.parametrize(
    "query,name",
    [
        ({"onbekend": "x"}, "nonFieldErrors"),
        ({"besluittype": "geen-url"}, "besluittype"),
        ({"zaak": "geen-url"}, "zaak"),
        ({"besluittype": "http://testserver/besluiten/api/v1/besluiten/00000000-0000-4000-8000-000000000000"},
         "besluittype"),
    ],
)  # fmt: skip
def test_list_bad_filters_are_400(superuser_client, query, name):
    response = superuser_client.get(BESLUITEN, query)
    assert response.status_code == 400
    assert [p["name"] for p in response.json()["invalidParams"]] == [name]


def test_list_is_paginated(superuser_client, create_besluit):
    for _ in range(3):
        create_besluit()
    response = superuser_client.get(BESLUITEN, {"pageSize": 2})
    data = response.json()
    assert data["count"] == 3
    assert len(data["results"]) == 2
    assert data["next"] is not None and data["previous"] is None
    # newest first, stable
    assert data["results"][0]["identificatie"] == "BESLUIT-2024-0000000003"
    assert superuser_client.get(BESLUITEN, {"page": 5}).status_code == 404


@pytest.mark.parametrize("size", [2, 12])
def test_list_query_count_is_constant(superuser_client, create_besluit, django_assert_max_num_queries, size):
    for _ in range(size):
        create_besluit()
    superuser_client.get(BESLUITEN)  # warm the client cache
    with django_assert_max_num_queries(4):
        response = superuser_client.get(BESLUITEN)
    assert len(response.json()["results"]) == size


def test_brc_002_concurrent_duplicate_identificatie_is_400_not_500(
    superuser_client, create_besluit, besluittype_url, monkeypatch
):
    """Two creates with the same identificatie that both pass the pre-check (a race): the database constraint
    catches the second and it is answered as brc-002."""
    from zgw.besluiten import rules

    create_besluit(identificatie="RACE")
    monkeypatch.setattr(rules, "validate_brc_002_identificatie_unique", lambda *args, **kwargs: None)
    response = superuser_client.post(BESLUITEN, besluit_body(besluittype_url, identificatie="RACE"), format="json")
    assert response.status_code == 400
    assert codes(response, "identificatie") == ["identificatie-niet-uniek"]
    assert Besluit.objects.filter(identificatie="RACE").count() == 1


def test_put_without_zaak_keeps_fields_not_sent(superuser_client, create_besluit):
    besluit = create_besluit(toelichting="blijft")
    body = {k: besluit[k] for k in ("verantwoordelijkeOrganisatie", "besluittype", "datum", "ingangsdatum")}
    response = superuser_client.put(besluit["url"], body, format="json")
    assert response.status_code == 200
    assert response.json()["identificatie"] == besluit["identificatie"]
    assert response.json()["toelichting"] == "blijft"


def test_patch_datum_in_future_refused(superuser_client, create_besluit):
    besluit = create_besluit()
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    response = superuser_client.patch(besluit["url"], {"datum": tomorrow, "ingangsdatum": tomorrow}, format="json")
    assert codes(response, "datum") == ["future_not_allowed"]


def test_head_and_options(superuser_client, create_besluit):
    besluit = create_besluit()
    assert superuser_client.head(besluit["url"]).status_code == 200
    assert superuser_client.options(BESLUITEN).status_code == 200
