"""DECISIONS.md "One request with several independent validation errors": a malformed field and a broken rule are
reported in the same 400; a rule whose field failed or is missing skips (never a 500), and nothing is written."""

from __future__ import annotations

import pytest

from zgw.zaken.models import Zaak

from .conftest import post, zaak_payload

pytestmark = pytest.mark.django_db


def _params(response) -> set[tuple[str, str]]:
    return {(p["name"], p["code"]) for p in response.json()["invalidParams"]}


def test_zrc_014_rule_error_reported_with_a_field_error(superuser_client, zaaktype):
    body = zaak_payload(zaaktype, startdatum="geen-datum", betalingsindicatie="nvt")
    body["laatsteBetaaldatum"] = "2024-01-01T10:00:00Z"
    response = post(superuser_client, "zaken", body)
    assert response.status_code == 400
    assert _params(response) == {("startdatum", "invalid"), ("laatsteBetaaldatum", "betaling-nvt")}
    assert not Zaak.objects.exists()


def test_zrc_015_skips_when_zaaktype_failed(superuser_client, zaaktype):
    body = zaak_payload(zaaktype, productenOfDiensten=["https://example.com/product/ander"])
    body["zaaktype"] = "geen-url"
    response = post(superuser_client, "zaken", body)
    assert response.status_code == 400
    names = {name for name, _code in _params(response)}
    assert "zaaktype" in names
    assert "productenOfDiensten" not in names


def test_rules_on_a_body_missing_required_fields_never_500(superuser_client):
    response = post(
        superuser_client,
        "zaken",
        {"betalingsindicatie": "nvt", "laatsteBetaaldatum": "2024-01-01T10:00:00Z", "archiefstatus": "gearchiveerd"},
    )
    assert response.status_code == 400
    params = _params(response)
    assert ("laatsteBetaaldatum", "betaling-nvt") in params
    assert ("zaaktype", "required") in params
    assert ("archiefnominatie", "archiefnominatie-not-set") in params
    assert not Zaak.objects.exists()
