"""The shared identificatie counter (``common.identificatie``): sequences, scoping, skipped numbers, race-freedom."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext

from zgw.common.identificatie import next_identificatie
from zgw.common.models import IdentificatieCounter

ORG = "002564440"
OTHER_ORG = "123456782"


def generate(kind: str = "zaak", organisatie: str = ORG, year: int = 2024, taken: set[str] | None = None) -> str:
    taken = taken or set()
    return next_identificatie(
        kind, organisatie, year, format=lambda n: f"{kind.upper()}-{year}-{n:010d}", is_taken=taken.__contains__
    )


@pytest.mark.django_db
def test_sequential_numbers_per_kind_organisation_and_year():
    assert [generate() for _ in range(3)] == [f"ZAAK-2024-{n:010d}" for n in (1, 2, 3)]
    assert generate(year=2025) == "ZAAK-2025-0000000001"
    assert generate() == "ZAAK-2024-0000000004"
    assert IdentificatieCounter.objects.get(kind="zaak", organisatie=ORG, year=2024).last == 4
    assert IdentificatieCounter.objects.get(kind="zaak", organisatie=ORG, year=2025).last == 1


@pytest.mark.django_db
def test_separate_sequences_per_kind_and_per_organisation():
    assert generate("zaak") == "ZAAK-2024-0000000001"
    assert generate("document") == "DOCUMENT-2024-0000000001"
    assert generate("besluit") == "BESLUIT-2024-0000000001"
    assert generate("zaak", OTHER_ORG) == "ZAAK-2024-0000000001"
    assert generate("zaak") == "ZAAK-2024-0000000002"
    assert generate("document", OTHER_ORG) == "DOCUMENT-2024-0000000001"
    assert IdentificatieCounter.objects.count() == 5


@pytest.mark.django_db
def test_taken_numbers_are_skipped():
    taken = {"ZAAK-2024-0000000001", "ZAAK-2024-0000000002", "ZAAK-2024-0000000004"}
    assert generate(taken=taken) == "ZAAK-2024-0000000003"
    assert generate(taken=taken) == "ZAAK-2024-0000000005"
    assert IdentificatieCounter.objects.get(kind="zaak", organisatie=ORG, year=2024).last == 5


@pytest.mark.django_db
def test_one_statement_per_number():
    """No get-or-create, no SELECT … FOR UPDATE: the upsert alone creates, increments and locks the row."""
    generate()
    with CaptureQueriesContext(connection) as queries:
        assert generate() == "ZAAK-2024-0000000002"
    assert len(queries) == 1
    assert "ON CONFLICT" in queries[0]["sql"]


@pytest.mark.django_db
def test_rolled_back_transaction_gives_the_number_back():
    assert generate() == "ZAAK-2024-0000000001"
    with pytest.raises(RuntimeError), transaction.atomic():
        assert generate() == "ZAAK-2024-0000000002"
        raise RuntimeError("create failed")
    assert generate() == "ZAAK-2024-0000000002"


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent transactions need PostgreSQL")
def test_concurrent_transactions_get_distinct_consecutive_numbers():
    """8 threads, each in its own transaction, race on a counter row that does not exist yet (insert race) and keep
    it locked for a moment before committing: every one gets its own number, without gaps."""
    workers = 8
    results: list[str] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(workers)

    def worker() -> None:
        try:
            barrier.wait()
            with transaction.atomic():
                value = generate()
                time.sleep(0.02)  # hold the row lock: the others must queue, not reuse the number
            results.append(value)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sorted(results) == [f"ZAAK-2024-{n:010d}" for n in range(1, workers + 1)]
    assert IdentificatieCounter.objects.get(kind="zaak", organisatie=ORG, year=2024).last == workers
