"""Issue 19: the unique rules of the Documenten API hold under concurrency (20 identical creates, tests/races.py):
one 201, nineteen 400s with the sequential check's name and code, one row. Gebruiksrechten have no unique rule."""

from __future__ import annotations

import pytest
from django.db import connection

from tests.races import assert_one_winner, race
from zgw.documenten.models import EnkelvoudigInformatieObject, ObjectInformatieObject

from .conftest import EIO_LIST, eio_body

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent transactions need PostgreSQL"),
]

OIO = "/documenten/api/v1/objectinformatieobjecten"
REMOTE_ZAAK = "https://zaken.example.nl/zaken/api/v1/zaken/7d0f7d52-5c61-4f36-9d8e-3f2b1f8e2a10"
REMOTE_ZIO = "https://zaken.example.nl/zaken/api/v1/zaakinformatieobjecten"


@pytest.fixture(autouse=True)
def _quiet(settings):
    settings.NOTIFICATIONS_DISABLED = True  # no delivery threads racing the flush


def test_eio_identificatie_per_bronorganisatie(superuser_client, iotype):
    responses = race(superuser_client, EIO_LIST, eio_body(iotype["url"], identificatie="RACE-1"))
    assert_one_winner(responses, "identificatie", "identificatie-niet-uniek")
    assert EnkelvoudigInformatieObject.objects.filter(identificatie="RACE-1").count() == 1


def test_drc_003_oio_object_and_informatieobject(superuser_client, create_eio, mocked):
    document = create_eio()
    zaak = {
        "url": REMOTE_ZAAK,
        "zaaktype": "https://x/zt/1",
        "bronorganisatie": "000000000",
        "startdatum": "2024-01-01",
    }
    mocked.get(REMOTE_ZAAK, json=zaak)
    mocked.get(REMOTE_ZIO, json=[{"url": f"{REMOTE_ZIO}/1", "zaak": REMOTE_ZAAK, "informatieobject": document["url"]}])
    body = {"informatieobject": document["url"], "object": REMOTE_ZAAK, "objectType": "zaak"}
    assert_one_winner(race(superuser_client, OIO, body), "nonFieldErrors", "unique")
    assert ObjectInformatieObject.objects.filter(object=REMOTE_ZAAK).count() == 1
