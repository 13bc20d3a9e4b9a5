"""Zaken test helpers: a published zaaktype with its types, and request helpers with the CRS headers."""

from __future__ import annotations

import datetime

import pytest

from tests.catalogi.conftest import make_zaaktype
from zgw.catalogi import models as cm

BASE = "http://testserver"
API = f"{BASE}/zaken/api/v1"
CAT = f"{BASE}/catalogi/api/v1"
CRS = {"HTTP_ACCEPT_CRS": "EPSG:4326", "HTTP_CONTENT_CRS": "EPSG:4326"}
RSIN = "002564440"
BEGIN = datetime.date(2024, 1, 1)


def cat_url(collection: str, obj) -> str:
    return f"{CAT}/{collection}/{obj.uuid}"


@pytest.fixture
def catalogus(db) -> cm.Catalogus:
    return cm.Catalogus.objects.create(domein="TEST", rsin=RSIN, contactpersoon_beheer_naam="Beheer")


@pytest.fixture
def zaaktype(catalogus) -> cm.ZaakType:
    return make_zaaktype(
        catalogus,
        concept=False,
        vertrouwelijkheidaanduiding="zaakvertrouwelijk",
        producten_of_diensten=["https://example.com/product/1"],
    )


def make_statustype(zaaktype, volgnummer: int) -> cm.StatusType:
    return cm.StatusType.objects.create(
        zaaktype=zaaktype,
        omschrijving=f"Status {volgnummer}",
        volgnummer=volgnummer,
        datum_begin_geldigheid=BEGIN,
    )


def make_resultaattype(zaaktype, **extra) -> cm.ResultaatType:
    values = {
        "omschrijving": "Toegekend",
        "resultaattypeomschrijving": "https://example.com/rto/1",
        "selectielijstklasse": "https://example.com/resultaat/1",
        "archiefnominatie": "vernietigen",
        "archiefactietermijn": "P10Y",
        "brondatum_archiefprocedure_afleidingswijze": "afgehandeld",
        "datum_begin_geldigheid": BEGIN,
    }
    values.update(extra)
    return cm.ResultaatType.objects.create(zaaktype=zaaktype, **values)


@pytest.fixture
def statustypen(zaaktype) -> tuple[cm.StatusType, cm.StatusType]:
    return make_statustype(zaaktype, 1), make_statustype(zaaktype, 2)


@pytest.fixture
def resultaattype(zaaktype) -> cm.ResultaatType:
    return make_resultaattype(zaaktype)


@pytest.fixture
def roltype(zaaktype) -> cm.RolType:
    return cm.RolType.objects.create(
        zaaktype=zaaktype, omschrijving="Aanvrager", omschrijving_generiek="initiator", datum_begin_geldigheid=BEGIN
    )


@pytest.fixture
def eigenschap(zaaktype) -> cm.Eigenschap:
    return cm.Eigenschap.objects.create(
        zaaktype=zaaktype,
        naam="datum",
        definitie="een datum",
        formaat="datum",
        lengte="8",
        kardinaliteit="1",
        datum_begin_geldigheid=BEGIN,
    )


def zaak_payload(zaaktype, **extra) -> dict:
    payload = {
        "zaaktype": cat_url("zaaktypen", zaaktype),
        "bronorganisatie": RSIN,
        "verantwoordelijkeOrganisatie": RSIN,
        "startdatum": "2024-03-01",
    }
    payload.update(extra)
    return payload


def post(client, path: str, data, **headers):
    return client.post(f"/zaken/api/v1/{path}", data, format="json", **{**CRS, **headers})


def create_zaak(client, zaaktype, **extra) -> dict:
    response = post(client, "zaken", zaak_payload(zaaktype, **extra))
    assert response.status_code == 201, response.json()
    return response.json()


@pytest.fixture
def responses_mock():
    import responses

    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        yield rsps


def link_iotype(zaaktype, omschrijving: str = "Brief") -> cm.InformatieObjectType:
    """A published local informatieobjecttype that belongs to ``zaaktype`` (zrc-017)."""
    iot = cm.InformatieObjectType.objects.create(
        catalogus=zaaktype.catalogus,
        omschrijving=omschrijving,
        vertrouwelijkheidaanduiding="openbaar",
        informatieobjectcategorie="brief",
        concept=False,
        datum_begin_geldigheid=BEGIN,
    )
    volgnummer = cm.ZaakTypeInformatieObjectType.objects.filter(zaaktype=zaaktype).count() + 1
    cm.ZaakTypeInformatieObjectType.objects.create(
        zaaktype=zaaktype, informatieobjecttype=iot, volgnummer=volgnummer, richting="inkomend"
    )
    return iot


@pytest.fixture
def iotype(zaaktype) -> cm.InformatieObjectType:
    return link_iotype(zaaktype)
