"""ZaakObject objectType ``overige`` with an objectTypeOverigeDefinitie: the object data must fit the schema."""

from __future__ import annotations

import pytest

from zgw.zaken.models import ZaakObject

from .conftest import create_zaak, post

OBJECTTYPE = "https://objecttypen.example.nl/api/v2/objecttypes/boom"
OBJECT = "https://objecten.example.nl/api/v2/objects/42"
SCHEMA = {"type": "object", "required": ["soort"], "properties": {"soort": {"type": "string"}}}


@pytest.fixture
def remote(responses_mock):
    responses_mock.get(OBJECTTYPE, json={"url": OBJECTTYPE, "versions": [{"jsonSchema": SCHEMA}]})
    return responses_mock


def body(zaak, **definitie):
    return {
        "zaak": zaak["url"],
        "objectType": "overige",
        "object": OBJECT,
        "objectTypeOverigeDefinitie": {
            "url": OBJECTTYPE,
            "schema": ".versions[0].jsonSchema",
            "objectData": ".record.data",
            **definitie,
        },
    }


def test_object_data_that_fits_the_schema_is_accepted(superuser_client, zaaktype, remote):
    remote.get(OBJECT, json={"url": OBJECT, "record": {"data": {"soort": "eik"}}})
    response = post(superuser_client, "zaakobjecten", body(create_zaak(superuser_client, zaaktype)))
    assert response.status_code == 201, response.json()
    assert response.json()["objectTypeOverigeDefinitie"]["schema"] == ".versions[0].jsonSchema"


def test_object_data_that_breaks_the_schema_is_invalid_schema(superuser_client, zaaktype, remote):
    remote.get(OBJECT, json={"url": OBJECT, "record": {"data": {"hoogte": 12}}})
    response = post(superuser_client, "zaakobjecten", body(create_zaak(superuser_client, zaaktype)))
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["code"] == "invalid-schema"
    assert not ZaakObject.objects.exists()


def test_a_jq_expression_that_selects_nothing_is_invalid(superuser_client, zaaktype, remote):
    remote.get(OBJECT, json={"url": OBJECT, "record": {"data": {"soort": "eik"}}})
    response = post(superuser_client, "zaakobjecten", body(create_zaak(superuser_client, zaaktype), schema="]["))
    assert response.status_code == 400
    assert response.json()["invalidParams"][0] == {
        "name": "objectTypeOverigeDefinitie",
        "code": "invalid",
        "reason": response.json()["invalidParams"][0]["reason"],
    }


def test_an_unreachable_object_is_bad_url(superuser_client, zaaktype, remote):
    remote.get(OBJECT, status=404)
    response = post(superuser_client, "zaakobjecten", body(create_zaak(superuser_client, zaaktype)))
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"] == "object"
    assert response.json()["invalidParams"][0]["code"] == "bad-url"


def test_a_definitie_needs_an_object_url(superuser_client, zaaktype, remote):
    data = body(create_zaak(superuser_client, zaaktype))
    data["object"] = ""
    data["objectIdentificatie"] = {"overigeData": {"a": 1}}
    response = post(superuser_client, "zaakobjecten", data)
    assert response.status_code == 400
    assert ("object", "required") in {(p["name"], p["code"]) for p in response.json()["invalidParams"]}
