"""besluit.zaak with a zaak of this server: brc-006 (ZaakBesluit mirror through zgw.zaken.services in the same
transaction), brc-007 and brc-009. Skipped while the Zaken app has no Zaak model (built in parallel)."""

from __future__ import annotations

import datetime

import pytest
from django.apps import apps

from zgw.besluiten.models import Besluit, has_local_zaak

from .conftest import BESLUITEN, RSIN, besluit_body, local_url

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not has_local_zaak(), reason="zgw.zaken.models.Zaak / Besluit.zaak not available yet"),
]

CRS = {"HTTP_ACCEPT_CRS": "EPSG:4326", "HTTP_CONTENT_CRS": "EPSG:4326"}


def codes(response, name: str | None = None) -> list[str]:
    return [p["code"] for p in response.json().get("invalidParams", []) if name is None or p["name"] == name]


@pytest.fixture
def make_zaak(superuser_client, zaaktype):
    def factory(zt=None) -> dict:
        response = superuser_client.post(
            "/zaken/api/v1/zaken",
            {
                "bronorganisatie": RSIN,
                "verantwoordelijkeOrganisatie": RSIN,
                "zaaktype": local_url("catalogi", "zaaktypen", zt or zaaktype),
                "startdatum": "2024-01-01",
            },
            format="json",
            **CRS,
        )
        assert response.status_code == 201, response.json()
        return response.json()

    return factory


def zaakbesluiten(zaak_url: str):
    zaak_besluit = apps.get_model("zaken", "ZaakBesluit")
    return zaak_besluit.objects.filter(zaak__uuid=zaak_url.rsplit("/", 1)[1])


def test_brc_006_local_zaak_gets_zaakbesluit(superuser_client, besluittype_url, make_zaak):
    zaak = make_zaak()
    response = superuser_client.post(BESLUITEN, besluit_body(besluittype_url, zaak=zaak["url"]), format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["zaak"] == zaak["url"]
    besluit = Besluit.objects.get()
    assert besluit.zaak is not None and besluit.zaak_url == ""
    assert zaakbesluiten(zaak["url"]).count() == 1
    listed = superuser_client.get(f"{zaak['url']}/besluiten").json()
    assert [item["besluit"] for item in listed] == [response.json()["url"]]


def test_brc_006_local_zaak_change_moves_mirror(superuser_client, besluittype_url, make_zaak):
    first, second = make_zaak(), make_zaak()
    besluit = superuser_client.post(BESLUITEN, besluit_body(besluittype_url, zaak=first["url"]), format="json").json()
    response = superuser_client.patch(besluit["url"], {"zaak": second["url"]}, format="json")
    assert response.status_code == 200, response.json()
    assert zaakbesluiten(first["url"]).count() == 0
    assert zaakbesluiten(second["url"]).count() == 1
    cleared = superuser_client.patch(besluit["url"], {"zaak": ""}, format="json")
    assert cleared.status_code == 200
    assert zaakbesluiten(second["url"]).count() == 0


def test_brc_007_local_zaaktype_without_besluittype(superuser_client, make_besluittype, make_zaak):
    other = make_besluittype(omschrijving="Niet bij dit zaaktype")
    zaak = make_zaak()
    response = superuser_client.post(
        BESLUITEN, besluit_body(local_url("catalogi", "besluittypen", other), zaak=zaak["url"]), format="json"
    )
    assert response.status_code == 400
    assert codes(response, "nonFieldErrors") == ["zaaktype-mismatch"]
    assert zaakbesluiten(zaak["url"]).count() == 0


def test_brc_007_remote_besluittype_with_local_zaak(superuser_client, make_zaak, mocked):
    from .conftest import remote_besluittype

    besluittype = remote_besluittype()
    mocked.get(besluittype["url"], json=besluittype)
    response = superuser_client.post(
        BESLUITEN, besluit_body(besluittype["url"], zaak=make_zaak()["url"]), format="json"
    )
    assert codes(response, "nonFieldErrors") == ["zaaktype-mismatch"]


def test_brc_009_delete_removes_local_zaakbesluit(superuser_client, besluittype_url, make_zaak):
    zaak = make_zaak()
    besluit = superuser_client.post(BESLUITEN, besluit_body(besluittype_url, zaak=zaak["url"]), format="json").json()
    assert superuser_client.delete(besluit["url"]).status_code == 204
    assert zaakbesluiten(zaak["url"]).count() == 0


def test_filter_on_local_zaak(superuser_client, besluittype_url, make_zaak, create_besluit):
    zaak = make_zaak()
    linked = create_besluit(zaak=zaak["url"])
    create_besluit()
    results = superuser_client.get(BESLUITEN, {"zaak": zaak["url"]}).json()["results"]
    assert [r["url"] for r in results] == [linked["url"]]


def test_closed_local_zaak_needs_geforceerd_bijwerken(make_api_client, besluittype_url, make_zaak, zaaktype):
    from zgw.autorisaties.services import AutorisatieData

    zaak = make_zaak()
    apps.get_model("zaken", "Zaak").objects.filter(uuid=zaak["url"].rsplit("/", 1)[1]).update(
        einddatum=datetime.date(2024, 2, 1)
    )
    brc = AutorisatieData(component="brc", scopes=["besluiten.aanmaken"], besluittype=besluittype_url)
    body = besluit_body(besluittype_url, zaak=zaak["url"])
    assert make_api_client(autorisaties=[brc]).post(BESLUITEN, body, format="json").status_code == 403
    forced = AutorisatieData(
        component="zrc",
        scopes=["zaken.geforceerd-bijwerken"],
        zaaktype=local_url("catalogi", "zaaktypen", zaaktype),
        max_vertrouwelijkheidaanduiding="zeer_geheim",
    )
    assert make_api_client(autorisaties=[brc, forced]).post(BESLUITEN, body, format="json").status_code == 201


def test_brc_007_other_version_of_listed_besluittype_is_allowed(superuser_client, make_besluittype, make_zaak):
    """Catalogi relations are version-independent (by omschrijving within the catalogus)."""
    newer = make_besluittype(omschrijving="Vergunning")  # same omschrijving as the zaaktype's besluittype
    response = superuser_client.post(
        BESLUITEN, besluit_body(local_url("catalogi", "besluittypen", newer), zaak=make_zaak()["url"]), format="json"
    )
    assert response.status_code == 201, response.json()


def test_expand_local_zaak(superuser_client, besluittype_url, make_zaak, create_besluit):
    zaak = make_zaak()
    besluit = create_besluit(zaak=zaak["url"])
    expanded = superuser_client.get(besluit["url"], {"expand": "zaak"}).json()["_expand"]["zaak"]
    assert expanded["url"] == zaak["url"]


def test_brc_006_zaakbesluit_changes_reach_the_zaak_audit_trail(superuser_client, besluittype_url, make_zaak):
    zaak = make_zaak()
    other = make_zaak()
    created = superuser_client.post(BESLUITEN, besluit_body(besluittype_url, zaak=zaak["url"]), format="json")
    assert created.status_code == 201, created.json()
    besluit_url = created.json()["url"]

    def zaakbesluit_entries(zaak_url: str) -> list[tuple[str, str]]:
        trail = superuser_client.get(f"{zaak_url}/audittrail", **CRS).json()
        return [(entry["actie"], entry["wijzigingen"]["nieuw"] or entry["wijzigingen"]["oud"])
                for entry in trail if entry["resource"] == "zaakbesluit"]

    [(actie, body)] = zaakbesluit_entries(zaak["url"])
    assert actie == "create" and body["besluit"] == besluit_url

    moved = superuser_client.patch(besluit_url, {"zaak": other["url"]}, format="json")
    assert moved.status_code == 200, moved.json()
    assert [a for a, _ in zaakbesluit_entries(zaak["url"])] == ["create", "destroy"]
    assert [a for a, _ in zaakbesluit_entries(other["url"])] == ["create"]
