"""Enumerations shared by several components."""

from django.db import models


class VertrouwelijkheidsAanduiding(models.TextChoices):
    """Confidentiality levels, in order from least to most confidential (common.md §4.5)."""

    openbaar = "openbaar", "Openbaar"
    beperkt_openbaar = "beperkt_openbaar", "Beperkt openbaar"
    intern = "intern", "Intern"
    zaakvertrouwelijk = "zaakvertrouwelijk", "Zaakvertrouwelijk"
    vertrouwelijk = "vertrouwelijk", "Vertrouwelijk"
    confidentieel = "confidentieel", "Confidentieel"
    geheim = "geheim", "Geheim"
    zeer_geheim = "zeer_geheim", "Zeer geheim"


VERTROUWELIJKHEID_ORDER: dict[str, int] = {
    value: index for index, value in enumerate(VertrouwelijkheidsAanduiding.values)
}


def levels_up_to(maximum: str) -> list[str]:
    """All confidentiality levels that are at most ``maximum`` (inclusive)."""
    limit = VERTROUWELIJKHEID_ORDER.get(maximum, -1)
    return [value for value, order in VERTROUWELIJKHEID_ORDER.items() if order <= limit]


class ComponentTypes(models.TextChoices):
    ac = "ac", "Autorisaties API"
    nrc = "nrc", "Notificaties API"
    zrc = "zrc", "Zaken API"
    ztc = "ztc", "Catalogi API"
    drc = "drc", "Documenten API"
    brc = "brc", "Besluiten API"
