"""One 400 with every independent error (DECISIONS.md), ``nonFieldErrors`` for rules on a combination of fields."""

from __future__ import annotations

import pytest

from zgw.autorisaties.services import AutorisatieData

from .conftest import API, REFS, RESULTAAT_1, make_zaaktype, resultaattype_payload, url, zaaktype_payload

pytestmark = pytest.mark.django_db


def _params(response) -> set[tuple[str, str]]:
    return {(p["name"], p["code"]) for p in response.json()["invalidParams"]}


@pytest.fixture
def zaaktype(catalogus):
    return make_zaaktype(catalogus)


def test_ztc_002_procestype_mismatch_reported_with_ztc_004_to_008(superuser_client, zaaktype):
    """The suite's case: a klasse of another procestype that also breaks the brondatum rules shows both."""
    payload = resultaattype_payload(
        zaaktype,
        selectielijstklasse=RESULTAAT_1,  # procestype 1; the zaaktype has procestype 8
        brondatumArchiefprocedure={"afleidingswijze": "termijn", "datumkenmerk": "x", "registratie": "y"},
    )
    response = superuser_client.post(f"{API}/resultaattypen", payload, format="json")
    assert response.status_code == 400
    assert _params(response) >= {
        ("nonFieldErrors", "procestype-mismatch"),
        ("brondatumArchiefprocedure.procestermijn", "required"),  # ztc-008
        ("brondatumArchiefprocedure.datumkenmerk", "must-be-empty"),  # ztc-004
        ("brondatumArchiefprocedure.registratie", "must-be-empty"),  # ztc-007
        ("nonFieldErrors", "invalid-afleidingswijze-for-procestermijn"),  # ztc-003: the klasse's procestermijn nihil
    }


def test_ztc_003_is_skipped_when_the_selectielijstklasse_failed(superuser_client, zaaktype):
    payload = resultaattype_payload(
        zaaktype,
        selectielijstklasse=f"{REFS}/resultaten/00000000-0000-0000-0000-000000000000",
        brondatumArchiefprocedure={"afleidingswijze": "termijn"},
    )
    response = superuser_client.post(f"{API}/resultaattypen", payload, format="json")
    assert response.status_code == 400
    assert _params(response) == {
        ("selectielijstklasse", "bad-url"),
        ("brondatumArchiefprocedure.procestermijn", "required"),
    }


def test_ztc_002_unique_omschrijving_reported_with_the_selectielijst_rules(superuser_client, zaaktype):
    first = superuser_client.post(f"{API}/resultaattypen", resultaattype_payload(zaaktype), format="json")
    assert first.status_code == 201, first.json()
    payload = resultaattype_payload(zaaktype, selectielijstklasse=RESULTAAT_1)
    response = superuser_client.post(f"{API}/resultaattypen", payload, format="json")
    assert _params(response) == {("omschrijving", "unique"), ("nonFieldErrors", "procestype-mismatch")}


def test_ztc_010_reported_with_the_subtype_own_errors(make_api_client, catalogus):
    client = make_api_client(
        autorisaties=[AutorisatieData(component="ztc", scopes=["catalogi.lezen", "catalogi.schrijven"])]
    )
    published = make_zaaktype(catalogus, concept=False)
    payload = {
        "zaaktype": url("zaaktypen", published),
        "naam": "e",
        "definitie": "d",
        "specificatie": {"formaat": "tekst", "lengte": "999", "kardinaliteit": "abc"},
    }
    response = client.post(f"{API}/eigenschappen", payload, format="json")
    assert response.status_code == 400
    assert _params(response) == {
        ("nonFieldErrors", "non-concept-zaaktype"),
        ("specificatie.lengte", "invalid-length"),
        ("specificatie.kardinaliteit", "invalid"),
    }


def test_every_unresolvable_relation_item_is_reported(superuser_client, catalogus):
    payload = zaaktype_payload(catalogus, besluittypen=["Bestaat niet", "Ook niet"], verlengingMogelijk=True)
    payload.pop("verlengingstermijn", None)
    response = superuser_client.post(f"{API}/zaaktypen", payload, format="json")
    assert response.status_code == 400
    params = [(p["name"], p["code"]) for p in response.json()["invalidParams"]]
    assert params.count(("besluittypen", "does_not_exist")) == 2
    assert ("nonFieldErrors", "verlenging-mismatch") in params
