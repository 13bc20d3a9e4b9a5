"""Besluiten: every independent rule of a request in one 400 (DECISIONS.md)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from .conftest import BESLUITEN, besluit_body

pytestmark = pytest.mark.django_db


def _params(response) -> set[tuple[str, str]]:
    return {(p["name"], p["code"]) for p in response.json()["invalidParams"]}


def test_brc_002_and_the_date_rules_reported_together(superuser_client, create_besluit, besluittype_url):
    create_besluit(identificatie="B-1")
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    body = besluit_body(
        besluittype_url,
        identificatie="B-1",
        datum=tomorrow.isoformat(),
        vervaldatum="2000-01-01",
    )
    response = superuser_client.post(BESLUITEN, body, format="json")
    assert response.status_code == 400
    assert _params(response) >= {
        ("identificatie", "identificatie-niet-uniek"),
        ("datum", "future_not_allowed"),
        ("vervaldatum", "vervaldatum-voor-ingangsdatum"),
    }


def test_brc_002_immutables_reported_with_the_date_rules_on_update(superuser_client, create_besluit):
    besluit = create_besluit()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = superuser_client.patch(
        besluit["url"], {"identificatie": "ANDERS", "datum": tomorrow.isoformat()}, format="json"
    )
    assert response.status_code == 400
    assert _params(response) >= {("identificatie", "wijzigen-niet-toegelaten"), ("datum", "future_not_allowed")}
