"""The identificatie counter on its own autocommit connection (``ZGW_IDENTIFICATIE_OWN_TRANSACTION``, PostgreSQL):
creates of one organisation no longer wait for each other's transaction; the price is a gap after a rollback."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection, connections, transaction

from zgw.common import identificatie
from zgw.common.models import IdentificatieCounter

from .test_identificatie import ORG, generate

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks across connections need PostgreSQL"),
]


@pytest.fixture(autouse=True)
def own_transaction(settings):
    settings.ZGW_IDENTIFICATIE_OWN_TRANSACTION = True
    yield
    identificatie.close_own_connections()


def _in_thread(target) -> threading.Thread:
    def run() -> None:
        try:
            target()
        finally:
            identificatie.close_own_connections()
            connections.close_all()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def test_an_open_transaction_does_not_hold_up_the_next_number():
    holding = threading.Event()
    release = threading.Event()
    held: list[str] = []

    def hold_a_number_in_an_open_transaction() -> None:
        with transaction.atomic():
            held.append(generate())
            holding.set()
            release.wait(10)

    holder = _in_thread(hold_a_number_in_an_open_transaction)
    assert holding.wait(10)
    try:
        started = time.monotonic()
        with transaction.atomic():
            second = generate()
        waited = time.monotonic() - started
    finally:
        release.set()
        holder.join(10)
    # in the request's transaction the second upsert would wait the 10 s until the holder commits
    assert waited < 2.0
    assert held == ["ZAAK-2024-0000000001"]
    assert second == "ZAAK-2024-0000000002"


def test_a_rolled_back_create_leaves_a_gap():
    assert generate() == "ZAAK-2024-0000000001"
    with pytest.raises(RuntimeError), transaction.atomic():
        assert generate() == "ZAAK-2024-0000000002"
        raise RuntimeError("create failed")
    with transaction.atomic():
        assert generate() == "ZAAK-2024-0000000003"
    assert IdentificatieCounter.objects.get(kind="zaak", organisatie=ORG, year=2024).last == 3


def test_concurrent_transactions_get_distinct_numbers_side_by_side():
    workers = 8
    hold = 0.3
    results: list[str] = []
    barrier = threading.Barrier(workers)

    def create() -> None:
        barrier.wait()
        with transaction.atomic():
            results.append(generate())
            time.sleep(hold)  # the rest of a long create; with the lock held the others would queue behind it

    started = time.monotonic()
    threads = [_in_thread(create) for _ in range(workers)]
    for thread in threads:
        thread.join(30)
    elapsed = time.monotonic() - started
    assert sorted(results) == [f"ZAAK-2024-{n:010d}" for n in range(1, workers + 1)]
    assert elapsed < workers * hold / 2  # serialized they take at least 8 × 0.3 s


def test_a_dropped_own_connection_is_reopened():
    with transaction.atomic():
        assert generate() == "ZAAK-2024-0000000001"
    own = identificatie._own_connection(connection.alias)
    with own.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    time.sleep(0.1)
    with transaction.atomic():
        assert generate() == "ZAAK-2024-0000000002"


def test_outside_postgresql_or_when_switched_off_the_request_transaction_is_used(settings):
    settings.ZGW_IDENTIFICATIE_OWN_TRANSACTION = False
    with pytest.raises(RuntimeError), transaction.atomic():
        assert generate() == "ZAAK-2024-0000000001"
        raise RuntimeError("create failed")
    assert generate() == "ZAAK-2024-0000000001"  # given back: no gap
    assert not identificatie._own.by_alias
