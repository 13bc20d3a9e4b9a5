"""Enumerations and fixed names of the Besluiten API."""

from django.db import models

API = "besluiten"
BRON = "brc"
COMPONENT = "brc"
KANAAL = "besluiten"

BESLUIT_COLLECTION = (API, "besluiten")
BIO_COLLECTION = (API, "besluitinformatieobjecten")
BESLUITTYPE_COLLECTION = ("catalogi", "besluittypen")
ZAAKTYPE_COLLECTION = ("catalogi", "zaaktypen")
ZAAK_COLLECTION = ("zaken", "zaken")
EIO_COLLECTION = ("documenten", "enkelvoudiginformatieobjecten")


class VervalRedenen(models.TextChoices):
    tijdelijk = "tijdelijk", "Besluit met tijdelijke werking"
    ingetrokken_overheid = "ingetrokken_overheid", "Besluit ingetrokken door overheid"
    ingetrokken_belanghebbende = "ingetrokken_belanghebbende", "Besluit ingetrokken o.v.v. belanghebbende"


class AardRelatie(models.TextChoices):
    """brc-004: a besluitinformatieobject always ``legt_vast`` (records) the besluit."""

    legt_vast = "legt_vast", "Legt vast"
