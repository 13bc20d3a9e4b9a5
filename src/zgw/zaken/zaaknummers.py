"""Reserved zaak identificaties (``POST /zaaknummer_reserveren``, Zaken 1.7.0).

A reservation takes numbers from the same counter as generated identificaties (``common.identificatie``), so a
reserved number is never generated for a zaak afterwards, and concurrent reservations and zaak creates queue on one
counter row instead of racing. A zaak created with a reserved number of its own bronorganisatie (an explicit
``identificatie``) uses the reservation up: the row is deleted in the zaak's transaction. Numbers are per
bronorganisatie (zrc-002): the same string for another bronorganisatie is another number (docs/decisions.md).
"""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone

from zgw.common.identificatie import next_numbers

from .models import Zaak, ZaakNummerReservering

IDENTIFICATIE_KIND = "zaak"  # the counter kind of generated zaak identificaties (services.generate_identificatie)


def max_aantal() -> int:
    """The largest ``aantal`` one request may reserve (setting ``ZGW_ZAAKNUMMER_RESERVEREN_MAX``, default 1000)."""
    return int(getattr(settings, "ZGW_ZAAKNUMMER_RESERVEREN_MAX", 1000))


def zaaknummer(year: int, number: int) -> str:
    """The generated identificatie format (zrc-002, DECISIONS.md): ``ZAAK-<year>-<10 digits>``."""
    return f"ZAAK-{year}-{number:010d}"


def is_taken(bronorganisatie: str, identificatie: str) -> bool:
    """Is this identificatie used by a zaak or reserved, within the bronorganisatie? (generation skips it)"""
    zaken = Zaak.objects.filter(bronorganisatie=bronorganisatie, identificatie=identificatie).values("pk")
    reserved = ZaakNummerReservering.objects.filter(bronorganisatie=bronorganisatie, identificatie=identificatie)
    return bool(zaken.union(reserved.values("pk"), all=True)[:1])  # one query per candidate, as before


def reserve(bronorganisatie: str, aantal: int, *, applicatie: str = "") -> list[str]:
    """Reserve ``aantal`` new identificaties for ``bronorganisatie``; numbers a client already used are skipped.

    Call inside the request's transaction: the counter row stays locked until it ends (race-free, see module doc).
    """
    year = timezone.localdate().year
    reserved: list[str] = []
    while len(reserved) < aantal:
        candidates = [
            zaaknummer(year, n) for n in next_numbers(IDENTIFICATIE_KIND, bronorganisatie, year, aantal - len(reserved))
        ]
        used = set(
            Zaak.objects.filter(bronorganisatie=bronorganisatie, identificatie__in=candidates).values_list(
                "identificatie", flat=True
            )
        ) | set(
            ZaakNummerReservering.objects.filter(
                bronorganisatie=bronorganisatie, identificatie__in=candidates
            ).values_list("identificatie", flat=True)
        )
        reserved += [value for value in candidates if value not in used]
    now = timezone.now()
    ZaakNummerReservering.objects.bulk_create(
        ZaakNummerReservering(
            bronorganisatie=bronorganisatie, identificatie=value, aangemaakt=now, applicatie=applicatie
        )
        for value in reserved
    )
    return reserved


def consume(bronorganisatie: str, identificatie: str) -> None:
    """A zaak is being created with this explicit identificatie: its reservation (if any) is used up."""
    ZaakNummerReservering.objects.filter(bronorganisatie=bronorganisatie, identificatie=identificatie).delete()
