"""Per rule id: the request a standard client makes with ONLY the fields the newest OAS requires, and the documented
outcome. A new required field or a stricter check breaks one of these tests.

Required fields per the newest documents (zaken-1.7.0, catalogi-1.3.3, autorisaties-1.1.0, notificaties-1.0.1),
request side (readOnly fields left out).
"""

from __future__ import annotations

import datetime

import pytest

from tests.zaken.conftest import CRS, RSIN, cat_url, post
from zgw.zaken.models import Zaak

pytestmark = pytest.mark.django_db

AC = "/autorisaties/api/v1"
CAT = "/catalogi/api/v1"
NRC = "/notificaties/api/v1"


def _codes(response) -> set[tuple[str, str]]:
    return {(p["name"], p["code"]) for p in response.json().get("invalidParams", [])}


def _zaak(client, zaaktype, **extra):
    """Zaken 1.7.0 ZaakRequest: bronorganisatie, verantwoordelijkeOrganisatie, startdatum, zaaktype."""
    body = {
        "bronorganisatie": RSIN,
        "verantwoordelijkeOrganisatie": RSIN,
        "startdatum": "2024-03-01",
        "zaaktype": cat_url("zaaktypen", zaaktype),
        **extra,
    }
    return post(client, "zaken", body)


# --- Zaken -------------------------------------------------------------------------------------------------------


def test_zrc_001_minimal_zaak_with_a_published_zaaktype(superuser_client, zaaktype):
    response = _zaak(superuser_client, zaaktype)
    assert response.status_code == 201, response.json()


def test_zrc_001_unknown_zaaktype_is_refused(superuser_client, zaaktype):
    response = post(
        superuser_client,
        "zaken",
        {
            "bronorganisatie": RSIN,
            "verantwoordelijkeOrganisatie": RSIN,
            "startdatum": "2024-03-01",
            "zaaktype": f"http://testserver{CAT}/zaaktypen/00000000-0000-0000-0000-000000000000",
        },
    )
    assert response.status_code == 400
    assert {name for name, _ in _codes(response)} == {"zaaktype"}


def test_zrc_002_identificatie_generated_and_unique(superuser_client, zaaktype):
    first = _zaak(superuser_client, zaaktype).json()
    assert first["identificatie"].startswith("ZAAK-2024-")  # the year of the startdatum
    duplicate = _zaak(superuser_client, zaaktype, identificatie=first["identificatie"])
    assert duplicate.status_code == 400
    assert ("identificatie", "identificatie-niet-uniek") in _codes(duplicate)


def test_zrc_009_vertrouwelijkheidaanduiding_from_the_zaaktype(superuser_client, zaaktype):
    body = _zaak(superuser_client, zaaktype).json()
    assert body["vertrouwelijkheidaanduiding"] == zaaktype.vertrouwelijkheidaanduiding


def test_zrc_007_minimal_status_resultaat_and_eindstatus_close_the_zaak(
    superuser_client, zaaktype, statustypen, resultaattype
):
    zaak = _zaak(superuser_client, zaaktype).json()
    # StatusRequest: zaak, statustype, datumStatusGezet; ResultaatRequest: zaak, resultaattype
    first = post(
        superuser_client,
        "statussen",
        {
            "zaak": zaak["url"],
            "statustype": cat_url("statustypen", statustypen[0]),
            "datumStatusGezet": "2024-03-02T10:00:00Z",
        },
    )
    assert first.status_code == 201, first.json()
    resultaat = post(
        superuser_client, "resultaten", {"zaak": zaak["url"], "resultaattype": cat_url("resultaattypen", resultaattype)}
    )
    assert resultaat.status_code == 201, resultaat.json()
    eind = post(
        superuser_client,
        "statussen",
        {
            "zaak": zaak["url"],
            "statustype": cat_url("statustypen", statustypen[1]),
            "datumStatusGezet": "2024-03-04T10:00:00Z",
        },
    )
    assert eind.status_code == 201, eind.json()
    assert Zaak.objects.get().einddatum == datetime.date(2024, 3, 4)


def test_zrc_019_minimal_rol(superuser_client, zaaktype, roltype):
    """RolRequest: zaak, roltype, betrokkeneType, roltoelichting, plus one of betrokkene / betrokkeneIdentificatie
    (the reference implementation's `invalid-betrokkene` check)."""
    zaak = _zaak(superuser_client, zaaktype).json()
    response = post(
        superuser_client,
        "rollen",
        {
            "zaak": zaak["url"],
            "roltype": cat_url("roltypen", roltype),
            "betrokkeneType": "natuurlijk_persoon",
            "roltoelichting": "aanvrager",
            "betrokkene": "https://personen.example.com/api/v1/personen/1",
        },
    )
    assert response.status_code == 201, response.json()["invalidParams"]
    assert response.json()["omschrijvingGeneriek"] == "initiator"


def test_zrc_018_minimal_zaakeigenschap(superuser_client, zaaktype, eigenschap):
    """ZaakEigenschapRequest: zaak, eigenschap, waarde."""
    zaak = _zaak(superuser_client, zaaktype).json()
    response = post(
        superuser_client,
        f"zaken/{zaak['uuid']}/zaakeigenschappen",
        {"zaak": zaak["url"], "eigenschap": cat_url("eigenschappen", eigenschap), "waarde": "20240101"},
    )
    assert response.status_code == 201, response.json()
    assert response.json()["naam"] == "datum"


def test_zrc_006_minimal_list_and_retrieve(superuser_client, zaaktype):
    zaak = _zaak(superuser_client, zaaktype).json()
    assert superuser_client.get("/zaken/api/v1/zaken", **CRS).json()["count"] == 1
    assert superuser_client.get(zaak["url"], **CRS).status_code == 200


# --- Catalogi ----------------------------------------------------------------------------------------------------


def test_ztc_012_publish_a_zaaktype_created_with_only_the_required_fields(superuser_client, catalogus):
    """ZaakTypeCreate (1.3.3) required: no deelzaaktypen, no versiedatum (the VNG collection's set-up request)."""
    body = {
        "identificatie": "ZT-MIN",
        "omschrijving": "Minimaal",
        "vertrouwelijkheidaanduiding": "openbaar",
        "doel": "doel",
        "aanleiding": "aanleiding",
        "indicatieInternOfExtern": "extern",
        "handelingInitiator": "aanvragen",
        "onderwerp": "onderwerp",
        "handelingBehandelaar": "behandelen",
        "doorlooptijd": "P30D",
        "opschortingEnAanhoudingMogelijk": False,
        "verlengingMogelijk": False,
        "publicatieIndicatie": False,
        "productenOfDiensten": [],
        "referentieproces": {"naam": "proces"},
        "verantwoordelijke": "afdeling",
        "catalogus": f"http://testserver{CAT}/catalogussen/{catalogus.uuid}",
        "besluittypen": [],
        "gerelateerdeZaaktypen": [],
        "beginGeldigheid": "2024-01-01",
    }
    created = superuser_client.post(f"{CAT}/zaaktypen", body, format="json")
    assert created.status_code == 201, created.json()
    published = superuser_client.post(f"{created.json()['url']}/publish")
    assert published.status_code == 200, published.json()
    assert published.json()["concept"] is False


# --- Autorisaties ------------------------------------------------------------------------------------------------


def test_ac_002_minimal_applicatie_with_heeft_alle_autorisaties(superuser_client):
    response = superuser_client.post(
        f"{AC}/applicaties", {"clientIds": ["min-1"], "label": "Min", "heeftAlleAutorisaties": True}, format="json"
    )
    assert response.status_code == 201, response.json()


def test_ac_002_neither_autorisaties_nor_heeft_alle(superuser_client):
    response = superuser_client.post(f"{AC}/applicaties", {"clientIds": ["min-2"], "label": "Min"}, format="json")
    assert response.status_code == 400
    assert ("nonFieldErrors", "missing-authorizations") in _codes(response)


def test_ac_001_client_id_used_twice(superuser_client):
    body = {"clientIds": ["min-3"], "label": "Min", "heeftAlleAutorisaties": True}
    assert superuser_client.post(f"{AC}/applicaties", body, format="json").status_code == 201
    again = superuser_client.post(f"{AC}/applicaties", {**body, "label": "Ander"}, format="json")
    assert again.status_code == 400
    assert ("clientIds", "clientId-exists") in _codes(again)


def test_ac_002_both_autorisaties_and_heeft_alle(superuser_client):
    autorisatie = {"component": "nrc", "scopes": ["notificaties.consumeren"]}
    body = {"clientIds": ["min-6"], "label": "Min", "heeftAlleAutorisaties": True, "autorisaties": [autorisatie]}
    response = superuser_client.post(f"{AC}/applicaties", body, format="json")
    assert response.status_code == 400
    assert ("nonFieldErrors", "ambiguous-authorizations-specified") in _codes(response)


@pytest.mark.parametrize(
    ("autorisatie", "missing"),
    [
        ({"component": "zrc", "scopes": ["zaken.lezen"]}, {"zaaktype", "maxVertrouwelijkheidaanduiding"}),
        (
            {"component": "drc", "scopes": ["documenten.lezen"]},
            {"informatieobjecttype", "maxVertrouwelijkheidaanduiding"},
        ),
        ({"component": "brc", "scopes": ["besluiten.lezen"]}, {"besluittype"}),
    ],
    ids=["zrc", "drc", "brc"],
)
def test_ac_003_type_fields_required_per_component(superuser_client, autorisatie, missing):
    body = {"clientIds": ["min-7"], "label": "Min", "autorisaties": [autorisatie]}
    response = superuser_client.post(f"{AC}/applicaties", body, format="json")
    assert response.status_code == 400
    assert {(f"autorisaties.0.{field}", "required") for field in missing} <= _codes(response)


def test_ac_003_minimal_zrc_autorisatie(superuser_client, zaaktype):
    """Autorisatie (1.1.0) required: component, scopes; zaaktype and maxVertrouwelijkheidaanduiding by ac-003."""
    autorisatie = {
        "component": "zrc",
        "scopes": ["zaken.lezen"],
        "zaaktype": cat_url("zaaktypen", zaaktype),
        "maxVertrouwelijkheidaanduiding": "openbaar",
    }
    response = superuser_client.post(
        f"{AC}/applicaties", {"clientIds": ["min-4"], "label": "Min", "autorisaties": [autorisatie]}, format="json"
    )
    assert response.status_code == 201, response.json()


def test_ac_003_component_without_type_rules_needs_only_component_and_scopes(superuser_client):
    autorisatie = {"component": "nrc", "scopes": ["notificaties.consumeren"]}
    response = superuser_client.post(
        f"{AC}/applicaties", {"clientIds": ["min-5"], "label": "Min", "autorisaties": [autorisatie]}, format="json"
    )
    assert response.status_code == 201, response.json()


# --- Notificaties ------------------------------------------------------------------------------------------------


def test_nrc_minimal_kanaal(superuser_client):
    """KanaalRequest (1.0.1) required: naam."""
    response = superuser_client.post(f"{NRC}/kanaal", {"naam": "minimaal"}, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["filters"] == []


# --- Documenten --------------------------------------------------------------------------------------------------


def test_drc_001_drc_007_minimal_document(superuser_client, iotype):
    """EnkelvoudigInformatieObjectCreateLockRequest (1.7.0) required: bronorganisatie, creatiedatum, titel, auteur,
    taal, informatieobjecttype; vertrouwelijkheidaanduiding then comes from the type (drc-007)."""
    body = {
        "bronorganisatie": RSIN,
        "creatiedatum": "2024-05-01",
        "titel": "Brief",
        "auteur": "Ambtenaar",
        "taal": "dut",
        "informatieobjecttype": iotype["url"],
    }
    response = superuser_client.post("/documenten/api/v1/enkelvoudiginformatieobjecten", body, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["vertrouwelijkheidaanduiding"] == iotype["vertrouwelijkheidaanduiding"]
    assert response.json()["identificatie"].startswith("DOCUMENT-")


# --- Besluiten ---------------------------------------------------------------------------------------------------


def test_brc_001_brc_002_minimal_besluit(superuser_client, catalogus):
    """BesluitRequest (1.1.0) required: verantwoordelijkeOrganisatie, besluittype, datum, ingangsdatum; the
    identificatie is generated (brc-002)."""
    from zgw.catalogi.models import BesluitType

    besluittype = BesluitType.objects.create(
        catalogus=catalogus,
        omschrijving="Vergunning",
        publicatie_indicatie=False,
        concept=False,
        datum_begin_geldigheid=datetime.date(2020, 1, 1),
    )
    body = {
        "verantwoordelijkeOrganisatie": RSIN,
        "besluittype": cat_url("besluittypen", besluittype),
        "datum": "2024-05-01",
        "ingangsdatum": "2024-05-02",
    }
    response = superuser_client.post("/besluiten/api/v1/besluiten", body, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["identificatie"].startswith("BESLUIT-2024-")
