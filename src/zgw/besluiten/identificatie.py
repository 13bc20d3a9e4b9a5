"""Generated identificaties ``BESLUIT-<jaar>-<10 cijfers>`` (DECISIONS.md), unique per organisation, race-free.

The number comes from the shared counter (``common.identificatie.next_identificatie``, kind ``besluit``, scoped by
verantwoordelijke organisatie and the year of the besluit's datum): one upsert that locks the counter row until the
surrounding transaction ends, so concurrent creates queue on it instead of racing on ``max()+1``. Numbers already
taken by a client-chosen identificatie are skipped.
"""

from __future__ import annotations

import datetime

from zgw.common.identificatie import next_identificatie

from .models import Besluit

PREFIX = "BESLUIT"
IDENTIFICATIE_KIND = "besluit"


def format_identificatie(jaar: int, nummer: int) -> str:
    return f"{PREFIX}-{jaar}-{nummer:010d}"


def generate_identificatie(organisatie: str, datum: datetime.date) -> str:
    """The next free identificatie for ``organisatie`` in the year of ``datum``; call inside a transaction."""
    jaar = datum.year
    taken = Besluit.objects.filter(verantwoordelijke_organisatie=organisatie)
    return next_identificatie(
        IDENTIFICATIE_KIND,
        organisatie,
        jaar,
        format=lambda nummer: format_identificatie(jaar, nummer),
        is_taken=lambda candidate: taken.filter(identificatie=candidate).exists(),
    )
