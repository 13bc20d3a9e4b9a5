"""The id-list cache of lists (zgw.common.listcache): served from memory, and never stale after a write."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from zgw.autorisaties.services import AutorisatieData
from zgw.common import listcache
from zgw.zaken.models import Zaak

from .conftest import CRS, cat_url, create_zaak

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the kept lists serve the PostgreSQL list path"),
]


def _reader(make_api_client, zaaktype, level: str = "zaakvertrouwelijk"):
    grant = AutorisatieData(
        component="zrc",
        scopes=["zaken.lezen"],
        zaaktype=cat_url("zaaktypen", zaaktype),
        max_vertrouwelijkheidaanduiding=level,
    )
    return make_api_client(autorisaties=[grant])


def _id_fetches(ctx) -> int:
    """Queries that count zaken or fetch their ids (what the cache saves)."""
    return sum(
        1
        for q in ctx.captured_queries
        if q["sql"].startswith('SELECT "zaken_zaak"."id" AS "pk" FROM') or q["sql"].startswith("SELECT COUNT(")
    )


def _count(client) -> int:
    response = client.get("/zaken/api/v1/zaken?pageSize=2", **CRS)
    assert response.status_code == 200
    return response.json()["count"]


def test_second_request_comes_from_memory(superuser_client, make_api_client, zaaktype):
    for _ in range(5):
        create_zaak(superuser_client, zaaktype)
    reader = _reader(make_api_client, zaaktype)
    assert _count(reader) == 5
    with CaptureQueriesContext(connection) as second:
        response = reader.get("/zaken/api/v1/zaken?pageSize=2&page=3", **CRS)
    assert response.json()["count"] == 5 and len(response.json()["results"]) == 1
    assert _id_fetches(second) == 0  # count and page from the kept ids


def test_writes_through_the_api_and_the_orm_are_seen_at_once(superuser_client, make_api_client, zaaktype):
    reader = _reader(make_api_client, zaaktype)
    first = create_zaak(superuser_client, zaaktype, vertrouwelijkheidaanduiding="openbaar")
    assert _count(reader) == 1
    create_zaak(superuser_client, zaaktype)
    assert _count(reader) == 2
    # a level above the reader's maximum takes the zaak out of its list
    patched = superuser_client.patch(
        first["url"], {"vertrouwelijkheidaanduiding": "geheim"}, format="json", **CRS
    )
    assert patched.status_code == 200
    assert _count(reader) == 1
    Zaak.objects.filter(uuid=first["uuid"]).get().delete()  # the ORM directly, outside the API
    assert _count(reader) == 1
    zaak = Zaak.objects.exclude(uuid=first["uuid"]).get()
    zaak.delete()
    assert _count(reader) == 0


def test_a_rolled_back_write_changes_nothing(superuser_client, make_api_client, zaaktype):
    create_zaak(superuser_client, zaaktype)
    reader = _reader(make_api_client, zaaktype)
    assert _count(reader) == 1
    with pytest.raises(RuntimeError), transaction.atomic():
        Zaak.objects.get().delete()
        assert _count(reader) == 0  # inside the transaction its own write shows
        raise RuntimeError("roll back")
    assert _count(reader) == 1


def test_a_new_grant_is_a_new_list(superuser_client, make_api_client, zaaktype):
    create_zaak(superuser_client, zaaktype, vertrouwelijkheidaanduiding="geheim")
    assert _count(_reader(make_api_client, zaaktype)) == 0
    assert _count(_reader(make_api_client, zaaktype, level="geheim")) == 1


def test_entries_expire(settings, superuser_client, make_api_client, zaaktype):
    settings.ZGW_LIST_CACHE_TTL = 0
    create_zaak(superuser_client, zaaktype)
    reader = _reader(make_api_client, zaaktype)
    _count(reader)
    with CaptureQueriesContext(connection) as again:
        _count(reader)
    assert _id_fetches(again) == 1


def test_disabled_is_the_plain_queryset(settings, superuser_client, zaaktype):
    settings.ZGW_LIST_CACHE = False
    create_zaak(superuser_client, zaaktype)
    assert isinstance(listcache.ids(Zaak.objects.all(), ("zaken",)), type(Zaak.objects.values_list("pk")))


def test_the_memory_budget_drops_the_oldest_lists(settings, superuser_client, make_api_client, zaaktype):
    settings.ZGW_LIST_CACHE_MAX_IDS = 8  # lists of at most 2 ids are kept, 8 ids in all
    for _ in range(2):
        create_zaak(superuser_client, zaaktype)
    levels = ["zaakvertrouwelijk", "vertrouwelijk", "confidentieel", "geheim", "zeer_geheim"]
    readers = [_reader(make_api_client, zaaktype, level) for level in levels]  # five grants: five lists
    for reader in readers:
        assert _count(reader) == 2
    with CaptureQueriesContext(connection) as newest:
        _count(readers[-1])
    with CaptureQueriesContext(connection) as oldest:
        _count(readers[0])
    assert (_id_fetches(newest), _id_fetches(oldest)) == (0, 1)


def test_a_search_that_matches_nothing_is_an_empty_page(superuser_client, make_api_client, zaaktype):
    """``_zoek`` whose geometry holds no zaak filters on ``pk__in=[]``: 200 with nothing, not a 500."""
    create_zaak(superuser_client, zaaktype, zaakgeometrie={"type": "Point", "coordinates": [5.0, 52.0]})
    reader = _reader(make_api_client, zaaktype)
    elsewhere = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]}
    response = reader.post(
        "/zaken/api/v1/zaken/_zoek", {"zaakgeometrie": {"within": elsewhere}}, format="json", **CRS
    )
    assert response.status_code == 200, response.content
    assert response.json()["count"] == 0 and response.json()["results"] == []
    assert len(listcache.ids(Zaak.objects.filter(pk__in=[]), ("zaken",))) == 0


def test_after_a_commit_the_connection_keeps_lists_again(superuser_client, make_api_client, zaaktype):
    """A write marks the transaction's lists as private; its commit lifts that for the next transaction."""
    from django.db import connection as conn

    create_zaak(superuser_client, zaaktype)
    reader = _reader(make_api_client, zaaktype)
    with transaction.atomic():
        zaak = Zaak.objects.get()
        zaak.save()
        assert conn.zgw_listcache_dirty is True
    assert conn.zgw_listcache_dirty is False
    with transaction.atomic():  # e.g. POST _zoek runs in a transaction: it may keep and use lists again
        assert listcache._wrote_in_transaction(conn) is False
    assert _count(reader) == 1


def test_only_tracked_models_lose_fast_deletes():
    """Receivers are connected per tracked model: bulk deletes elsewhere (e.g. notification clean-up) stay fast."""
    from django.db.models.deletion import Collector

    from zgw.common.models import AuditTrail

    collector = Collector(using="default")
    assert collector.can_fast_delete(AuditTrail.objects.all())
    assert not collector.can_fast_delete(Zaak.objects.all())
