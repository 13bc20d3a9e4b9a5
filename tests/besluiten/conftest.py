"""Fixtures of the Besluiten tests: local catalogi types and documents, remote (mocked) servers, helpers."""

from __future__ import annotations

import datetime
import uuid

import pytest
import responses

from zgw.catalogi.models import BesluitType, Catalogus, InformatieObjectType, ZaakType
from zgw.documenten.models import EnkelvoudigInformatieObject

BASE = "http://testserver"
BESLUITEN = "/besluiten/api/v1/besluiten"
BIOS = "/besluiten/api/v1/besluitinformatieobjecten"
REMOTE_CATALOGI = "https://catalogi.example.com/api/v1"
REMOTE_ZAKEN = "https://zaken.example.com/api/v1"
REMOTE_DOCUMENTEN = "https://documenten.example.com/api/v1"
RSIN = "517439943"
OTHER_RSIN = "123456782"


def local_url(api: str, collection: str, obj) -> str:
    return f"{BASE}/{api}/api/v1/{collection}/{obj.uuid}"


def besluit_url(besluit) -> str:
    return local_url("besluiten", "besluiten", besluit)


@pytest.fixture(autouse=True)
def _notifications(settings):
    settings.NOTIFICATIONS_DISABLED = False


@pytest.fixture
def mocked():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        yield rsps


@pytest.fixture
def catalogus(db) -> Catalogus:
    return Catalogus.objects.create(domein="TEST", rsin=RSIN, contactpersoon_beheer_naam="Beheer")


@pytest.fixture
def informatieobjecttype(catalogus) -> InformatieObjectType:
    return InformatieObjectType.objects.create(
        catalogus=catalogus,
        omschrijving="Besluitbrief",
        vertrouwelijkheidaanduiding="openbaar",
        informatieobjectcategorie="brief",
        concept=False,
        datum_begin_geldigheid=datetime.date(2020, 1, 1),
    )


@pytest.fixture
def make_besluittype(catalogus, informatieobjecttype):
    def factory(
        *, concept: bool = False, omschrijving: str = "Vergunning", iots=None, begin=datetime.date(2020, 1, 1)
    ) -> BesluitType:
        besluittype = BesluitType.objects.create(
            catalogus=catalogus,
            omschrijving=omschrijving,
            publicatie_indicatie=False,
            concept=concept,
            datum_begin_geldigheid=begin,
        )
        besluittype.informatieobjecttypen.set([informatieobjecttype] if iots is None else iots)
        return besluittype

    return factory


@pytest.fixture
def besluittype(make_besluittype) -> BesluitType:
    return make_besluittype()


@pytest.fixture
def besluittype_url(besluittype) -> str:
    return local_url("catalogi", "besluittypen", besluittype)


@pytest.fixture
def zaaktype(catalogus, besluittype) -> ZaakType:
    zaaktype = ZaakType.objects.create(
        catalogus=catalogus,
        identificatie="ZT1",
        omschrijving="Vergunningaanvraag",
        vertrouwelijkheidaanduiding="openbaar",
        doel="doel",
        aanleiding="aanleiding",
        indicatie_intern_of_extern="extern",
        handeling_initiator="aanvragen",
        onderwerp="vergunning",
        handeling_behandelaar="behandelen",
        doorlooptijd_behandeling="P30D",
        opschorting_en_aanhouding_mogelijk=False,
        verlenging_mogelijk=False,
        publicatie_indicatie=False,
        referentieproces_naam="proces",
        verantwoordelijke="afdeling",
        versiedatum=datetime.date(2020, 1, 1),
        concept=False,
        datum_begin_geldigheid=datetime.date(2020, 1, 1),
    )
    zaaktype.besluittypen.set([besluittype])
    return zaaktype


@pytest.fixture
def make_document(informatieobjecttype):
    counter = iter(range(1, 10_000))

    def factory(*, iot=None) -> EnkelvoudigInformatieObject:
        return EnkelvoudigInformatieObject.objects.create(
            bronorganisatie=RSIN,
            identificatie=f"DOC-{next(counter)}-{uuid.uuid4().hex[:6]}",
            informatieobjecttype=iot or informatieobjecttype,
            vertrouwelijkheidaanduiding="openbaar",
        )

    return factory


@pytest.fixture
def document(make_document) -> EnkelvoudigInformatieObject:
    return make_document()


def besluit_body(besluittype_url: str, **overrides) -> dict:
    body = {
        "verantwoordelijkeOrganisatie": RSIN,
        "besluittype": besluittype_url,
        "datum": "2024-03-01",
        "ingangsdatum": "2024-03-02",
    }
    body.update(overrides)
    return body


@pytest.fixture
def create_besluit(superuser_client, besluittype_url):
    """POST a besluit as a superuser and return the response JSON."""

    def factory(**overrides) -> dict:
        response = superuser_client.post(BESLUITEN, besluit_body(besluittype_url, **overrides), format="json")
        assert response.status_code == 201, response.json()
        return response.json()

    return factory


# ---- remote objects ----------------------------------------------------------------------------------------------


def remote_besluittype(*, concept: bool = False, iots: list[str] | None = None) -> dict:
    return {
        "url": f"{REMOTE_CATALOGI}/besluittypen/{uuid.uuid4()}",
        "catalogus": f"{REMOTE_CATALOGI}/catalogussen/{uuid.uuid4()}",
        "zaaktypen": [],
        "omschrijving": "Extern besluittype",
        "publicatieIndicatie": False,
        "informatieobjecttypen": iots or [],
        "beginGeldigheid": "2020-01-01",
        "concept": concept,
        "resultaattypen": [],
        "resultaattypenOmschrijving": [],
        "vastgelegdIn": [],
    }


def remote_zaaktype(besluittypen: list[str]) -> dict:
    return {
        "url": f"{REMOTE_CATALOGI}/zaaktypen/{uuid.uuid4()}",
        "catalogus": f"{REMOTE_CATALOGI}/catalogussen/{uuid.uuid4()}",
        "besluittypen": besluittypen,
        "concept": False,
    }


def remote_zaak(zaaktype_url: str, *, einddatum: str | None = None) -> dict:
    zaak_uuid = uuid.uuid4()
    return {
        "url": f"{REMOTE_ZAKEN}/zaken/{zaak_uuid}",
        "uuid": str(zaak_uuid),
        "zaaktype": zaaktype_url,
        "bronorganisatie": RSIN,
        "verantwoordelijkeOrganisatie": RSIN,
        "startdatum": "2024-01-01",
        "einddatum": einddatum,
        "vertrouwelijkheidaanduiding": "openbaar",
    }


def remote_document(iot_url: str) -> dict:
    return {
        "url": f"{REMOTE_DOCUMENTEN}/enkelvoudiginformatieobjecten/{uuid.uuid4()}",
        "bronorganisatie": RSIN,
        "titel": "Brief",
        "informatieobjecttype": iot_url,
        "identificatie": "DOC-1",
    }


@pytest.fixture
def remote_setup(mocked):
    """A remote besluittype, a remote zaaktype allowing it and a remote open zaak of that zaaktype (all mocked)."""
    iot = f"{REMOTE_CATALOGI}/informatieobjecttypen/{uuid.uuid4()}"
    besluittype = remote_besluittype(iots=[iot])
    zaaktype = remote_zaaktype([besluittype["url"]])
    zaak = remote_zaak(zaaktype["url"])
    for data in (besluittype, zaaktype, zaak):
        mocked.get(data["url"], json=data)
    return {"iot": iot, "besluittype": besluittype, "zaaktype": zaaktype, "zaak": zaak}
