"""Generated identificaties ``BESLUIT-<jaar>-<10 cijfers>`` (DECISIONS.md), unique per organisation, race-free.

A counter row per (organisatie, jaar) is created if missing (``INSERT … ON CONFLICT DO NOTHING``) and then locked
with ``SELECT … FOR UPDATE`` until the surrounding transaction ends, so concurrent creates queue on it instead of
racing on ``max()+1``. Numbers already taken by a client-chosen identificatie are skipped.
"""

from __future__ import annotations

import datetime

from django.db import transaction

from .models import Besluit, IdentificatieTeller

PREFIX = "BESLUIT"


def format_identificatie(jaar: int, nummer: int) -> str:
    return f"{PREFIX}-{jaar}-{nummer:010d}"


def generate_identificatie(organisatie: str, datum: datetime.date) -> str:
    """The next free identificatie for ``organisatie`` in the year of ``datum``; call inside a transaction."""
    jaar = datum.year
    IdentificatieTeller.objects.bulk_create(
        [IdentificatieTeller(verantwoordelijke_organisatie=organisatie, jaar=jaar, laatste=0)],
        ignore_conflicts=True,
    )
    with transaction.atomic():
        teller = IdentificatieTeller.objects.select_for_update().get(
            verantwoordelijke_organisatie=organisatie, jaar=jaar
        )
        taken = Besluit.objects.filter(verantwoordelijke_organisatie=organisatie)
        while True:
            teller.laatste += 1
            candidate = format_identificatie(jaar, teller.laatste)
            if not taken.filter(identificatie=candidate).exists():
                break
        teller.save(update_fields=["laatste"])
    return candidate
