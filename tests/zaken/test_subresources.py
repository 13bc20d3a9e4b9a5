"""Sub-resources: zaakeigenschappen (zrc-018), zaakbesluiten, detail autorisatie, contactmomenten/verzoeken."""

from __future__ import annotations

import pytest

from tests.catalogi.conftest import make_zaaktype
from zgw.autorisaties.services import AutorisatieData
from zgw.catalogi import models as cm
from zgw.zaken.models import ZaakBesluit

from .conftest import BEGIN, CRS, cat_url, create_zaak, post

pytestmark = pytest.mark.django_db


def _path(url: str) -> str:
    return url.replace("http://testserver", "")


def test_zrc_018_eigenschap_of_other_zaaktype(superuser_client, zaaktype, catalogus):
    other = make_zaaktype(catalogus, concept=False, identificatie="ZT-3")
    eigenschap = cm.Eigenschap.objects.create(
        zaaktype=other,
        naam="x",
        definitie="x",
        formaat="tekst",
        lengte="5",
        kardinaliteit="1",
        datum_begin_geldigheid=BEGIN,
    )
    zaak = create_zaak(superuser_client, zaaktype)
    response = post(
        superuser_client,
        f"zaken/{zaak['uuid']}/zaakeigenschappen",
        {"zaak": zaak["url"], "eigenschap": cat_url("eigenschappen", eigenschap), "waarde": "a"},
    )
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["code"] == "zaaktype-mismatch"


def test_zaakeigenschap_patch_waarde_only(superuser_client, zaaktype, eigenschap):
    zaak = create_zaak(superuser_client, zaaktype)
    created = post(
        superuser_client,
        f"zaken/{zaak['uuid']}/zaakeigenschappen",
        {"zaak": zaak["url"], "eigenschap": cat_url("eigenschappen", eigenschap), "waarde": "20240101"},
    ).json()
    assert created["url"].startswith(f"{zaak['url']}/zaakeigenschappen/")
    patched = superuser_client.patch(_path(created["url"]), {"waarde": "20250101"}, format="json")
    assert patched.status_code == 200, patched.json()
    assert patched.json()["waarde"] == "20250101"
    listed = superuser_client.get(f"/zaken/api/v1/zaken/{zaak['uuid']}/zaakeigenschappen").json()
    assert [e["waarde"] for e in listed] == ["20250101"]


def test_zaakbesluit_remote_stored_and_deleted(superuser_client, zaaktype):
    zaak = create_zaak(superuser_client, zaaktype)
    besluit = "https://brc.example.nl/besluiten/api/v1/besluiten/1"
    created = post(superuser_client, f"zaken/{zaak['uuid']}/besluiten", {"besluit": besluit})
    assert created.status_code == 201, created.json()
    assert created.json()["besluit"] == besluit
    assert superuser_client.delete(_path(created.json()["url"])).status_code == 204
    assert not ZaakBesluit.objects.exists()


@pytest.mark.parametrize("collection", ["rollen", "statussen", "zaakobjecten"])
def test_zrc_006_sub_resource_detail_of_other_zaaktype_is_403(
    make_api_client, superuser_client, zaaktype, catalogus, collection
):
    other = make_zaaktype(catalogus, concept=False, identificatie="ZT-4")
    st = cm.StatusType.objects.create(zaaktype=other, omschrijving="s", volgnummer=1, datum_begin_geldigheid=BEGIN)
    cm.StatusType.objects.create(zaaktype=other, omschrijving="eind", volgnummer=2, datum_begin_geldigheid=BEGIN)
    rt = cm.RolType.objects.create(
        zaaktype=other, omschrijving="r", omschrijving_generiek="initiator", datum_begin_geldigheid=BEGIN
    )
    zaak = create_zaak(superuser_client, other)
    bodies = {
        "rollen": {
            "zaak": zaak["url"],
            "betrokkeneType": "medewerker",
            "roltype": cat_url("roltypen", rt),
            "roltoelichting": "x",
            "betrokkene": "https://e.nl/m/1",
        },
        "statussen": {
            "zaak": zaak["url"],
            "statustype": cat_url("statustypen", st),
            "datumStatusGezet": "2024-03-02T10:00:00Z",
        },
        "zaakobjecten": {"zaak": zaak["url"], "objectType": "pand", "object": "https://bag.example.nl/pand/1"},
    }
    created = post(superuser_client, collection, bodies[collection])
    assert created.status_code == 201, created.json()
    client = make_api_client(
        autorisaties=[
            AutorisatieData(
                component="zrc",
                scopes=["zaken.lezen", "zaken.bijwerken"],
                zaaktype=cat_url("zaaktypen", zaaktype),
                max_vertrouwelijkheidaanduiding="zeer_geheim",
            )
        ]
    )
    assert client.get(_path(created.json()["url"])).status_code == 403
    assert client.get(f"/zaken/api/v1/{collection}").json()["count"] == 0
    assert post(client, collection, bodies[collection]).status_code == 403


def test_contactmoment_and_verzoek(superuser_client, zaaktype, responses_mock):
    for url in ("https://cmc/contactmomenten/1", "https://vrc/verzoeken/1"):
        responses_mock.get(url, json={"url": url})
    responses_mock.post("https://cmc/objectcontactmomenten", json={}, status=201)
    responses_mock.post("https://vrc/objectverzoeken", json={}, status=201)
    zaak = create_zaak(superuser_client, zaaktype)
    cm_ = post(
        superuser_client, "zaakcontactmomenten", {"zaak": zaak["url"], "contactmoment": "https://cmc/contactmomenten/1"}
    )
    vz = post(superuser_client, "zaakverzoeken", {"zaak": zaak["url"], "verzoek": "https://vrc/verzoeken/1"})
    kc = post(superuser_client, "klantcontacten", {"zaak": zaak["url"], "datumtijd": "2024-01-01T10:00:00Z"})
    assert (cm_.status_code, vz.status_code, kc.status_code) == (201, 201, 201)
    assert len(kc.json()["identificatie"]) == 14
    listed = superuser_client.get(f"/zaken/api/v1/zaakcontactmomenten?zaak={zaak['url']}").json()
    assert [i["contactmoment"] for i in listed] == ["https://cmc/contactmomenten/1"]
    assert superuser_client.get("/zaken/api/v1/zaken", **CRS).status_code == 200


def test_rol_max_one_initiator(superuser_client, zaaktype, roltype):
    zaak = create_zaak(superuser_client, zaaktype)
    body = {
        "zaak": zaak["url"],
        "betrokkeneType": "medewerker",
        "roltype": cat_url("roltypen", roltype),
        "roltoelichting": "x",
        "betrokkene": "https://e.nl/m/1",
    }
    assert post(superuser_client, "rollen", body).status_code == 201
    second = post(superuser_client, "rollen", body)
    assert second.status_code == 400
    assert second.json()["invalidParams"][0]["code"] == "max-occurences"


def test_klantcontact_datumtijd_not_in_future(superuser_client, zaaktype):
    zaak = create_zaak(superuser_client, zaaktype)
    response = post(superuser_client, "klantcontacten", {"zaak": zaak["url"], "datumtijd": "2999-01-01T10:00:00Z"})
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["code"] == "future_not_allowed"
