"""Issue 19 finding 9: every unique rule holds under concurrency as a 400, never a 500 or a duplicate.

Per rule, 20 identical creates start at once from 20 threads (each with its own database connection): exactly one
201, nineteen 400s with the rule's code, one row.
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections
from rest_framework.test import APIClient

from tests.zaken.conftest import CRS, RSIN, cat_url, create_zaak, zaak_payload
from zgw.autorisaties.models import ClientIdentifier
from zgw.notificaties.models import Kanaal
from zgw.zaken.models import Status, Zaak, ZaakInformatieObject

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent transactions need PostgreSQL"),
]

N = 20


@pytest.fixture(autouse=True)
def _quiet(settings, tmp_path):
    settings.NOTIFICATIONS_DISABLED = True  # no delivery threads racing the flush
    settings.MEDIA_ROOT = str(tmp_path)


def _race(client: APIClient, path: str, body: dict) -> list:
    """POST ``body`` to ``path`` from N threads released together; the responses."""
    barrier = threading.Barrier(N)
    responses: list = [None] * N

    def worker(index: int) -> None:
        own = APIClient()
        own._credentials = dict(client._credentials)
        try:
            barrier.wait(timeout=30)
            responses[index] = own.post(path, body, format="json", **CRS)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(N)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return responses


def _assert_one_winner(responses: list, name: str, code: str) -> None:
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [201] + [400] * (N - 1), statuses
    for response in responses:
        if response.status_code == 400:
            params = [(p["name"], p["code"]) for p in response.json()["invalidParams"]]
            assert (name, code) in params, params


def test_zrc_002_concurrent_identical_identificatie(superuser_client, zaaktype):
    responses = _race(superuser_client, "/zaken/api/v1/zaken", zaak_payload(zaaktype, identificatie="RACE-1"))
    _assert_one_winner(responses, "identificatie", "identificatie-niet-uniek")
    assert Zaak.objects.filter(bronorganisatie=RSIN, identificatie="RACE-1").count() == 1


def test_status_concurrent_same_zaak_and_datum_status_gezet(superuser_client, zaaktype, statustypen):
    zaak = create_zaak(superuser_client, zaaktype)
    body = {
        "zaak": zaak["url"],
        "statustype": cat_url("statustypen", statustypen[0]),
        "datumStatusGezet": "2024-03-04T10:00:00Z",
    }
    responses = _race(superuser_client, "/zaken/api/v1/statussen", body)
    _assert_one_winner(responses, "nonFieldErrors", "unique")
    assert Status.objects.count() == 1


def test_zio_concurrent_same_zaak_and_informatieobject(superuser_client, zaaktype, iotype):
    from tests.documenten.conftest import EIO_LIST, eio_body

    document = superuser_client.post(EIO_LIST, eio_body(cat_url("informatieobjecttypen", iotype)), format="json")
    assert document.status_code == 201, document.content
    zaak = create_zaak(superuser_client, zaaktype)
    body = {"zaak": zaak["url"], "informatieobject": document.json()["url"]}
    responses = _race(superuser_client, "/zaken/api/v1/zaakinformatieobjecten", body)
    _assert_one_winner(responses, "nonFieldErrors", "unique")
    assert ZaakInformatieObject.objects.count() == 1


def test_zio_concurrent_same_zaak_and_remote_informatieobject_is_one_row(superuser_client, zaaktype):
    """The remote pair has its own constraint (checked on the table: a remote document needs an HTTP mock)."""
    from django.db import IntegrityError, transaction

    zaak = Zaak.objects.get(uuid=create_zaak(superuser_client, zaaktype)["uuid"])
    url = "https://drc.example.com/api/v1/enkelvoudiginformatieobjecten/1"
    ZaakInformatieObject.objects.create(zaak=zaak, informatieobject_url=url)
    with pytest.raises(IntegrityError), transaction.atomic():
        ZaakInformatieObject.objects.create(zaak=zaak, informatieobject_url=url)


def test_nrc_kanaal_concurrent_same_naam(superuser_client):
    body = {"naam": "race", "documentatieLink": "http://docs.local/race", "filters": []}
    responses = _race(superuser_client, "/notificaties/api/v1/kanaal", body)
    _assert_one_winner(responses, "naam", "unique")
    assert Kanaal.objects.filter(naam="race").count() == 1


def test_ac_001_concurrent_same_client_ids(superuser_client):
    body = {"clientIds": ["race-client"], "label": "race", "heeftAlleAutorisaties": True}
    responses = _race(superuser_client, "/autorisaties/api/v1/applicaties", body)
    _assert_one_winner(responses, "clientIds", "clientId-exists")
    assert ClientIdentifier.objects.filter(client_id="race-client").count() == 1
