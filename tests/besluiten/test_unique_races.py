"""Issue 19: the unique rules of the Besluiten API hold under concurrency (20 identical creates, tests/races.py):
one 201, nineteen 400s with the sequential check's name and code, one row."""

from __future__ import annotations

import pytest
from django.db import connection

from tests.races import assert_one_winner, race
from zgw.besluiten.models import Besluit, BesluitInformatieObject
from zgw.documenten.models import ObjectInformatieObject

from .conftest import BESLUITEN, BIOS, RSIN, besluit_body, local_url

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent transactions need PostgreSQL"),
]


@pytest.fixture(autouse=True)
def _quiet(settings):
    settings.NOTIFICATIONS_DISABLED = True  # no delivery threads racing the flush


def test_brc_002_identificatie_per_verantwoordelijke_organisatie(superuser_client, besluittype_url):
    responses = race(superuser_client, BESLUITEN, besluit_body(besluittype_url, identificatie="RACE-1"))
    assert_one_winner(responses, "identificatie", "identificatie-niet-uniek")
    assert Besluit.objects.filter(verantwoordelijke_organisatie=RSIN, identificatie="RACE-1").count() == 1


def test_bio_besluit_and_informatieobject(superuser_client, create_besluit, document):
    besluit = create_besluit()
    body = {
        "besluit": besluit["url"],
        "informatieobject": local_url("documenten", "enkelvoudiginformatieobjecten", document),
    }
    assert_one_winner(race(superuser_client, BIOS, body), "nonFieldErrors", "unique")
    assert BesluitInformatieObject.objects.count() == 1
    assert ObjectInformatieObject.objects.filter(informatieobject=document).count() == 1  # one mirror
