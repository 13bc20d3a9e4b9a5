"""brc-002 under concurrency: generated identificaties stay unique with parallel creates (PostgreSQL row lock)."""

from __future__ import annotations

import datetime
import threading

import pytest
from django.db import connection, connections, transaction

from zgw.besluiten.identificatie import generate_identificatie
from zgw.besluiten.models import Besluit

from .conftest import RSIN

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_brc_002_concurrent_generation_is_unique(besluittype):
    results: list[str] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(6)

    def worker() -> None:
        try:
            barrier.wait()
            for _ in range(5):
                with transaction.atomic():
                    identificatie = generate_identificatie(RSIN, datetime.date(2024, 5, 1))
                    Besluit.objects.create(
                        identificatie=identificatie,
                        verantwoordelijke_organisatie=RSIN,
                        besluittype=besluittype,
                        datum=datetime.date(2024, 5, 1),
                        ingangsdatum=datetime.date(2024, 5, 1),
                    )
                results.append(identificatie)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert len(results) == 30
    assert len(set(results)) == 30
    assert sorted(results) == [f"BESLUIT-2024-{n:010d}" for n in range(1, 31)]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_brc_002_concurrent_api_creates(superuser_client, besluittype):
    """Parallel POSTs without identificatie through the API all succeed with distinct identificaties."""
    from .conftest import BESLUITEN, besluit_body, local_url

    url = local_url("catalogi", "besluittypen", besluittype)
    statuses: list[int] = []
    barrier = threading.Barrier(4)

    def worker() -> None:
        try:
            barrier.wait()
            for _ in range(3):
                statuses.append(superuser_client.post(BESLUITEN, besluit_body(url), format="json").status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert statuses == [201] * 12
    identificaties = list(Besluit.objects.values_list("identificatie", flat=True))
    assert sorted(identificaties) == [f"BESLUIT-2024-{n:010d}" for n in range(1, 13)]
