"""Besluiten 1.1.0 ``expand`` (served on top of 1.0.2): besluittype, zaak, informatieobject, besluit."""

from __future__ import annotations

import pytest

from zgw.autorisaties.services import AutorisatieData

from .conftest import BESLUITEN, BIOS, local_url, remote_besluittype

pytestmark = pytest.mark.django_db


def test_without_expand_the_body_is_1_0_2(superuser_client, create_besluit):
    besluit = create_besluit()
    assert "_expand" not in superuser_client.get(besluit["url"]).json()
    assert "_expand" not in superuser_client.get(BESLUITEN).json()["results"][0]


def test_expand_besluittype_local(superuser_client, create_besluit, besluittype_url):
    besluit = create_besluit()
    data = superuser_client.get(besluit["url"], {"expand": "besluittype"}).json()
    assert data["_expand"]["besluittype"]["url"] == besluittype_url
    assert data["_expand"]["besluittype"]["omschrijving"] == "Vergunning"
    listed = superuser_client.get(BESLUITEN, {"expand": "besluittype,zaak"}).json()["results"][0]
    assert listed["_expand"]["besluittype"]["url"] == besluittype_url
    assert listed["_expand"]["zaak"] == {}


def test_expand_remote_besluittype_and_zaak(superuser_client, remote_setup, mocked, create_besluit):
    zaak = remote_setup["zaak"]
    mocked.post(f"{zaak['url']}/besluiten", status=201, json={"url": f"{zaak['url']}/besluiten/1"})
    besluit = create_besluit(besluittype=remote_setup["besluittype"]["url"], zaak=zaak["url"])
    data = superuser_client.get(besluit["url"], {"expand": "zaak,besluittype"}).json()
    assert data["_expand"] == {"besluittype": remote_setup["besluittype"], "zaak": zaak}


def test_expand_invalid_field_is_400(superuser_client, create_besluit):
    besluit = create_besluit()
    for path, query in ((besluit["url"], "informatieobject"), (BESLUITEN, "zaak.onbekend"), (BIOS, "besluittype")):
        response = superuser_client.get(path, {"expand": query})
        assert response.status_code == 400
        assert response.json()["invalidParams"][0] == {
            "name": "expand",
            "code": "invalid-expand-field",
            "reason": response.json()["invalidParams"][0]["reason"],
        }


def test_expand_bio(superuser_client, create_besluit, document, besluittype_url):
    besluit = create_besluit()
    eio = local_url("documenten", "enkelvoudiginformatieobjecten", document)
    bio = superuser_client.post(BIOS, {"besluit": besluit["url"], "informatieobject": eio}, format="json").json()
    data = superuser_client.get(bio["url"], {"expand": "besluit.besluittype,informatieobject"}).json()
    assert data["_expand"]["besluit"]["url"] == besluit["url"]
    assert data["_expand"]["besluit"]["_expand"]["besluittype"]["url"] == besluittype_url
    assert "zaak" not in data["_expand"]["besluit"]["_expand"]
    # the identity row has no version in these tests: an unreadable document expands to {}
    assert data["_expand"]["informatieobject"] == {}
    listed = superuser_client.get(BIOS, {"expand": "besluit"}).json()
    assert listed[0]["_expand"]["besluit"] == {k: v for k, v in besluit.items()}


def test_expand_needs_read_rights_in_the_other_component(make_api_client, create_besluit, besluittype_url, mocked):
    besluit = create_besluit()
    brc_only = make_api_client(
        autorisaties=[AutorisatieData(component="brc", scopes=["besluiten.lezen"], besluittype=besluittype_url)]
    )
    assert brc_only.get(besluit["url"], {"expand": "besluittype"}).json()["_expand"] == {"besluittype": {}}
    with_ztc = make_api_client(
        autorisaties=[
            AutorisatieData(component="brc", scopes=["besluiten.lezen"], besluittype=besluittype_url),
            AutorisatieData(component="ztc", scopes=["catalogi.lezen"]),
        ]
    )
    expanded = with_ztc.get(besluit["url"], {"expand": "besluittype"}).json()["_expand"]["besluittype"]
    assert expanded["url"] == besluittype_url


def test_expand_remote_unreachable_is_empty(superuser_client, mocked, create_besluit):
    besluittype = remote_besluittype()
    mocked.get(besluittype["url"], json=besluittype)
    besluit = create_besluit(besluittype=besluittype["url"])
    from django.core.cache import cache

    cache.clear()
    mocked.replace("GET", besluittype["url"], status=503)
    assert superuser_client.get(besluit["url"], {"expand": "besluittype"}).json()["_expand"] == {"besluittype": {}}


def test_expand_informatieobject_of_a_real_document(superuser_client, create_besluit, settings, tmp_path):
    """A document made through the Documenten API expands to its Documenten representation."""
    import base64

    from zgw.catalogi.models import InformatieObjectType

    settings.MEDIA_ROOT = str(tmp_path / "media")
    iot = InformatieObjectType.objects.get()
    created = superuser_client.post(
        "/documenten/api/v1/enkelvoudiginformatieobjecten",
        {
            "bronorganisatie": "517439943",
            "creatiedatum": "2024-03-01",
            "titel": "Besluitbrief",
            "auteur": "Ambtenaar",
            "taal": "dut",
            "informatieobjecttype": local_url("catalogi", "informatieobjecttypen", iot),
            "inhoud": base64.b64encode(b"besluit").decode(),
            "bestandsnaam": "besluit.txt",
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    besluit = create_besluit()
    bio = superuser_client.post(
        BIOS, {"besluit": besluit["url"], "informatieobject": created.json()["url"]}, format="json"
    ).json()
    data = superuser_client.get(bio["url"], {"expand": "informatieobject"}).json()
    assert data["_expand"]["informatieobject"]["url"] == created.json()["url"]
    assert data["_expand"]["informatieobject"]["titel"] == "Besluitbrief"
