"""Zaken rules not covered by test_rules_minimal_requests.py: each test sends only what the Zaken 1.7.0 document
requires for the request (plus what the rule is about) and asserts the documented status and error code."""

from __future__ import annotations

import datetime

import pytest

from tests.catalogi.conftest import make_zaaktype
from tests.zaken.conftest import CRS, cat_url, link_iotype, make_statustype, post
from zgw.documenten.models import ObjectInformatieObject
from zgw.zaken.models import Zaak, ZaakInformatieObject

from .helpers import codes, minimal_document, minimal_zaak, path

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


@pytest.fixture
def other_zaaktype(catalogus):
    return make_zaaktype(catalogus, concept=False, identificatie="ZT-ANDER")


def _zaak(client, zaaktype, **extra) -> dict:
    response = minimal_zaak(client, zaaktype, **extra)
    assert response.status_code == 201, response.json()
    return response.json()


def _patch(client, url: str, body: dict):
    return client.patch(path(url), body, format="json", **CRS)


def _zio(client, zaak: dict, document_url: str):
    """ZaakInformatieObjectRequest (1.7.0): informatieobject, zaak."""
    return post(client, "zaakinformatieobjecten", {"zaak": zaak["url"], "informatieobject": document_url})


def _local_document(client, zaaktype) -> dict:
    response = minimal_document(client, cat_url("informatieobjecttypen", link_iotype(zaaktype)))
    assert response.status_code == 201, response.json()
    return response.json()


# --- zaakinformatieobjecten: zrc-003, zrc-004, zrc-005 --------------------------------------------------------------


def test_zrc_003_informatieobject_that_does_not_resolve(superuser_client, zaaktype):
    zaak = _zaak(superuser_client, zaaktype)
    response = _zio(
        superuser_client,
        zaak,
        "http://testserver/documenten/api/v1/enkelvoudiginformatieobjecten/00000000-0000-0000-0000-000000000000",
    )
    assert response.status_code == 400
    assert {name for name, _ in codes(response)} == {"informatieobject"}


def test_zrc_004_minimal_zio_gets_aard_relatie_and_registratiedatum(superuser_client, zaaktype, media):
    zaak = _zaak(superuser_client, zaaktype)
    response = _zio(superuser_client, zaak, _local_document(superuser_client, zaaktype)["url"])
    assert response.status_code == 201, response.json()
    assert response.json()["aardRelatieWeergave"] == "Hoort bij, omgekeerd: kent"
    assert response.json()["registratiedatum"]


def test_zrc_004_relation_may_not_change(superuser_client, zaaktype, media):
    zaak = _zaak(superuser_client, zaaktype)
    zio = _zio(superuser_client, zaak, _local_document(superuser_client, zaaktype)["url"]).json()
    other = _zaak(superuser_client, zaaktype)
    response = _patch(superuser_client, zio["url"], {"zaak": other["url"]})
    assert response.status_code == 400
    assert ("zaak", "wijzigen-niet-toegelaten") in codes(response)


def test_zrc_005_minimal_zio_is_mirrored_in_the_documenten_api(superuser_client, zaaktype, media):
    zaak = _zaak(superuser_client, zaaktype)
    document = _local_document(superuser_client, zaaktype)
    zio = _zio(superuser_client, zaak, document["url"]).json()
    mirror = ObjectInformatieObject.objects.get()
    assert mirror.object_type == "zaak"
    listed = superuser_client.get("/documenten/api/v1/objectinformatieobjecten", {"object": zaak["url"]}).json()
    assert [item["informatieobject"] for item in listed] == [document["url"]]
    assert superuser_client.delete(path(zio["url"])).status_code == 204
    assert not ObjectInformatieObject.objects.exists()


def test_zrc_017_minimal_zio_of_an_unrelated_type(superuser_client, zaaktype, other_zaaktype, media):
    zaak = _zaak(superuser_client, zaaktype)
    response = _zio(superuser_client, zaak, _local_document(superuser_client, other_zaaktype)["url"])
    assert response.status_code == 400
    assert ("nonFieldErrors", "missing-zaaktype-informatieobjecttype-relation") in codes(response)
    assert not ZaakInformatieObject.objects.exists()


# --- zaak fields: zrc-010 … zrc-015 ----------------------------------------------------------------------------------


def test_zrc_010_communicatiekanaal_must_resolve(superuser_client, zaaktype, responses_mock):
    kanaal = "https://referentielijsten.example.com/api/v1/communicatiekanalen/1"
    responses_mock.get(kanaal, status=404)
    response = minimal_zaak(superuser_client, zaaktype, communicatiekanaal=kanaal)
    assert response.status_code == 400
    assert ("communicatiekanaal", "bad-url") in codes(response)


def test_zrc_010_communicatiekanaal_must_look_like_one(superuser_client, zaaktype, responses_mock):
    kanaal = "https://referentielijsten.example.com/api/v1/communicatiekanalen/2"
    responses_mock.get(kanaal, json={"iets": "anders"})
    response = minimal_zaak(superuser_client, zaaktype, communicatiekanaal=kanaal)
    assert response.status_code == 400
    assert ("communicatiekanaal", "invalid-resource") in codes(response)


def test_zrc_011_relevante_andere_zaak_must_resolve(superuser_client, zaaktype):
    missing = "http://testserver/zaken/api/v1/zaken/00000000-0000-0000-0000-000000000000"
    response = minimal_zaak(
        superuser_client, zaaktype, relevanteAndereZaken=[{"url": missing, "aardRelatie": "vervolg"}]
    )
    assert response.status_code == 400
    assert {name for name, _ in codes(response)} == {"relevanteAndereZaken.0.url"}


def test_zrc_011_minimal_relevante_andere_zaak(superuser_client, zaaktype):
    first = _zaak(superuser_client, zaaktype)
    response = minimal_zaak(
        superuser_client, zaaktype, relevanteAndereZaken=[{"url": first["url"], "aardRelatie": "vervolg"}]
    )
    assert response.status_code == 201, response.json()


def test_zrc_012_null_groups_in_a_minimal_zaak(superuser_client, zaaktype):
    zaak = _zaak(superuser_client, zaaktype, verlenging=None, opschorting=None)
    assert zaak["verlenging"] is None
    assert "opschorting" in zaak


def test_zrc_013_deelzaak_as_hoofdzaak(superuser_client, zaaktype):
    zaaktype.deelzaaktypen.add(zaaktype)
    hoofd = _zaak(superuser_client, zaaktype)
    deel = _zaak(superuser_client, zaaktype, hoofdzaak=hoofd["url"])
    response = minimal_zaak(superuser_client, zaaktype, hoofdzaak=deel["url"])
    assert response.status_code == 400
    assert ("hoofdzaak", "deelzaak-als-hoofdzaak") in codes(response)


def test_zrc_013_zaak_as_its_own_hoofdzaak(superuser_client, zaaktype):
    zaaktype.deelzaaktypen.add(zaaktype)
    zaak = _zaak(superuser_client, zaaktype)
    response = _patch(superuser_client, zaak["url"], {"hoofdzaak": zaak["url"]})
    assert response.status_code == 400
    assert ("hoofdzaak", "self-forbidden") in codes(response)


def test_zrc_014_betaling_nvt_with_a_date(superuser_client, zaaktype):
    response = minimal_zaak(
        superuser_client, zaaktype, betalingsindicatie="nvt", laatsteBetaaldatum="2024-03-01T10:00:00Z"
    )
    assert response.status_code == 400
    assert ("laatsteBetaaldatum", "betaling-nvt") in codes(response)


def test_zrc_014_changing_to_nvt_clears_the_date(superuser_client, zaaktype):
    zaak = _zaak(superuser_client, zaaktype, betalingsindicatie="geheel", laatsteBetaaldatum="2024-03-01T10:00:00Z")
    response = _patch(superuser_client, zaak["url"], {"betalingsindicatie": "nvt"})
    assert response.status_code == 200, response.json()
    assert response.json()["laatsteBetaaldatum"] is None


def test_zrc_015_product_not_of_the_zaaktype(superuser_client, zaaktype):
    response = minimal_zaak(superuser_client, zaaktype, productenOfDiensten=["https://example.com/product/999"])
    assert response.status_code == 400
    assert ("productenOfDiensten", "invalid-products-services") in codes(response)


def test_zrc_015_product_of_the_zaaktype(superuser_client, zaaktype):
    response = minimal_zaak(superuser_client, zaaktype, productenOfDiensten=["https://example.com/product/1"])
    assert response.status_code == 201, response.json()


# --- types of the zaaktype: zrc-016, zrc-020 -------------------------------------------------------------------------


def test_zrc_016_minimal_status_of_another_zaaktype(superuser_client, zaaktype, other_zaaktype):
    zaak = _zaak(superuser_client, zaaktype)
    foreign = make_statustype(other_zaaktype, 1)
    response = post(
        superuser_client,
        "statussen",
        {
            "zaak": zaak["url"],
            "statustype": cat_url("statustypen", foreign),
            "datumStatusGezet": "2024-03-02T10:00:00Z",
        },
    )
    assert response.status_code == 400
    assert ("nonFieldErrors", "zaaktype-mismatch") in codes(response)


def test_zrc_020_minimal_resultaat_of_another_zaaktype(superuser_client, zaaktype, other_zaaktype):
    from tests.zaken.conftest import make_resultaattype

    zaak = _zaak(superuser_client, zaaktype)
    foreign = make_resultaattype(other_zaaktype)
    response = post(
        superuser_client, "resultaten", {"zaak": zaak["url"], "resultaattype": cat_url("resultaattypen", foreign)}
    )
    assert response.status_code == 400
    assert ("nonFieldErrors", "zaaktype-mismatch") in codes(response)


# --- closing, archiving, destroying: zrc-021, zrc-022, zrc-023 -------------------------------------------------------


def _close(client, zaak: dict, statustypen, resultaattype) -> None:
    result = post(
        client, "resultaten", {"zaak": zaak["url"], "resultaattype": cat_url("resultaattypen", resultaattype)}
    )
    assert result.status_code == 201, result.json()
    eind = post(
        client,
        "statussen",
        {
            "zaak": zaak["url"],
            "statustype": cat_url("statustypen", statustypen[1]),
            "datumStatusGezet": "2024-03-04T10:00:00Z",
        },
    )
    assert eind.status_code == 201, eind.json()


def test_zrc_021_closing_a_minimal_zaak_derives_the_archiving_parameters(
    superuser_client, zaaktype, statustypen, resultaattype
):
    zaak = _zaak(superuser_client, zaaktype)
    _close(superuser_client, zaak, statustypen, resultaattype)
    stored = Zaak.objects.get()
    assert stored.archiefnominatie == "vernietigen"
    assert stored.archiefactiedatum == datetime.date(2034, 3, 4)  # afgehandeld + P10Y


def test_zrc_022_archiefstatus_without_nominatie(superuser_client, zaaktype):
    zaak = _zaak(superuser_client, zaaktype)
    response = _patch(
        superuser_client, zaak["url"], {"archiefstatus": "gearchiveerd", "archiefactiedatum": "2030-01-01"}
    )
    assert response.status_code == 400
    assert ("archiefnominatie", "archiefnominatie-not-set") in codes(response)


def test_zrc_022_archiefstatus_without_archiefactiedatum(superuser_client, zaaktype):
    zaak = _zaak(superuser_client, zaaktype)
    response = _patch(
        superuser_client, zaak["url"], {"archiefstatus": "gearchiveerd", "archiefnominatie": "vernietigen"}
    )
    assert response.status_code == 400
    assert ("archiefactiedatum", "archiefactiedatum-not-set") in codes(response)


def test_zrc_022_archiefstatus_without_nominatie_and_datum(superuser_client, zaaktype):
    zaak = _zaak(superuser_client, zaaktype)
    response = _patch(superuser_client, zaak["url"], {"archiefstatus": "gearchiveerd"})
    assert response.status_code == 400
    assert {
        ("archiefnominatie", "archiefnominatie-not-set"),
        ("archiefactiedatum", "archiefactiedatum-not-set"),
    } <= codes(response)


def test_zrc_022_documents_must_be_archived(superuser_client, zaaktype, media):
    zaak = _zaak(superuser_client, zaaktype)
    assert _zio(superuser_client, zaak, _local_document(superuser_client, zaaktype)["url"]).status_code == 201
    response = _patch(
        superuser_client,
        zaak["url"],
        {"archiefstatus": "gearchiveerd", "archiefnominatie": "vernietigen", "archiefactiedatum": "2030-01-01"},
    )
    assert response.status_code == 400
    assert ("archiefstatus", "documents-not-archived") in codes(response)


def test_zrc_023_destroying_a_minimal_zaak_with_a_deelzaak(superuser_client, zaaktype):
    zaaktype.deelzaaktypen.add(zaaktype)
    hoofd = _zaak(superuser_client, zaaktype)
    _zaak(superuser_client, zaaktype, hoofdzaak=hoofd["url"])
    assert superuser_client.delete(path(hoofd["url"])).status_code == 204
    assert not Zaak.objects.exists()


# --- zaakverzoek mirror: zrc-024; expand: zrc-027 --------------------------------------------------------------------


def test_zrc_024_minimal_zaakverzoek_is_mirrored(superuser_client, zaaktype, responses_mock):
    vrc = "https://vrc.example.nl/verzoeken/api/v1"
    verzoek = f"{vrc}/verzoeken/1"
    responses_mock.get(verzoek, json={"url": verzoek})
    mirrored = responses_mock.post(f"{vrc}/objectverzoeken", json={"url": f"{vrc}/objectverzoeken/1"}, status=201)
    zaak = _zaak(superuser_client, zaaktype)
    # ZaakVerzoekRequest (1.7.0): zaak, verzoek
    response = post(superuser_client, "zaakverzoeken", {"zaak": zaak["url"], "verzoek": verzoek})
    assert response.status_code == 201, response.json()
    assert mirrored.call_count == 1


def test_zrc_027_expand_of_an_unknown_attribute(superuser_client, zaaktype):
    zaak = _zaak(superuser_client, zaaktype)
    response = superuser_client.get(f"{path(zaak['url'])}?expand=bestaatniet", **CRS)
    assert response.status_code == 400
    assert ("expand", "invalid-expand-field") in codes(response)


# --- re-opening: zrc-008; expand scope and depth: zrc-025, zrc-026 ---------------------------------------------------


def test_zrc_008_minimal_status_reopens_and_clears_the_closing_values(
    superuser_client, zaaktype, statustypen, resultaattype
):
    zaak = _zaak(superuser_client, zaaktype)
    _close(superuser_client, zaak, statustypen, resultaattype)
    reopen = post(
        superuser_client,
        "statussen",
        {
            "zaak": zaak["url"],
            "statustype": cat_url("statustypen", statustypen[0]),
            "datumStatusGezet": "2024-03-05T10:00:00Z",
        },
    )
    assert reopen.status_code == 201, reopen.json()
    stored = Zaak.objects.get()
    assert (stored.einddatum, stored.archiefactiedatum, stored.archiefnominatie or None) == (None, None, None)


def test_zrc_025_expand_follows_the_17_schemas_across_apis(superuser_client, zaaktype):
    """Zaken 1.7 declares communicatiekanaal expandable (ZaakEmbedded), against zrc-025's older text: the OAS wins
    (docs/decisions.md); an empty reference expands to ``{}``, a field the resource lacks stays a 400."""
    zaak = _zaak(superuser_client, zaaktype)
    response = superuser_client.get(f"{path(zaak['url'])}?expand=communicatiekanaal", **CRS)
    assert response.status_code == 200, response.json()
    assert response.json()["_expand"]["communicatiekanaal"] == {}
    response = superuser_client.get(f"{path(zaak['url'])}?expand=bestaatniet", **CRS)
    assert response.status_code == 400
    assert ("expand", "invalid-expand-field") in codes(response)


def test_zrc_026_minimal_zaak_expanded_three_levels(superuser_client, zaaktype, statustypen):
    zaak = _zaak(superuser_client, zaaktype)
    status = post(
        superuser_client,
        "statussen",
        {
            "zaak": zaak["url"],
            "statustype": cat_url("statustypen", statustypen[0]),
            "datumStatusGezet": "2024-03-02T10:00:00Z",
        },
    )
    assert status.status_code == 201, status.json()
    response = superuser_client.get(f"{path(zaak['url'])}?expand=zaaktype,status.statustype", **CRS)
    assert response.status_code == 200, response.json()
    expanded = response.json()["_expand"]
    assert expanded["zaaktype"]["url"] == zaak["zaaktype"]
    assert expanded["status"]["_expand"]["statustype"]["url"] == cat_url("statustypen", statustypen[0])


# --- zrc-007 refusals ----------------------------------------------------------------------------------------------


def test_zrc_007_eindstatus_without_resultaat(superuser_client, zaaktype, statustypen):
    zaak = _zaak(superuser_client, zaaktype)
    response = post(
        superuser_client,
        "statussen",
        {
            "zaak": zaak["url"],
            "statustype": cat_url("statustypen", statustypen[1]),
            "datumStatusGezet": "2024-03-04T10:00:00Z",
        },
    )
    assert response.status_code == 400
    assert ("nonFieldErrors", "resultaat-does-not-exist") in codes(response)


def test_zrc_007_eindstatus_with_a_document_without_indicatie_gebruiksrecht(
    superuser_client, zaaktype, statustypen, resultaattype, media
):
    zaak = _zaak(superuser_client, zaaktype)
    assert _zio(superuser_client, zaak, _local_document(superuser_client, zaaktype)["url"]).status_code == 201
    result = post(
        superuser_client, "resultaten", {"zaak": zaak["url"], "resultaattype": cat_url("resultaattypen", resultaattype)}
    )
    assert result.status_code == 201, result.json()
    response = post(
        superuser_client,
        "statussen",
        {
            "zaak": zaak["url"],
            "statustype": cat_url("statustypen", statustypen[1]),
            "datumStatusGezet": "2024-03-04T10:00:00Z",
        },
    )
    assert response.status_code == 400
    assert "indicatiegebruiksrecht-unset" in {code for _, code in codes(response)}


def test_zrc_007_closed_zaak_needs_geforceerd_bijwerken(
    superuser_client, make_api_client, zaaktype, statustypen, resultaattype
):
    from zgw.autorisaties.services import AutorisatieData

    zaak = _zaak(superuser_client, zaaktype)
    _close(superuser_client, zaak, statustypen, resultaattype)
    client = make_api_client(
        autorisaties=[
            AutorisatieData(
                component="zrc",
                scopes=["zaken.lezen", "zaken.bijwerken"],
                zaaktype=cat_url("zaaktypen", zaaktype),
                max_vertrouwelijkheidaanduiding="geheim",
            )
        ]
    )
    response = _patch(client, zaak["url"], {"omschrijving": "Correctie"})
    assert response.status_code == 403
