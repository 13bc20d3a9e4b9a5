"""besluit.zaak: brc-006 (ZaakBesluit mirror), brc-007 (besluittype of the zaaktype) and the closed-zaak rule,
against a remote Zaken API (mocked at the HTTP level). Local zaken: see test_zaak_relation_local.py."""

from __future__ import annotations

import json

import pytest

from zgw.besluiten.models import Besluit
from zgw.common.models import AuditTrail, OutboxMessage

from .conftest import BESLUITEN, REMOTE_CATALOGI, besluit_body, remote_besluittype, remote_zaak, remote_zaaktype

pytestmark = pytest.mark.django_db


def codes(response, name: str | None = None) -> list[str]:
    return [p["code"] for p in response.json().get("invalidParams", []) if name is None or p["name"] == name]


def zaakbesluiten(zaak: dict) -> str:
    return f"{zaak['url']}/besluiten"


def test_brc_006_remote_zaak_gets_zaakbesluit(superuser_client, remote_setup, mocked):
    zaak = remote_setup["zaak"]
    zb_url = f"{zaakbesluiten(zaak)}/11111111-1111-4111-8111-111111111111"
    post = mocked.post(zaakbesluiten(zaak), status=201, json={"url": zb_url, "uuid": "x", "besluit": "y"})

    response = superuser_client.post(
        BESLUITEN, besluit_body(remote_setup["besluittype"]["url"], zaak=zaak["url"]), format="json"
    )

    assert response.status_code == 201, response.json()
    assert response.json()["zaak"] == zaak["url"]
    assert post.call_count == 1
    assert json.loads(post.calls[0].request.body) == {"besluit": response.json()["url"]}
    besluit = Besluit.objects.get()
    assert (besluit.zaak_url, besluit.zaakbesluit_url) == (zaak["url"], zb_url)
    assert OutboxMessage.objects.filter(kanaal="besluiten", actie="create").count() == 1


def test_brc_006_remote_failure_is_pending_relations_and_leaves_nothing(superuser_client, remote_setup, mocked):
    zaak = remote_setup["zaak"]
    mocked.post(zaakbesluiten(zaak), status=403, json={"code": "permission_denied"})

    response = superuser_client.post(
        BESLUITEN, besluit_body(remote_setup["besluittype"]["url"], zaak=zaak["url"]), format="json"
    )

    assert response.status_code == 400
    assert codes(response, "zaak") == ["pending-relations"]
    assert not Besluit.objects.exists()
    assert not OutboxMessage.objects.filter(kanaal="besluiten").exists()
    assert not AuditTrail.objects.filter(bron="brc").exists()


def test_brc_006_zaak_may_change_and_mirror_moves(superuser_client, remote_setup, mocked):
    """DECISIONS.md: besluit.zaak may change; the old ZaakBesluit is deleted, a new one created."""
    old = remote_setup["zaak"]
    new = remote_zaak(remote_setup["zaaktype"]["url"])
    mocked.get(new["url"], json=new)
    old_zb = f"{zaakbesluiten(old)}/aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa"
    new_zb = f"{zaakbesluiten(new)}/bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb"
    mocked.post(zaakbesluiten(old), status=201, json={"url": old_zb})
    post_new = mocked.post(zaakbesluiten(new), status=201, json={"url": new_zb})
    delete_old = mocked.delete(old_zb, status=204)
    besluit = superuser_client.post(
        BESLUITEN, besluit_body(remote_setup["besluittype"]["url"], zaak=old["url"]), format="json"
    ).json()

    response = superuser_client.patch(besluit["url"], {"zaak": new["url"]}, format="json")

    assert response.status_code == 200, response.json()
    assert response.json()["zaak"] == new["url"]
    assert delete_old.call_count == 1
    assert post_new.call_count == 1
    assert Besluit.objects.get().zaakbesluit_url == new_zb


def test_brc_006_zaak_cleared_deletes_mirror(superuser_client, remote_setup, mocked):
    zaak = remote_setup["zaak"]
    zb = f"{zaakbesluiten(zaak)}/aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa"
    mocked.post(zaakbesluiten(zaak), status=201, json={"url": zb})
    delete = mocked.delete(zb, status=204)
    besluit = superuser_client.post(
        BESLUITEN, besluit_body(remote_setup["besluittype"]["url"], zaak=zaak["url"]), format="json"
    ).json()

    response = superuser_client.patch(besluit["url"], {"zaak": ""}, format="json")

    assert response.status_code == 200
    assert response.json()["zaak"] == ""
    assert delete.call_count == 1
    assert Besluit.objects.get().zaak_url == ""


def test_brc_006_change_failure_restores_old_zaak(superuser_client, remote_setup, mocked):
    old = remote_setup["zaak"]
    new = remote_zaak(remote_setup["zaaktype"]["url"])
    mocked.get(new["url"], json=new)
    old_zb = f"{zaakbesluiten(old)}/aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa"
    recreate = mocked.post(zaakbesluiten(old), status=201, json={"url": old_zb})
    mocked.delete(old_zb, status=204)
    mocked.post(zaakbesluiten(new), status=500)
    besluit = superuser_client.post(
        BESLUITEN, besluit_body(remote_setup["besluittype"]["url"], zaak=old["url"]), format="json"
    ).json()

    response = superuser_client.patch(besluit["url"], {"zaak": new["url"], "toelichting": "x"}, format="json")

    assert response.status_code == 400
    assert codes(response, "zaak") == ["pending-relations"]
    stored = Besluit.objects.get()
    assert (stored.zaak_url, stored.toelichting) == (old["url"], "")
    assert recreate.call_count == 2  # created on POST, re-created when undoing the delete
    assert not OutboxMessage.objects.filter(kanaal="besluiten", actie="partial_update").exists()


def test_brc_009_delete_besluit_deletes_remote_zaakbesluit(superuser_client, remote_setup, mocked):
    zaak = remote_setup["zaak"]
    zb = f"{zaakbesluiten(zaak)}/aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa"
    mocked.post(zaakbesluiten(zaak), status=201, json={"url": zb})
    delete = mocked.delete(zb, status=204)
    besluit = superuser_client.post(
        BESLUITEN, besluit_body(remote_setup["besluittype"]["url"], zaak=zaak["url"]), format="json"
    ).json()

    assert superuser_client.delete(besluit["url"]).status_code == 204

    assert delete.call_count == 1
    assert not Besluit.objects.exists()
    assert OutboxMessage.objects.filter(kanaal="besluiten", actie="destroy").count() == 1


def test_brc_009_remote_zaakbesluit_delete_failure_restores(superuser_client, remote_setup, mocked):
    zaak = remote_setup["zaak"]
    zb = f"{zaakbesluiten(zaak)}/aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa"
    mocked.post(zaakbesluiten(zaak), status=201, json={"url": zb})
    mocked.delete(zb, status=500)
    besluit = superuser_client.post(
        BESLUITEN, besluit_body(remote_setup["besluittype"]["url"], zaak=zaak["url"]), format="json"
    ).json()

    response = superuser_client.delete(besluit["url"])

    assert response.status_code == 400
    assert codes(response, "zaak") == ["pending-relations"]
    assert superuser_client.get(besluit["url"]).json() == besluit
    assert [e["actie"] for e in superuser_client.get(f"{besluit['url']}/audittrail").json()] == ["create"]


def test_brc_007_besluittype_not_in_zaaktype(superuser_client, remote_setup, mocked):
    other = remote_besluittype()
    mocked.get(other["url"], json=other)
    response = superuser_client.post(
        BESLUITEN, besluit_body(other["url"], zaak=remote_setup["zaak"]["url"]), format="json"
    )
    assert response.status_code == 400
    assert codes(response, "nonFieldErrors") == ["zaaktype-mismatch"]
    assert not Besluit.objects.exists()


def test_brc_007_local_besluittype_with_remote_zaaktype_is_mismatch(superuser_client, besluittype_url, mocked):
    zaaktype = remote_zaaktype([besluittype_url])  # even when it (wrongly) lists our besluittype
    zaak = remote_zaak(zaaktype["url"])
    mocked.get(zaaktype["url"], json=zaaktype)
    mocked.get(zaak["url"], json=zaak)
    response = superuser_client.post(BESLUITEN, besluit_body(besluittype_url, zaak=zaak["url"]), format="json")
    assert response.status_code == 400
    assert codes(response, "nonFieldErrors") == ["zaaktype-mismatch"]


def test_brc_007_checked_when_zaak_changes(superuser_client, remote_setup, mocked, create_besluit):
    other_zaaktype = remote_zaaktype([f"{REMOTE_CATALOGI}/besluittypen/iets-anders"])
    other_zaak = remote_zaak(other_zaaktype["url"])
    mocked.get(other_zaaktype["url"], json=other_zaaktype)
    mocked.get(other_zaak["url"], json=other_zaak)
    besluit = create_besluit(besluittype=remote_setup["besluittype"]["url"])
    response = superuser_client.patch(besluit["url"], {"zaak": other_zaak["url"]}, format="json")
    assert codes(response, "nonFieldErrors") == ["zaaktype-mismatch"]


def test_brc_007_unreachable_zaaktype(superuser_client, remote_setup, mocked):
    zaak = remote_zaak(f"{REMOTE_CATALOGI}/zaaktypen/weg")
    mocked.get(zaak["url"], json=zaak)
    mocked.get(f"{REMOTE_CATALOGI}/zaaktypen/weg", status=404)
    response = superuser_client.post(
        BESLUITEN, besluit_body(remote_setup["besluittype"]["url"], zaak=zaak["url"]), format="json"
    )
    assert response.status_code == 400
    assert codes(response, "zaak") == ["bad-url"]


def test_zaak_url_validated(superuser_client, besluittype_url, mocked):
    url = "https://zaken.example.com/api/v1/zaken/00000000-0000-4000-8000-000000000000"
    mocked.get(url, status=404)
    response = superuser_client.post(BESLUITEN, besluit_body(besluittype_url, zaak=url), format="json")
    assert codes(response, "zaak") == ["bad-url"]
    mocked.replace("GET", url, json={"url": url})
    response = superuser_client.post(BESLUITEN, besluit_body(besluittype_url, zaak=url), format="json")
    assert codes(response, "zaak") == ["invalid-resource"]
    too_long = "https://zaken.example.com/" + "z" * 200
    response = superuser_client.post(BESLUITEN, besluit_body(besluittype_url, zaak=too_long), format="json")
    assert codes(response, "zaak") == ["max_length"]


def test_filter_on_remote_zaak(superuser_client, remote_setup, mocked, create_besluit):
    zaak = remote_setup["zaak"]
    mocked.post(zaakbesluiten(zaak), status=201, json={"url": f"{zaakbesluiten(zaak)}/1"})
    linked = create_besluit(besluittype=remote_setup["besluittype"]["url"], zaak=zaak["url"])
    create_besluit(besluittype=remote_setup["besluittype"]["url"])
    results = superuser_client.get(BESLUITEN, {"zaak": zaak["url"]}).json()["results"]
    assert [r["url"] for r in results] == [linked["url"]]


# ---- closed zaak ([OZ], zrc-007) ---------------------------------------------------------------------------------


def test_closed_zaak_needs_geforceerd_bijwerken(make_api_client, remote_setup, mocked):
    from zgw.autorisaties.services import AutorisatieData

    zaak = remote_zaak(remote_setup["zaaktype"]["url"], einddatum="2024-02-01")
    mocked.get(zaak["url"], json=zaak)
    mocked.post(zaakbesluiten(zaak), status=201, json={"url": f"{zaakbesluiten(zaak)}/1"})
    brc = AutorisatieData(
        component="brc", scopes=["besluiten.aanmaken"], besluittype=remote_setup["besluittype"]["url"]
    )
    client = make_api_client(autorisaties=[brc])
    body = besluit_body(remote_setup["besluittype"]["url"], zaak=zaak["url"])
    assert client.post(BESLUITEN, body, format="json").status_code == 403

    forced = make_api_client(
        autorisaties=[
            brc,
            AutorisatieData(
                component="zrc", scopes=["zaken.geforceerd-bijwerken"], zaaktype=remote_setup["zaaktype"]["url"],
                max_vertrouwelijkheidaanduiding="openbaar",
            ),
        ]
    )  # fmt: skip
    assert forced.post(BESLUITEN, body, format="json").status_code == 201
