"""Catalogi rules ztc-001…ztc-016 as Catalogi 1.3.3 has them (ztc-010 rewritten; ztc-011a/b/c, ztc-012 and ztc-013
dropped: the requests they refused now succeed; ztc-015 and ztc-016 new): each request carries only what
catalogi-1.3.3 requires, plus what the rule is about."""

from __future__ import annotations

import datetime

import pytest

from tests.catalogi.conftest import PROCESTYPE_1, REFS, RESULTAAT_1, RESULTAAT_8_NIHIL, RTO_AFGEWEZEN, make_zaaktype
from tests.zaken.conftest import BEGIN, cat_url, make_statustype
from zgw.autorisaties.services import AutorisatieData
from zgw.catalogi import models as cm

from .helpers import CAT, codes, path

pytestmark = pytest.mark.django_db


@pytest.fixture
def concept_zaaktype(catalogus) -> cm.ZaakType:
    return make_zaaktype(catalogus, identificatie="ZT-CONCEPT")


@pytest.fixture
def writer(make_api_client):
    """A catalogue management client without the correctie scope (catalogi.geforceerd-schrijven)."""
    return make_api_client(
        autorisaties=[AutorisatieData(component="ztc", scopes=["catalogi.lezen", "catalogi.schrijven"])]
    )


def _iot(catalogus, *, concept: bool = False, omschrijving: str = "Brief") -> cm.InformatieObjectType:
    return cm.InformatieObjectType.objects.create(
        catalogus=catalogus,
        omschrijving=omschrijving,
        vertrouwelijkheidaanduiding="openbaar",
        informatieobjectcategorie="brief",
        concept=concept,
        datum_begin_geldigheid=BEGIN,
    )


def _resultaattype(client, zaaktype, **extra):
    """ResultaatTypeCreate (1.3.3): omschrijving, resultaattypeomschrijving, selectielijstklasse, zaaktype."""
    body = {
        "omschrijving": "Geweigerd",
        "resultaattypeomschrijving": RTO_AFGEWEZEN,
        "selectielijstklasse": RESULTAAT_8_NIHIL,
        "zaaktype": cat_url("zaaktypen", zaaktype),
        **extra,
    }
    return client.post(f"{CAT}/resultaattypen", body, format="json")


def _statustype(client, zaaktype, volgnummer: int = 1):
    """StatusType (1.3.3): omschrijving, volgnummer, zaaktype."""
    body = {
        "omschrijving": f"Status {volgnummer}",
        "volgnummer": volgnummer,
        "zaaktype": cat_url("zaaktypen", zaaktype),
    }
    return client.post(f"{CAT}/statustypen", body, format="json")


def _besluittype(client, catalogus, informatieobjecttypen: list[str]):
    """BesluitTypeCreate (1.3.3): catalogus, beginGeldigheid, informatieobjecttypen, publicatieIndicatie."""
    body = {
        "catalogus": f"http://testserver{CAT}/catalogussen/{catalogus.uuid}",
        "beginGeldigheid": "2024-01-01",
        "informatieobjecttypen": informatieobjecttypen,
        "publicatieIndicatie": False,
    }
    return client.post(f"{CAT}/besluittypen", body, format="json")


# --- ztc-001 ----------------------------------------------------------------------------------------------------------


def test_ztc_001_selectielijst_procestype_must_be_a_procestype(superuser_client, concept_zaaktype):
    response = superuser_client.patch(
        path(cat_url("zaaktypen", concept_zaaktype)),
        {"selectielijstProcestype": f"{REFS}/procestypen/00000000-0000-0000-0000-000000000000"},
        format="json",
    )
    assert response.status_code == 400
    assert {name for name, _ in codes(response)} == {"selectielijstProcestype"}


# --- resultaattypen: ztc-002 … ztc-008 --------------------------------------------------------------------------------


def test_ztc_002_minimal_resultaattype_derives_archiving_values(superuser_client, concept_zaaktype):
    response = _resultaattype(superuser_client, concept_zaaktype)
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["archiefnominatie"], body["archiefactietermijn"]) == ("vernietigen", "P5Y")
    assert body["omschrijvingGeneriek"] == "Afgewezen"


def test_ztc_002_selectielijstklasse_of_another_procestype(superuser_client, concept_zaaktype):
    response = _resultaattype(superuser_client, concept_zaaktype, selectielijstklasse=RESULTAAT_1)
    assert response.status_code == 400
    assert ("nonFieldErrors", "procestype-mismatch") in codes(response)


def test_ztc_003_nihil_procestermijn_requires_afgehandeld(superuser_client, concept_zaaktype):
    response = _resultaattype(
        superuser_client, concept_zaaktype, brondatumArchiefprocedure={"afleidingswijze": "hoofdzaak"}
    )
    assert response.status_code == 400
    assert ("nonFieldErrors", "invalid-afleidingswijze-for-procestermijn") in codes(response)


@pytest.mark.parametrize(
    ("rule", "brondatum", "name", "code"),
    [
        ("ztc-004", {"afleidingswijze": "eigenschap"}, "datumkenmerk", "required"),
        ("ztc-005", {"afleidingswijze": "afgehandeld", "einddatumBekend": True}, "einddatumBekend", "must-be-empty"),
        ("ztc-006", {"afleidingswijze": "zaakobject", "datumkenmerk": "d"}, "objecttype", "required"),
        (
            "ztc-007",
            {"afleidingswijze": "ander_datumkenmerk", "datumkenmerk": "d", "objecttype": "pand"},
            "registratie",
            "required",
        ),
        ("ztc-008", {"afleidingswijze": "termijn"}, "procestermijn", "required"),
    ],
    ids=["ztc-004", "ztc-005", "ztc-006", "ztc-007", "ztc-008"],
)
def test_ztc_004_to_008_brondatum_archiefprocedure(superuser_client, catalogus, rule, brondatum, name, code):
    # procestype 1's resultaat has no procestermijn, so ztc-003 allows every afleidingswijze
    zaaktype = make_zaaktype(catalogus, identificatie="ZT-P1", selectielijst_procestype=PROCESTYPE_1)
    response = _resultaattype(
        superuser_client, zaaktype, selectielijstklasse=RESULTAAT_1, brondatumArchiefprocedure=brondatum
    )
    assert response.status_code == 400, rule
    assert (f"brondatumArchiefprocedure.{name}", code) in codes(response)


# --- published objects: ztc-009, ztc-010 (ztc-011a/b/c dropped) --------------------------------------------------


def test_ztc_009_published_zaaktype_cannot_be_patched_or_deleted(writer, zaaktype):
    detail = path(cat_url("zaaktypen", zaaktype))
    patched = writer.patch(detail, {"omschrijving": "Anders"}, format="json")
    assert patched.status_code == 400
    assert "non-concept-object" in {code for _, code in codes(patched)}
    deleted = writer.delete(detail)
    assert deleted.status_code == 400
    assert ("nonFieldErrors", "non-concept-object") in codes(deleted)


def test_ztc_009_correctie_with_geforceerd_schrijven(superuser_client, zaaktype):
    """superuser_client has every scope, catalogi.geforceerd-schrijven included."""
    response = superuser_client.patch(path(cat_url("zaaktypen", zaaktype)), {"omschrijving": "Anders"}, format="json")
    assert response.status_code == 200, response.json()


def test_ztc_009_published_zaaktype_may_get_an_einde_geldigheid(superuser_client, zaaktype):
    response = superuser_client.patch(
        path(cat_url("zaaktypen", zaaktype)), {"eindeGeldigheid": "2030-12-31"}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["eindeGeldigheid"] == "2030-12-31"


def test_ztc_010_statustype_of_a_published_zaaktype_is_frozen(writer, zaaktype):
    statustype = make_statustype(zaaktype, 1)
    detail = path(cat_url("statustypen", statustype))
    patched = writer.patch(detail, {"omschrijving": "Anders"}, format="json")
    assert patched.status_code == 400
    assert "non-concept-zaaktype" in {code for _, code in codes(patched)}
    deleted = writer.delete(detail)
    assert deleted.status_code == 400
    assert "non-concept-zaaktype" in {code for _, code in codes(deleted)}


def test_ztc_010_minimal_statustype_of_a_concept_zaaktype(superuser_client, concept_zaaktype):
    response = _statustype(superuser_client, concept_zaaktype)
    assert response.status_code == 201, response.json()


def test_ztc_010_no_new_statustype_for_a_published_zaaktype(writer, zaaktype):
    response = _statustype(writer, zaaktype)
    assert response.status_code == 400
    assert "non-concept-zaaktype" in {code for _, code in codes(response)}


def test_ztc_010_correctie_creates_a_statustype_for_a_published_zaaktype(superuser_client, zaaktype):
    """A correctie (catalogi.geforceerd-schrijven, which superuser_client has) may add a sub-type."""
    response = _statustype(superuser_client, zaaktype)
    assert response.status_code == 201, response.json()


def test_ztc_011a_dropped_besluittype_may_relate_to_a_published_zaaktype(writer, catalogus, zaaktype):
    response = writer.post(
        f"{CAT}/besluittypen",
        {
            "catalogus": cat_url("catalogussen", catalogus),
            "publicatieIndicatie": False,
            "informatieobjecttypen": [],
            "beginGeldigheid": "2024-01-01",
            "zaaktypen": [cat_url("zaaktypen", zaaktype)],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()


def test_ztc_011c_minimal_besluittype_may_relate_to_a_published_informatieobjecttype(superuser_client, catalogus):
    iot = _iot(catalogus)
    response = _besluittype(superuser_client, catalogus, [iot.omschrijving])
    assert response.status_code == 201, response.json()
    assert response.json()["informatieobjecttypen"] == [f"http://testserver{CAT}/informatieobjecttypen/{iot.uuid}"]


def test_ztc_011b_minimal_besluittype_without_informatieobjecttypen(superuser_client, catalogus):
    response = _besluittype(superuser_client, catalogus, [])
    assert response.status_code == 201, response.json()


# --- ztc-012, ztc-013 (dropped in 1.3.2) ----------------------------------------------------------------------------


def test_ztc_012_dropped_publishing_with_a_concept_informatieobjecttype(superuser_client, concept_zaaktype):
    iot = _iot(concept_zaaktype.catalogus, concept=True)
    cm.ZaakTypeInformatieObjectType.objects.create(
        zaaktype=concept_zaaktype, informatieobjecttype=iot, volgnummer=1, richting="inkomend"
    )
    response = superuser_client.post(f"{path(cat_url('zaaktypen', concept_zaaktype))}/publish")
    assert response.status_code == 200, response.json()
    assert response.json()["concept"] is False


def test_ztc_013_dropped_besluittype_with_an_informatieobjecttype_of_another_catalogus(superuser_client, catalogus):
    other = cm.Catalogus.objects.create(domein="ANDER", rsin=catalogus.rsin, contactpersoon_beheer_naam="Beheer")
    foreign = _iot(other)
    response = _besluittype(superuser_client, catalogus, [cat_url("informatieobjecttypen", foreign)])
    assert response.status_code == 201, response.json()
    assert response.json()["informatieobjecttypen"] == [cat_url("informatieobjecttypen", foreign)]


# --- ztc-015, ztc-016 (new in 1.3.2) ---------------------------------------------------------------------------------


def _eigenschap(client, zaaktype, formaat: str, lengte: str, **specificatie):
    return client.post(
        f"{CAT}/eigenschappen",
        {
            "naam": "datum",
            "definitie": "d",
            "zaaktype": cat_url("zaaktypen", zaaktype),
            "specificatie": {"formaat": formaat, "lengte": lengte, "kardinaliteit": "1", **specificatie},
        },
        format="json",
    )


@pytest.mark.parametrize("formaat,lengte", [("datum", "8"), ("datum_tijd", "14")])
def test_ztc_015_minimal_date_eigenschap(superuser_client, concept_zaaktype, formaat, lengte):
    assert _eigenschap(superuser_client, concept_zaaktype, formaat, lengte).status_code == 201


@pytest.mark.parametrize("formaat,lengte", [("datum", "10"), ("datum_tijd", "19")])
def test_ztc_015_date_eigenschap_with_another_lengte(superuser_client, concept_zaaktype, formaat, lengte):
    response = _eigenschap(superuser_client, concept_zaaktype, formaat, lengte)
    assert ("specificatie.lengte", "invalid-length") in codes(response)


def test_ztc_015_waardenverzameling_in_yyyymmdd(superuser_client, concept_zaaktype):
    ok = _eigenschap(superuser_client, concept_zaaktype, "datum", "8", waardenverzameling=["20240131"])
    assert ok.status_code == 201, ok.json()
    wrong = _eigenschap(superuser_client, concept_zaaktype, "datum_tijd", "14", waardenverzameling=["2024-01-31"])
    assert ("specificatie.waardenverzameling", "invalid-format") in codes(wrong)


def test_ztc_016_overlapping_published_version_is_not_published(superuser_client, zaaktype):
    """Both ends are inclusive: a concept starting on the published version's last day overlaps it."""
    zaaktype.datum_einde_geldigheid = datetime.date(2030, 1, 1)
    zaaktype.save()
    overlapping = make_zaaktype(
        zaaktype.catalogus, identificatie=zaaktype.identificatie, datum_begin_geldigheid=zaaktype.datum_einde_geldigheid
    )
    response = superuser_client.post(f"{path(cat_url('zaaktypen', overlapping))}/publish")
    assert ("beginGeldigheid", "overlap") in codes(response)
    overlapping.datum_begin_geldigheid = zaaktype.datum_einde_geldigheid + datetime.timedelta(days=1)
    overlapping.save()
    assert superuser_client.post(f"{path(cat_url('zaaktypen', overlapping))}/publish").status_code == 200


# --- ztc-014 ----------------------------------------------------------------------------------------------------------


def test_ztc_014_zaken_lezen_reads_the_zaaktype(make_api_client, zaaktype):
    client = make_api_client(
        autorisaties=[
            AutorisatieData(
                component="zrc",
                scopes=["zaken.lezen"],
                zaaktype=cat_url("zaaktypen", zaaktype),
                max_vertrouwelijkheidaanduiding="geheim",
            )
        ]
    )
    assert client.get(path(cat_url("zaaktypen", zaaktype))).status_code == 200
    assert client.get(f"{CAT}/zaaktypen").status_code == 200
