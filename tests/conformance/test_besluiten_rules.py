"""Besluiten rules brc-003…brc-009 (and brc-001/002's refusals): each request carries only what besluiten-1.1.0
requires (BesluitRequest: verantwoordelijkeOrganisatie, besluittype, datum, ingangsdatum; BesluitInformatieObject-
Request: informatieobject, besluit) plus what the rule is about."""

from __future__ import annotations

import datetime

import pytest

from tests.zaken.conftest import RSIN, cat_url, link_iotype
from zgw.besluiten.models import Besluit
from zgw.catalogi import models as cm
from zgw.documenten.models import ObjectInformatieObject
from zgw.zaken.models import ZaakBesluit

from .helpers import BRC, codes, minimal_document, minimal_zaak, path

pytestmark = pytest.mark.django_db

BESLUITEN = f"{BRC}/besluiten"
BIOS = f"{BRC}/besluitinformatieobjecten"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


@pytest.fixture
def besluittype(zaaktype) -> cm.BesluitType:
    """A published besluittype of the zaaktype, with one informatieobjecttype."""
    besluittype = cm.BesluitType.objects.create(
        catalogus=zaaktype.catalogus,
        omschrijving="Vergunning",
        publicatie_indicatie=False,
        concept=False,
        datum_begin_geldigheid=datetime.date(2020, 1, 1),
    )
    zaaktype.besluittypen.add(besluittype)
    return besluittype


def _besluit(client, besluittype, **extra):
    body = {
        "verantwoordelijkeOrganisatie": RSIN,
        "besluittype": cat_url("besluittypen", besluittype),
        "datum": "2024-05-01",
        "ingangsdatum": "2024-05-02",
        **extra,
    }
    return client.post(BESLUITEN, body, format="json")


def _document(client, iot) -> dict:
    response = minimal_document(client, cat_url("informatieobjecttypen", iot))
    assert response.status_code == 201, response.json()
    return response.json()


def _bio(client, besluit: dict, document_url: str):
    return client.post(BIOS, {"informatieobject": document_url, "besluit": besluit["url"]}, format="json")


# --- brc-001, brc-002 refusals ----------------------------------------------------------------------------------------


def test_brc_001_concept_besluittype(superuser_client, besluittype):
    besluittype.concept = True
    besluittype.save()
    response = _besluit(superuser_client, besluittype)
    assert response.status_code == 400
    assert ("besluittype", "not-published") in codes(response)


def test_brc_002_identificatie_not_unique(superuser_client, besluittype):
    assert _besluit(superuser_client, besluittype, identificatie="B-1").status_code == 201
    again = _besluit(superuser_client, besluittype, identificatie="B-1")
    assert again.status_code == 400
    assert ("identificatie", "identificatie-niet-uniek") in codes(again)


# --- besluitinformatieobjecten: brc-003, brc-004, brc-005, brc-008 ----------------------------------------------------


def test_brc_003_informatieobject_that_does_not_resolve(superuser_client, besluittype):
    besluit = _besluit(superuser_client, besluittype).json()
    response = _bio(
        superuser_client,
        besluit,
        "http://testserver/documenten/api/v1/enkelvoudiginformatieobjecten/00000000-0000-0000-0000-000000000000",
    )
    assert response.status_code == 400
    assert {name for name, _ in codes(response)} == {"informatieobject"}


def test_brc_004_005_minimal_bio_is_mirrored(superuser_client, zaaktype, besluittype, media):
    iot = link_iotype(zaaktype)
    besluittype.informatieobjecttypen.add(iot)
    besluit = _besluit(superuser_client, besluittype).json()
    document = _document(superuser_client, iot)
    response = _bio(superuser_client, besluit, document["url"])
    assert response.status_code == 201, response.json()
    mirror = ObjectInformatieObject.objects.get()
    assert mirror.object_type == "besluit"
    assert superuser_client.delete(path(response.json()["url"])).status_code == 204
    assert not ObjectInformatieObject.objects.exists()


def test_brc_008_informatieobjecttype_not_of_the_besluittype(superuser_client, zaaktype, besluittype, media):
    besluit = _besluit(superuser_client, besluittype).json()
    document = _document(superuser_client, link_iotype(zaaktype))
    response = _bio(superuser_client, besluit, document["url"])
    assert response.status_code == 400
    assert ("nonFieldErrors", "missing-besluittype-informatieobjecttype-relation") in codes(response)


# --- zaak relation: brc-006, brc-007 ----------------------------------------------------------------------------------


def test_brc_006_minimal_besluit_with_a_zaak_is_mirrored(superuser_client, zaaktype, besluittype):
    zaak = minimal_zaak(superuser_client, zaaktype).json()
    response = _besluit(superuser_client, besluittype, zaak=zaak["url"])
    assert response.status_code == 201, response.json()
    assert ZaakBesluit.objects.filter(zaak__uuid=zaak["uuid"]).count() == 1


def test_brc_007_besluittype_not_of_the_zaaktype(superuser_client, zaaktype, besluittype):
    zaaktype.besluittypen.clear()
    zaak = minimal_zaak(superuser_client, zaaktype).json()
    response = _besluit(superuser_client, besluittype, zaak=zaak["url"])
    assert response.status_code == 400
    assert ("nonFieldErrors", "zaaktype-mismatch") in codes(response)


# --- brc-009 ---------------------------------------------------------------------------------------------------------


def test_brc_009_destroying_a_besluit_removes_its_relations(superuser_client, zaaktype, besluittype, media):
    iot = link_iotype(zaaktype)
    besluittype.informatieobjecttypen.add(iot)
    zaak = minimal_zaak(superuser_client, zaaktype).json()
    besluit = _besluit(superuser_client, besluittype, zaak=zaak["url"]).json()
    assert _bio(superuser_client, besluit, _document(superuser_client, iot)["url"]).status_code == 201
    assert superuser_client.delete(path(besluit["url"])).status_code == 204
    assert not Besluit.objects.exists()
    assert not ZaakBesluit.objects.exists()
    assert not ObjectInformatieObject.objects.exists()


def test_brc_001_002_besluittype_and_identificatie_may_not_change(superuser_client, zaaktype, besluittype):
    besluit = _besluit(superuser_client, besluittype).json()
    other = cm.BesluitType.objects.create(
        catalogus=zaaktype.catalogus,
        omschrijving="Andere",
        publicatie_indicatie=False,
        concept=False,
        datum_begin_geldigheid=datetime.date(2020, 1, 1),
    )
    changed_type = superuser_client.patch(
        path(besluit["url"]), {"besluittype": cat_url("besluittypen", other)}, format="json"
    )
    assert changed_type.status_code == 400
    assert ("besluittype", "wijzigen-niet-toegelaten") in codes(changed_type)
    changed_id = superuser_client.patch(path(besluit["url"]), {"identificatie": "ANDERS"}, format="json")
    assert changed_id.status_code == 400
    assert ("identificatie", "wijzigen-niet-toegelaten") in codes(changed_id)
