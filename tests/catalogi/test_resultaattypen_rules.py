"""ztc-002 … ztc-008: resultaattype validation against the Selectielijst and brondatumArchiefprocedure rules."""

from __future__ import annotations

import pytest
import responses

from .conftest import (
    API,
    PROCESTYPE_1,
    REFS,
    RESULTAAT_1,
    RESULTAAT_8_BESTAANSDUUR,
    make_zaaktype,
    resultaattype_payload,
)

RESULTAAT_15_INGESCHAT = f"{REFS}/resultaten/59596a33-c8db-4aa7-bb81-140cb29bb42a"  # procestermijn ingeschatte…
PROCESTYPE_15 = f"{REFS}/procestypen/388645ae-bb7f-4b2b-ba70-94b70f713d45"
RESULTAAT_1_ZONDER_TERMIJN = f"{REFS}/resultaten/6d37598e-30f0-4aef-930d-3e1690725d95"  # no procestermijn


def _codes(response) -> dict[str, str]:
    return {p["name"]: p["code"] for p in response.json().get("invalidParams", [])}


@pytest.fixture
def zaaktype(catalogus):
    return make_zaaktype(catalogus)


def test_ztc_002_derives_archiefnominatie_termijn_and_omschrijving_generiek(superuser_client, zaaktype):
    response = superuser_client.post(f"{API}/resultaattypen", resultaattype_payload(zaaktype), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["archiefnominatie"], body["archiefactietermijn"]) == ("vernietigen", "P5Y")
    assert body["omschrijvingGeneriek"] == "Afgewezen"


def test_ztc_002_explicit_archiefnominatie_is_kept(superuser_client, zaaktype):
    payload = resultaattype_payload(zaaktype, archiefnominatie="blijvend_bewaren", archiefactietermijn="P1Y")
    response = superuser_client.post(f"{API}/resultaattypen", payload, format="json")
    assert response.status_code == 201, response.json()
    assert (response.json()["archiefnominatie"], response.json()["archiefactietermijn"]) == ("blijvend_bewaren", "P1Y")


def test_ztc_002_selectielijstklasse_procestype_mismatch(superuser_client, zaaktype):
    payload = resultaattype_payload(zaaktype, selectielijstklasse=RESULTAAT_1)
    response = superuser_client.post(f"{API}/resultaattypen", payload, format="json")
    assert response.status_code == 400
    assert _codes(response) == {"nonFieldErrors": "procestype-mismatch"}


def test_ztc_002_selectielijstklasse_matching_other_procestype(superuser_client, catalogus):
    zaaktype = make_zaaktype(catalogus, selectielijst_procestype=PROCESTYPE_1)
    payload = resultaattype_payload(
        zaaktype, selectielijstklasse=RESULTAAT_1, brondatumArchiefprocedure={"afleidingswijze": "afgehandeld"}
    )
    response = superuser_client.post(f"{API}/resultaattypen", payload, format="json")
    assert response.status_code == 201, response.json()


def test_ztc_002_unknown_selectielijstklasse(superuser_client, zaaktype):
    payload = resultaattype_payload(
        zaaktype, selectielijstklasse=f"{REFS}/resultaten/00000000-0000-0000-0000-000000000000"
    )
    response = superuser_client.post(f"{API}/resultaattypen", payload, format="json")
    assert response.status_code == 400
    assert _codes(response) == {"selectielijstklasse": "bad-url"}


def test_ztc_002_resultaattypeomschrijving_must_be_a_referentielijst_record(superuser_client, zaaktype):
    payload = resultaattype_payload(zaaktype, resultaattypeomschrijving=RESULTAAT_1)  # a resultaat, not an rto
    response = superuser_client.post(f"{API}/resultaattypen", payload, format="json")
    assert response.status_code == 400
    assert _codes(response) == {"resultaattypeomschrijving": "bad-url"}


@responses.activate
def test_ztc_002_remote_selectielijst_is_fetched_over_http(superuser_client, catalogus):
    remote_procestype = "https://selectielijst.example.com/api/v1/procestypen/aa"
    remote_resultaat = "https://selectielijst.example.com/api/v1/resultaten/bb"
    remote_rto = "https://selectielijst.example.com/api/v1/resultaattypeomschrijvingen/cc"
    responses.get(
        remote_resultaat,
        json={
            "url": remote_resultaat,
            "procesType": remote_procestype,
            "waardering": "blijvend_bewaren",
            "procestermijn": "nihil",
        },
    )
    responses.get(remote_rto, json={"url": remote_rto, "omschrijving": "Remote omschrijving"})
    zaaktype = make_zaaktype(catalogus, selectielijst_procestype=remote_procestype)
    payload = resultaattype_payload(
        zaaktype, selectielijstklasse=remote_resultaat, resultaattypeomschrijving=remote_rto
    )
    response = superuser_client.post(f"{API}/resultaattypen", payload, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["omschrijvingGeneriek"] == "Remote omschrijving"
    assert response.json()["archiefnominatie"] == "blijvend_bewaren"


@responses.activate
def test_ztc_002_remote_invalid_resource(superuser_client, zaaktype):
    remote = "https://selectielijst.example.com/api/v1/resultaten/bb"
    responses.get(remote, json={"unexpected": True})
    response = superuser_client.post(
        f"{API}/resultaattypen", resultaattype_payload(zaaktype, selectielijstklasse=remote), format="json"
    )
    assert response.status_code == 400
    assert _codes(response) == {"selectielijstklasse": "invalid-resource"}


def test_ztc_003_nihil_requires_afgehandeld(superuser_client, zaaktype):
    payload = resultaattype_payload(zaaktype, brondatumArchiefprocedure={"afleidingswijze": "hoofdzaak"})
    response = superuser_client.post(f"{API}/resultaattypen", payload, format="json")
    assert response.status_code == 400
    assert _codes(response) == {"nonFieldErrors": "invalid-afleidingswijze-for-procestermijn"}


def test_ztc_003_ingeschatte_bestaansduur_requires_termijn(superuser_client, catalogus):
    zaaktype = make_zaaktype(catalogus, selectielijst_procestype=PROCESTYPE_15)
    bad = resultaattype_payload(
        zaaktype, selectielijstklasse=RESULTAAT_15_INGESCHAT, brondatumArchiefprocedure={"afleidingswijze": "hoofdzaak"}
    )
    assert _codes(superuser_client.post(f"{API}/resultaattypen", bad, format="json")) == {
        "nonFieldErrors": "invalid-afleidingswijze-for-procestermijn"
    }
    good = resultaattype_payload(
        zaaktype,
        selectielijstklasse=RESULTAAT_15_INGESCHAT,
        brondatumArchiefprocedure={"afleidingswijze": "termijn", "procestermijn": "P5Y"},
    )
    assert superuser_client.post(f"{API}/resultaattypen", good, format="json").status_code == 201


def test_ztc_003_without_procestermijn_every_afleidingswijze_is_allowed(superuser_client, catalogus):
    zaaktype = make_zaaktype(catalogus, selectielijst_procestype=PROCESTYPE_1)
    payload = resultaattype_payload(
        zaaktype,
        selectielijstklasse=RESULTAAT_1_ZONDER_TERMIJN,
        brondatumArchiefprocedure={"afleidingswijze": "hoofdzaak"},
    )
    assert superuser_client.post(f"{API}/resultaattypen", payload, format="json").status_code == 201


# afleidingswijze → (a valid brondatumArchiefprocedure, {field: value that must be rejected})
FULL = {"datumkenmerk": "datum", "objecttype": "pand", "registratie": "BAG", "procestermijn": "P5Y"}
CASES = {
    "afgehandeld": (
        {},
        {
            "datumkenmerk": "x",
            "objecttype": "pand",
            "registratie": "BAG",
            "procestermijn": "P1Y",
            "einddatumBekend": True,
        },
    ),
    "ander_datumkenmerk": ({"datumkenmerk": "d", "objecttype": "pand", "registratie": "BAG"}, {"procestermijn": "P1Y"}),
    "eigenschap": ({"datumkenmerk": "d"}, {"objecttype": "pand", "registratie": "BAG", "procestermijn": "P1Y"}),
    "gerelateerde_zaak": ({}, {"datumkenmerk": "d", "objecttype": "pand", "registratie": "r", "procestermijn": "P1Y"}),
    "hoofdzaak": ({}, {"datumkenmerk": "d", "objecttype": "pand", "registratie": "r", "procestermijn": "P1Y"}),
    "ingangsdatum_besluit": (
        {},
        {"datumkenmerk": "d", "objecttype": "pand", "registratie": "r", "procestermijn": "P1Y"},
    ),
    "termijn": (
        {"procestermijn": "P5Y"},
        {"datumkenmerk": "d", "objecttype": "pand", "registratie": "r", "einddatumBekend": True},
    ),
    "vervaldatum_besluit": (
        {},
        {"datumkenmerk": "d", "objecttype": "pand", "registratie": "r", "procestermijn": "P1Y"},
    ),
    "zaakobject": ({"datumkenmerk": "d", "objecttype": "pand"}, {"registratie": "r", "procestermijn": "P1Y"}),
}
REQUIRED = {
    "ander_datumkenmerk": {"datumkenmerk", "objecttype", "registratie"},
    "eigenschap": {"datumkenmerk"},
    "termijn": {"procestermijn"},
    "zaakobject": {"datumkenmerk", "objecttype"},
}


def _post_brondatum(client, catalogus, brondatum: dict):
    # procestype 1 / resultaat without procestermijn: ztc-003 allows every afleidingswijze
    zaaktype = make_zaaktype(catalogus, selectielijst_procestype=PROCESTYPE_1, identificatie="ZT-" + str(id(brondatum)))
    payload = resultaattype_payload(
        zaaktype, selectielijstklasse=RESULTAAT_1_ZONDER_TERMIJN, brondatumArchiefprocedure=brondatum
    )
    return client.post(f"{API}/resultaattypen", payload, format="json")


@pytest.mark.parametrize("afleidingswijze", sorted(CASES))
def test_ztc_004_008_valid_brondatum_per_afleidingswijze(superuser_client, catalogus, afleidingswijze):
    valid, _ = CASES[afleidingswijze]
    response = _post_brondatum(superuser_client, catalogus, {"afleidingswijze": afleidingswijze, **valid})
    assert response.status_code == 201, response.json()
    assert response.json()["brondatumArchiefprocedure"]["afleidingswijze"] == afleidingswijze


@pytest.mark.parametrize("afleidingswijze", sorted(REQUIRED))
def test_ztc_004_008_required_fields_per_afleidingswijze(superuser_client, catalogus, afleidingswijze):
    response = _post_brondatum(superuser_client, catalogus, {"afleidingswijze": afleidingswijze})
    assert response.status_code == 400
    assert _codes(response) == {f"brondatumArchiefprocedure.{f}": "required" for f in REQUIRED[afleidingswijze]}


@pytest.mark.parametrize("afleidingswijze", sorted(CASES))
def test_ztc_004_008_forbidden_fields_per_afleidingswijze(superuser_client, catalogus, afleidingswijze):
    valid, forbidden = CASES[afleidingswijze]
    response = _post_brondatum(superuser_client, catalogus, {"afleidingswijze": afleidingswijze, **valid, **forbidden})
    assert response.status_code == 400
    assert _codes(response) == {f"brondatumArchiefprocedure.{f}": "must-be-empty" for f in forbidden}


def test_brondatum_null_clears_the_group(superuser_client, catalogus):
    response = _post_brondatum(superuser_client, catalogus, {"afleidingswijze": "termijn", "procestermijn": "P5Y"})
    assert response.status_code == 201
    patched = superuser_client.patch(response.json()["url"], {"brondatumArchiefprocedure": None}, format="json")
    assert patched.status_code == 200, patched.json()
    assert patched.json()["brondatumArchiefprocedure"] is None


def test_resultaattype_bestaansduur_accepts_other_afleidingswijze(superuser_client, zaaktype):
    payload = resultaattype_payload(
        zaaktype,
        selectielijstklasse=RESULTAAT_8_BESTAANSDUUR,
        brondatumArchiefprocedure={"afleidingswijze": "hoofdzaak"},
    )
    assert superuser_client.post(f"{API}/resultaattypen", payload, format="json").status_code == 201


@responses.activate  # any real HTTP call would fail: nothing is registered
def test_local_referentielijsten_root_validates_without_http(superuser_client, catalogus, settings):
    settings.REFERENTIELIJSTEN_API_ROOT = f"{REFS}/"
    zaaktype = make_zaaktype(catalogus)
    response = superuser_client.post(f"{API}/resultaattypen", resultaattype_payload(zaaktype), format="json")
    assert response.status_code == 201, response.json()
    assert len(responses.calls) == 0


def test_ztc_004_datumkenmerk(superuser_client, catalogus):
    missing = _post_brondatum(superuser_client, catalogus, {"afleidingswijze": "eigenschap"})
    assert _codes(missing) == {"brondatumArchiefprocedure.datumkenmerk": "required"}
    extra = _post_brondatum(superuser_client, catalogus, {"afleidingswijze": "hoofdzaak", "datumkenmerk": "x"})
    assert _codes(extra) == {"brondatumArchiefprocedure.datumkenmerk": "must-be-empty"}


def test_ztc_005_einddatum_bekend(superuser_client, catalogus):
    refused = _post_brondatum(superuser_client, catalogus, {"afleidingswijze": "afgehandeld", "einddatumBekend": True})
    assert _codes(refused) == {"brondatumArchiefprocedure.einddatumBekend": "must-be-empty"}
    allowed = _post_brondatum(superuser_client, catalogus, {"afleidingswijze": "hoofdzaak", "einddatumBekend": True})
    assert allowed.status_code == 201
    assert allowed.json()["brondatumArchiefprocedure"]["einddatumBekend"] is True


def test_ztc_006_objecttype(superuser_client, catalogus):
    missing = _post_brondatum(superuser_client, catalogus, {"afleidingswijze": "zaakobject", "datumkenmerk": "d"})
    assert _codes(missing) == {"brondatumArchiefprocedure.objecttype": "required"}
    extra = _post_brondatum(
        superuser_client, catalogus, {"afleidingswijze": "eigenschap", "datumkenmerk": "d", "objecttype": "pand"}
    )
    assert _codes(extra) == {"brondatumArchiefprocedure.objecttype": "must-be-empty"}


def test_ztc_007_registratie(superuser_client, catalogus):
    missing = _post_brondatum(
        superuser_client,
        catalogus,
        {"afleidingswijze": "ander_datumkenmerk", "datumkenmerk": "d", "objecttype": "pand"},
    )
    assert _codes(missing) == {"brondatumArchiefprocedure.registratie": "required"}
    extra = _post_brondatum(
        superuser_client,
        catalogus,
        {"afleidingswijze": "zaakobject", "datumkenmerk": "d", "objecttype": "pand", "registratie": "BAG"},
    )
    assert _codes(extra) == {"brondatumArchiefprocedure.registratie": "must-be-empty"}


def test_ztc_008_procestermijn(superuser_client, catalogus):
    missing = _post_brondatum(superuser_client, catalogus, {"afleidingswijze": "termijn"})
    assert _codes(missing) == {"brondatumArchiefprocedure.procestermijn": "required"}
    extra = _post_brondatum(superuser_client, catalogus, {"afleidingswijze": "hoofdzaak", "procestermijn": "P1Y"})
    assert _codes(extra) == {"brondatumArchiefprocedure.procestermijn": "must-be-empty"}
