"""The smaller Zaken 1.6/1.7 changes, and 1.5.1-era request bodies that stay valid."""

from __future__ import annotations

import pytest

from .conftest import CRS, cat_url, create_zaak, post


def _status(client, zaak: dict, statustype, when: str):
    body = {"zaak": zaak["url"], "statustype": cat_url("statustypen", statustype), "datumStatusGezet": when}
    return post(client, "statussen", body)


def test_datum_status_gezet_not_before_startdatum(superuser_client, zaaktype, statustypen):
    zaak = create_zaak(superuser_client, zaaktype, startdatum="2024-03-01")
    response = _status(superuser_client, zaak, statustypen[0], "2024-02-29T12:00:00+01:00")
    assert response.status_code == 400
    assert response.json()["invalidParams"] == [
        {
            "name": "datumStatusGezet",
            "code": "before-startdatum",
            "reason": "De datum mag niet voor de startdatum van de zaak liggen.",
        }
    ]
    assert _status(superuser_client, zaak, statustypen[0], "2024-03-01T00:30:00+01:00").status_code == 201


def _rol(zaak: dict, roltype, identificatie: str) -> dict:
    return {
        "zaak": zaak["url"],
        "betrokkeneType": "medewerker",
        "roltoelichting": "behandelaar",
        "roltype": cat_url("roltypen", roltype),
        "betrokkeneIdentificatie": {"identificatie": identificatie},
    }


def test_medewerker_identificatie_up_to_254(superuser_client, zaaktype, roltype):
    zaak = create_zaak(superuser_client, zaaktype)
    long_id = "a" * 254
    created = post(superuser_client, "rollen", _rol(zaak, roltype, long_id))
    assert created.status_code == 201, created.json()
    assert created.json()["betrokkeneIdentificatie"]["identificatie"] == long_id
    too_long = post(superuser_client, "rollen", _rol(zaak, roltype, "a" * 255))
    assert too_long.status_code == 400
    assert too_long.json()["invalidParams"][0]["name"] == "betrokkeneIdentificatie.identificatie"
    found = superuser_client.get(
        "/zaken/api/v1/zaken", {"rol__betrokkeneIdentificatie__medewerker__identificatie": long_id}, **CRS
    )
    assert found.status_code == 200, found.json()
    assert [z["url"] for z in found.json()["results"]] == [zaak["url"]]
    refused = superuser_client.get(
        "/zaken/api/v1/zaken", {"rol__betrokkeneIdentificatie__medewerker__identificatie": "a" * 255}, **CRS
    )
    assert refused.status_code == 400


def _terrein(zaak: dict, **adres) -> dict:
    grp = {"wplWoonplaatsNaam": "Utrecht", "gorOpenbareRuimteNaam": "Dorpsstraat", "aoaHuisnummer": 1, **adres}
    return {
        "zaak": zaak["url"],
        "objectType": "terrein_gebouwd_object",
        "objectIdentificatie": {"identificatie": "TGO-1", "adresAanduidingGrp": grp},
    }


@pytest.mark.parametrize(
    "adres",
    [
        {"aoaIdentificatie": "0344200000000001"},  # Zaken 1.7
        {"oaoIdentificatie": "0344200000000001"},  # a 1.5.1 body
        {"oaoIdentificatie": "0344200000000001", "aoaIdentificatie": "0344200000000001"},
    ],
)
def test_aoa_identificatie_beside_the_deprecated_oao(superuser_client, zaaktype, adres):
    zaak = create_zaak(superuser_client, zaaktype)
    created = post(superuser_client, "zaakobjecten", _terrein(zaak, **adres))
    assert created.status_code == 201, created.json()
    stored = superuser_client.get(created.json()["url"].removeprefix("http://testserver")).json()
    assert {k: stored["objectIdentificatie"]["adresAanduidingGrp"][k] for k in adres} == adres


def test_one_of_aoa_or_oao_identificatie_required(superuser_client, zaaktype):
    zaak = create_zaak(superuser_client, zaaktype)
    response = post(superuser_client, "zaakobjecten", _terrein(zaak))
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"] == "objectIdentificatie.adresAanduidingGrp.aoaIdentificatie"


@pytest.mark.parametrize("value", ["europese_cooperatieve_vennootschap", "europese_cooperatieve_venootschap"])
def test_rechtsvorm_corrected_and_deprecated_spelling(superuser_client, zaaktype, roltype, value):
    zaak = create_zaak(superuser_client, zaaktype)
    body = {
        "zaak": zaak["url"],
        "betrokkeneType": "niet_natuurlijk_persoon",
        "roltoelichting": "aanvrager",
        "roltype": cat_url("roltypen", roltype),
        "betrokkeneIdentificatie": {"statutaireNaam": "Coop", "innRechtsvorm": value},
    }
    created = post(superuser_client, "rollen", body)
    assert created.status_code == 201, created.json()
    assert created.json()["betrokkeneIdentificatie"]["innRechtsvorm"] == value


def test_api_version_on_204(superuser_client, zaaktype, roltype):
    zaak = create_zaak(superuser_client, zaaktype)
    rol = post(superuser_client, "rollen", _rol(zaak, roltype, "m1")).json()
    deleted = superuser_client.delete(rol["url"].removeprefix("http://testserver"))
    assert deleted.status_code == 204
    assert deleted["API-version"] == "1.7.0"


def test_served_schema_17_details(anonymous_client, db):
    document = anonymous_client.get("/zaken/api/v1/schema/openapi.json").json()
    assert document["info"]["version"] == "1.7.0"
    for path in ("/zaakverzoeken", "/zaakverzoeken/{uuid}"):
        assert all(op["deprecated"] for op in document["paths"][path].values() if isinstance(op, dict))
    schemas = document["components"]["schemas"]
    for name in ("medewerker_Rol", "adres_ZaakObject"):
        assert "_expand" not in schemas[name]["properties"]
    assert schemas["ZaakZoekRequest"]["properties"]["expand"]["deprecated"] is True
    assert schemas["ZaakZoekRequest"]["properties"]["fields"]["type"] == "array"
    refs: list[str] = []

    def walk(node) -> None:
        if isinstance(node, dict):
            refs.extend([node["$ref"]] if isinstance(node.get("$ref"), str) else [])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(document)
    assert refs and all(ref.startswith("#/components/") for ref in refs)  # self-contained: remote refs inlined
    for name in ("EnkelvoudigInformatieObject", "Besluit", "ZaakType", "GenesteExpansie"):
        assert name in schemas


def test_15_era_zoek_body_with_expand_still_accepted(superuser_client, zaaktype):
    zaak = create_zaak(superuser_client, zaaktype)
    response = post(superuser_client, "zaken/_zoek", {"uuid__in": [zaak["uuid"]], "expand": "zaaktype"})
    assert response.status_code == 200, response.json()
    assert response.json()["results"][0]["_expand"]["zaaktype"]["url"] == zaak["zaaktype"]
