"""Documenten rules drc-001…drc-014 beyond drc-001/007's minimal create: each request carries only what
documenten-1.7.0 requires (plus what the rule is about)."""

from __future__ import annotations

import pytest

from tests.zaken.conftest import BEGIN, cat_url, link_iotype, post
from zgw.catalogi import models as cm
from zgw.documenten.models import EnkelvoudigInformatieObject

from .helpers import DRC, codes, minimal_document, minimal_zaak, path

pytestmark = pytest.mark.django_db

OIO = f"{DRC}/objectinformatieobjecten"
GEBRUIKSRECHTEN = f"{DRC}/gebruiksrechten"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


@pytest.fixture
def local_iot(zaaktype) -> cm.InformatieObjectType:
    """A published local informatieobjecttype that belongs to the zaaktype (so ZIOs can be made)."""
    return link_iotype(zaaktype)


def _document(client, iot, **extra) -> dict:
    response = minimal_document(client, cat_url("informatieobjecttypen", iot), **extra)
    assert response.status_code == 201, response.json()
    return response.json()


def _zaak_with_document(client, zaaktype, document: dict) -> dict:
    zaak = minimal_zaak(client, zaaktype).json()
    zio = post(client, "zaakinformatieobjecten", {"zaak": zaak["url"], "informatieobject": document["url"]})
    assert zio.status_code == 201, zio.json()
    return zaak


def _lock(client, document: dict) -> str:
    response = client.post(f"{path(document['url'])}/lock")
    assert response.status_code == 200, response.json()
    return response.json()["lock"]


# --- drc-001 --------------------------------------------------------------------------------------------------------


def test_drc_001_concept_informatieobjecttype_is_refused(superuser_client, catalogus, media):
    concept = cm.InformatieObjectType.objects.create(
        catalogus=catalogus,
        omschrijving="Concept",
        vertrouwelijkheidaanduiding="openbaar",
        informatieobjectcategorie="brief",
        concept=True,
        datum_begin_geldigheid=BEGIN,
    )
    response = minimal_document(superuser_client, cat_url("informatieobjecttypen", concept))
    assert response.status_code == 400
    assert ("informatieobjecttype", "not-published") in codes(response)


def test_drc_001_unknown_informatieobjecttype(superuser_client, media):
    response = minimal_document(
        superuser_client, "http://testserver/catalogi/api/v1/informatieobjecttypen/00000000-0000-0000-0000-000000000000"
    )
    assert response.status_code == 400
    assert {name for name, _ in codes(response)} == {"informatieobjecttype"}


# --- objectinformatieobjecten: drc-002, drc-003, drc-004 --------------------------------------------------------------


def test_drc_002_object_that_does_not_resolve(superuser_client, local_iot, media):
    document = _document(superuser_client, local_iot)
    body = {
        "informatieobject": document["url"],
        "object": "http://testserver/zaken/api/v1/zaken/00000000-0000-0000-0000-000000000000",
        "objectType": "zaak",
    }
    response = superuser_client.post(OIO, body, format="json")
    assert response.status_code == 400
    assert "object" in {name for name, _ in codes(response)}


def test_drc_003_mirror_made_by_the_zio_cannot_be_made_again(superuser_client, zaaktype, local_iot, media):
    document = _document(superuser_client, local_iot)
    zaak = _zaak_with_document(superuser_client, zaaktype, document)
    body = {"informatieobject": document["url"], "object": zaak["url"], "objectType": "zaak"}
    response = superuser_client.post(OIO, body, format="json")
    assert response.status_code == 400
    assert ("nonFieldErrors", "unique") in codes(response)


def test_drc_004_relation_must_exist_at_the_source(superuser_client, zaaktype, local_iot, media):
    document = _document(superuser_client, local_iot)
    zaak = minimal_zaak(superuser_client, zaaktype).json()
    body = {"informatieobject": document["url"], "object": zaak["url"], "objectType": "zaak"}
    response = superuser_client.post(OIO, body, format="json")
    assert response.status_code == 400
    assert ("nonFieldErrors", "inconsistent-relation") in codes(response)


# --- drc-005, drc-006, drc-007 ----------------------------------------------------------------------------------------


def test_drc_005_received_document_may_not_be_in_bewerking(superuser_client, local_iot, media):
    response = minimal_document(
        superuser_client,
        cat_url("informatieobjecttypen", local_iot),
        ontvangstdatum="2024-05-01",
        status="in_bewerking",
    )
    assert response.status_code == 400
    assert ("status", "invalid_for_received") in codes(response)


def test_drc_005_received_document_may_be_definitief(superuser_client, local_iot, media):
    _document(superuser_client, local_iot, ontvangstdatum="2024-05-01", status="definitief")


def test_drc_006_minimal_gebruiksrechten_set_and_reset_the_indicatie(superuser_client, local_iot, media):
    document = _document(superuser_client, local_iot)
    assert document["indicatieGebruiksrecht"] is None
    # GebruiksrechtenRequest (1.7.0): informatieobject, startdatum, omschrijvingVoorwaarden
    body = {"informatieobject": document["url"], "startdatum": "2024-05-01T00:00:00Z", "omschrijvingVoorwaarden": "x"}
    created = superuser_client.post(GEBRUIKSRECHTEN, body, format="json")
    assert created.status_code == 201, created.json()
    assert superuser_client.get(path(document["url"])).json()["indicatieGebruiksrecht"] is True
    assert superuser_client.delete(path(created.json()["url"])).status_code == 204
    assert superuser_client.get(path(document["url"])).json()["indicatieGebruiksrecht"] is None


def test_drc_006_indicatie_true_without_gebruiksrechten(superuser_client, local_iot, media):
    response = minimal_document(
        superuser_client, cat_url("informatieobjecttypen", local_iot), indicatieGebruiksrecht=True
    )
    assert response.status_code == 400
    assert ("indicatieGebruiksrecht", "missing-gebruiksrechten") in codes(response)


def test_drc_007_given_vertrouwelijkheidaanduiding_is_kept(superuser_client, local_iot, media):
    document = _document(superuser_client, local_iot, vertrouwelijkheidaanduiding="geheim")
    assert document["vertrouwelijkheidaanduiding"] == "geheim"


# --- drc-008, drc-009, drc-010 ----------------------------------------------------------------------------------------


def test_drc_008_document_of_a_zaak_cannot_be_destroyed(superuser_client, zaaktype, local_iot, media):
    document = _document(superuser_client, local_iot)
    _zaak_with_document(superuser_client, zaaktype, document)
    response = superuser_client.delete(path(document["url"]))
    assert response.status_code == 400
    assert ("nonFieldErrors", "pending-relations") in codes(response)


def test_drc_008_minimal_document_is_really_destroyed(superuser_client, local_iot, media):
    document = _document(superuser_client, local_iot)
    assert superuser_client.delete(path(document["url"])).status_code == 204
    assert not EnkelvoudigInformatieObject.objects.exists()


def test_drc_009_lock_twice(superuser_client, local_iot, media):
    document = _document(superuser_client, local_iot)
    _lock(superuser_client, document)
    again = superuser_client.post(f"{path(document['url'])}/lock")
    assert again.status_code == 400
    assert ("nonFieldErrors", "existing-lock") in codes(again)


def test_drc_009_update_of_a_locked_document_without_lock_is_refused(superuser_client, local_iot, media):
    document = _document(superuser_client, local_iot)
    _lock(superuser_client, document)
    response = superuser_client.patch(path(document["url"]), {"titel": "Nieuw"}, format="json")
    assert response.status_code == 400
    assert superuser_client.get(path(document["url"])).json()["titel"] == "Brief"


def test_drc_009_missing_lock_code(superuser_client, local_iot, media):
    document = _document(superuser_client, local_iot)
    _lock(superuser_client, document)
    response = superuser_client.patch(path(document["url"]), {"titel": "Nieuw"}, format="json")
    assert response.status_code == 400
    assert ("nonFieldErrors", "missing-lock-id") in codes(response)


def test_drc_009_update_of_an_unlocked_document(superuser_client, local_iot, media):
    document = _document(superuser_client, local_iot)
    response = superuser_client.patch(path(document["url"]), {"titel": "Nieuw", "lock": "abc"}, format="json")
    assert response.status_code == 400
    assert ("nonFieldErrors", "unlocked") in codes(response)


def test_drc_010_minimal_locked_update_may_change_the_type(superuser_client, zaaktype, local_iot, media):
    document = _document(superuser_client, local_iot, status="definitief")
    lock = _lock(superuser_client, document)
    other = link_iotype(zaaktype, omschrijving="Notitie")
    response = superuser_client.patch(
        path(document["url"]),
        {"lock": lock, "titel": "Nieuw", "informatieobjecttype": cat_url("informatieobjecttypen", other)},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["versie"] == 2
    unlock = superuser_client.post(f"{path(document['url'])}/unlock", {"lock": lock}, format="json")
    assert unlock.status_code == 204


def test_drc_010_wrong_lock(superuser_client, local_iot, media):
    document = _document(superuser_client, local_iot)
    _lock(superuser_client, document)
    response = superuser_client.patch(path(document["url"]), {"lock": "0" * 32, "titel": "Nieuw"}, format="json")
    assert response.status_code == 400
    assert ("nonFieldErrors", "incorrect-lock-id") in codes(response)


# --- expand: drc-011 … drc-014 ----------------------------------------------------------------------------------------


def test_drc_011_012_expand_into_catalogi(superuser_client, local_iot, media):
    document = _document(superuser_client, local_iot)
    response = superuser_client.get(path(document["url"]), {"expand": "informatieobjecttype.catalogus"})
    assert response.status_code == 200, response.json()
    expanded = response.json()["_expand"]["informatieobjecttype"]
    assert expanded["url"] == document["informatieobjecttype"]
    assert "_expand" in expanded


def test_drc_013_expand_of_an_unknown_attribute(superuser_client, local_iot, media):
    document = _document(superuser_client, local_iot)
    response = superuser_client.get(path(document["url"]), {"expand": "bestaatniet"})
    assert response.status_code == 400
    assert ("expand", "invalid-expand-field") in codes(response)


def test_drc_014_expand_on_the_list(superuser_client, local_iot, media):
    _document(superuser_client, local_iot)
    response = superuser_client.get(f"{DRC}/enkelvoudiginformatieobjecten", {"expand": "informatieobjecttype"})
    assert response.status_code == 200, response.json()
    assert response.json()["results"][0]["_expand"]["informatieobjecttype"]["omschrijving"] == local_iot.omschrijving
