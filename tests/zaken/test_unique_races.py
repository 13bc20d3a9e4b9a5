"""Issue 19 finding 9: every unique rule holds under concurrency as a 400, never a 500 or a duplicate.

Per rule, 20 identical creates start at once from 20 threads (each with its own database connection): exactly one
201, nineteen 400s with the rule's code, one row.
"""

from __future__ import annotations

import pytest
from django.db import connection

from tests.races import assert_one_winner, race
from tests.zaken.conftest import CRS, RSIN, cat_url, create_zaak, zaak_payload
from zgw.autorisaties.models import ClientIdentifier
from zgw.notificaties.models import Kanaal
from zgw.zaken.models import Status, Zaak, ZaakInformatieObject

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent transactions need PostgreSQL"),
]


@pytest.fixture(autouse=True)
def _quiet(settings, tmp_path):
    settings.NOTIFICATIONS_DISABLED = True  # no delivery threads racing the flush
    settings.MEDIA_ROOT = str(tmp_path)


def test_zrc_002_concurrent_identical_identificatie(superuser_client, zaaktype):
    responses = race(superuser_client, "/zaken/api/v1/zaken", zaak_payload(zaaktype, identificatie="RACE-1"), **CRS)
    assert_one_winner(responses, "identificatie", "identificatie-niet-uniek")
    assert Zaak.objects.filter(bronorganisatie=RSIN, identificatie="RACE-1").count() == 1


def test_status_concurrent_same_zaak_and_datum_status_gezet(superuser_client, zaaktype, statustypen):
    zaak = create_zaak(superuser_client, zaaktype)
    body = {
        "zaak": zaak["url"],
        "statustype": cat_url("statustypen", statustypen[0]),
        "datumStatusGezet": "2024-03-04T10:00:00Z",
    }
    responses = race(superuser_client, "/zaken/api/v1/statussen", body, **CRS)
    assert_one_winner(responses, "nonFieldErrors", "unique")
    assert Status.objects.count() == 1


def test_zio_concurrent_same_zaak_and_informatieobject(superuser_client, zaaktype, iotype):
    from tests.documenten.conftest import EIO_LIST, eio_body

    document = superuser_client.post(EIO_LIST, eio_body(cat_url("informatieobjecttypen", iotype)), format="json")
    assert document.status_code == 201, document.content
    zaak = create_zaak(superuser_client, zaaktype)
    body = {"zaak": zaak["url"], "informatieobject": document.json()["url"]}
    responses = race(superuser_client, "/zaken/api/v1/zaakinformatieobjecten", body, **CRS)
    assert_one_winner(responses, "nonFieldErrors", "unique")
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
    responses = race(superuser_client, "/notificaties/api/v1/kanaal", body, **CRS)
    assert_one_winner(responses, "naam", "unique")
    assert Kanaal.objects.filter(naam="race").count() == 1


def test_ac_001_concurrent_same_client_ids(superuser_client):
    body = {"clientIds": ["race-client"], "label": "race", "heeftAlleAutorisaties": True}
    responses = race(superuser_client, "/autorisaties/api/v1/applicaties", body, **CRS)
    assert_one_winner(responses, "clientIds", "clientId-exists")
    assert ClientIdentifier.objects.filter(client_id="race-client").count() == 1
