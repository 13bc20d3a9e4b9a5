"""Catalogi test helpers: payload builders and rows created through the ORM."""

from __future__ import annotations

import datetime

import pytest

from zgw.catalogi import models as m

BASE = "http://testserver"
API = f"{BASE}/catalogi/api/v1"
REFS = f"{BASE}/referentielijsten/api/v1"
PROCESTYPE_8 = f"{REFS}/procestypen/bd1ec0a0-0ecd-4046-8372-dcb6bdfda891"  # Voorzieningen verstrekken
PROCESTYPE_1 = f"{REFS}/procestypen/b594c8d1-ea6a-4bcd-a6aa-2c7a8ad3fe5b"
RESULTAAT_8_NIHIL = f"{REFS}/resultaten/e2068367-1012-4795-984e-72901180ff80"  # 8.2 Geweigerd, nihil, P5Y
RESULTAAT_8_BESTAANSDUUR = f"{REFS}/resultaten/c61aa1a8-1583-433b-a889-b3f0d53383ba"  # 8.1, bestaansduur, P10Y
RESULTAAT_1 = f"{REFS}/resultaten/6711baff-798b-4c7f-9133-8ad02c8b7c6f"  # procestype 1
RTO_AFGEWEZEN = f"{REFS}/resultaattypeomschrijvingen/e6a0c939-3404-45b0-88e3-76c94fb80ea7"
BEGIN = datetime.date(2024, 1, 1)


def url(collection: str, obj) -> str:
    return f"{API}/{collection}/{obj.uuid}"


@pytest.fixture
def catalogus(db) -> m.Catalogus:
    return m.Catalogus.objects.create(domein="TEST", rsin="002564440", contactpersoon_beheer_naam="Beheer")


@pytest.fixture
def other_catalogus(db) -> m.Catalogus:
    return m.Catalogus.objects.create(domein="ANDER", rsin="002564440", contactpersoon_beheer_naam="Beheer")


def make_zaaktype(catalogus, *, concept: bool = True, identificatie: str = "ZT-1", **extra) -> m.ZaakType:
    values = {
        "omschrijving": "Aanvraag",
        "vertrouwelijkheidaanduiding": "openbaar",
        "doel": "doel",
        "aanleiding": "aanleiding",
        "indicatie_intern_of_extern": "extern",
        "handeling_initiator": "aanvragen",
        "onderwerp": "onderwerp",
        "handeling_behandelaar": "behandelen",
        "doorlooptijd_behandeling": "P30D",
        "opschorting_en_aanhouding_mogelijk": False,
        "verlenging_mogelijk": False,
        "publicatie_indicatie": False,
        "referentieproces_naam": "proces",
        "verantwoordelijke": "afdeling",
        "versiedatum": BEGIN,
        "datum_begin_geldigheid": BEGIN,
        "selectielijst_procestype": PROCESTYPE_8,
    }
    values.update(extra)
    return m.ZaakType.objects.create(catalogus=catalogus, identificatie=identificatie, concept=concept, **values)


def make_iot(catalogus, *, concept: bool = True, omschrijving: str = "Aanvraag", **extra) -> m.InformatieObjectType:
    values = {
        "vertrouwelijkheidaanduiding": "openbaar",
        "informatieobjectcategorie": "cat",
        "datum_begin_geldigheid": BEGIN,
    }
    values.update(extra)
    return m.InformatieObjectType.objects.create(
        catalogus=catalogus, omschrijving=omschrijving, concept=concept, **values
    )


def make_besluittype(catalogus, *, concept: bool = True, omschrijving: str = "Besluit", **extra) -> m.BesluitType:
    values = {"publicatie_indicatie": False, "datum_begin_geldigheid": BEGIN}
    values.update(extra)
    return m.BesluitType.objects.create(catalogus=catalogus, omschrijving=omschrijving, concept=concept, **values)


def zaaktype_payload(catalogus, /, **extra) -> dict:
    payload = {
        "identificatie": "ZT-API",
        "omschrijving": "Aanvraag",
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
        "productenOfDiensten": ["https://example.com/product/1"],
        "referentieproces": {"naam": "proces"},
        "verantwoordelijke": "afdeling",
        "catalogus": url("catalogussen", catalogus),
        "besluittypen": [],
        "deelzaaktypen": [],
        "gerelateerdeZaaktypen": [],
        "beginGeldigheid": "2024-01-01",
        "versiedatum": "2024-01-01",
        "selectielijstProcestype": PROCESTYPE_8,
    }
    payload.update(extra)
    return payload


def resultaattype_payload(zaaktype, /, **extra) -> dict:
    payload = {
        "zaaktype": url("zaaktypen", zaaktype),
        "omschrijving": "Geweigerd",
        "resultaattypeomschrijving": RTO_AFGEWEZEN,
        "selectielijstklasse": RESULTAAT_8_NIHIL,
        "brondatumArchiefprocedure": {"afleidingswijze": "afgehandeld"},
        "besluittypen": [],
    }
    payload.update(extra)
    return payload
