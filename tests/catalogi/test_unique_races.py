"""Issue 19: every unique rule of the Catalogi API holds under concurrency as a 400, never a 500 or a duplicate.

Per rule, 20 identical creates start at once (tests/races.py): one 201, nineteen 400s with the sequential check's
name and code, one row. The version rules (ztc-016 for zaaktypen, the same for besluittypen and
informatieobjecttypen) are raced as 20 publishes of 20 overlapping concept versions: one 200, nineteen 400
``overlap``, one published version; they hold by the catalogus row lock and, behind it, the exclusion constraints of
migration 0004 (also tested directly, as an admin or import write that skips the services would meet them).
"""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction

from tests.races import N, assert_one_winner, race, race_each
from zgw.catalogi import models as m

from .conftest import API, make_besluittype, make_iot, make_zaaktype, resultaattype_payload, url

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent transactions need PostgreSQL"),
]


@pytest.fixture(autouse=True)
def _quiet(settings):
    settings.NOTIFICATIONS_DISABLED = True


@pytest.fixture
def zaaktype(catalogus) -> m.ZaakType:
    return make_zaaktype(catalogus)


def test_catalogus_domein_rsin(superuser_client):
    body = {"domein": "RACE", "rsin": "002564440", "contactpersoonBeheerNaam": "Beheer"}
    assert_one_winner(race(superuser_client, f"{API}/catalogussen", body), "nonFieldErrors", "unique")
    assert m.Catalogus.objects.filter(domein="RACE").count() == 1


def test_statustype_volgnummer_per_zaaktype(superuser_client, zaaktype):
    body = {"zaaktype": url("zaaktypen", zaaktype), "omschrijving": "Begin", "volgnummer": 1}
    assert_one_winner(race(superuser_client, f"{API}/statustypen", body), "volgnummer", "unique")
    assert zaaktype.statustypen.count() == 1


def test_roltype_omschrijving_per_zaaktype(superuser_client, zaaktype):
    body = {"zaaktype": url("zaaktypen", zaaktype), "omschrijving": "Aanvrager", "omschrijvingGeneriek": "initiator"}
    assert_one_winner(race(superuser_client, f"{API}/roltypen", body), "omschrijving", "unique")
    assert zaaktype.roltypen.count() == 1


def test_resultaattype_omschrijving_per_zaaktype(superuser_client, zaaktype):
    responses = race(superuser_client, f"{API}/resultaattypen", resultaattype_payload(zaaktype))
    assert_one_winner(responses, "omschrijving", "unique")
    assert zaaktype.resultaattypen.count() == 1


def test_eigenschap_naam_per_zaaktype(superuser_client, zaaktype):
    body = {
        "zaaktype": url("zaaktypen", zaaktype),
        "naam": "datum",
        "definitie": "d",
        "specificatie": {"formaat": "datum", "lengte": "8", "kardinaliteit": "1"},
    }
    assert_one_winner(race(superuser_client, f"{API}/eigenschappen", body), "naam", "unique")
    assert zaaktype.eigenschappen.count() == 1


def test_ziot_volgnummer_per_zaaktype(superuser_client, catalogus, zaaktype):
    iot = make_iot(catalogus, concept=False)
    body = {
        "zaaktype": url("zaaktypen", zaaktype),
        "informatieobjecttype": url("informatieobjecttypen", iot),
        "volgnummer": 1,
        "richting": "inkomend",
    }
    responses = race(superuser_client, f"{API}/zaaktype-informatieobjecttypen", body)
    assert_one_winner(responses, "volgnummer", "unique")
    assert zaaktype.ziots.count() == 1


@pytest.mark.parametrize(
    ("collection", "make", "key"),
    [
        ("zaaktypen", lambda c: make_zaaktype(c, identificatie="ZT-RACE"), "identificatie"),
        ("besluittypen", lambda c: make_besluittype(c, omschrijving="Race"), "omschrijving"),
        ("informatieobjecttypen", lambda c: make_iot(c, omschrijving="Race"), "omschrijving"),
    ],
)
def test_publish_of_overlapping_versions(superuser_client, catalogus, collection, make, key):
    """ztc-016 and kin: 20 concept versions with the same key and validity, published at once: exactly one wins."""
    versions = [make(catalogus) for _ in range(N)]
    responses = race_each(superuser_client, [(f"{url(collection, v)}/publish", None) for v in versions])
    assert_one_winner(responses, "beginGeldigheid", "overlap", success=200)
    model = type(versions[0])
    assert model.objects.filter(concept=False, **{key: getattr(versions[0], key)}).count() == 1


@pytest.mark.parametrize(
    "make",
    [
        lambda c, **kw: make_zaaktype(c, identificatie="ZT-DB", **kw),
        lambda c, **kw: make_besluittype(c, omschrijving="DB", **kw),
        lambda c, **kw: make_iot(c, omschrijving="DB", **kw),
    ],
)
def test_exclusion_constraint_refuses_overlapping_published_rows(catalogus, other_catalogus, make):
    import datetime

    make(catalogus, concept=False, datum_einde_geldigheid=datetime.date(2024, 6, 30))
    make(catalogus, concept=False, datum_begin_geldigheid=datetime.date(2024, 7, 1))  # adjacent: allowed
    make(catalogus, concept=True)  # concepts may overlap
    make(other_catalogus, concept=False)  # another catalogus
    with pytest.raises(IntegrityError, match="versies_geen_overlap"), transaction.atomic():
        make(catalogus, concept=False, datum_begin_geldigheid=datetime.date(2024, 6, 30))  # shares 30 June
