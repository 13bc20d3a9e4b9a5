"""A minimal type-scoped resource (like a zaak with its zaaktype) to test the shared machinery in isolation."""

import uuid

from django.db import models

from zgw.common.constants import VertrouwelijkheidsAanduiding


class ThingType(models.Model):
    uuid = models.UUIDField(unique=True, default=uuid.uuid4)
    omschrijving = models.CharField(max_length=80)

    def __str__(self) -> str:
        return self.omschrijving


class Thing(models.Model):
    uuid = models.UUIDField(unique=True, default=uuid.uuid4)
    naam = models.CharField(max_length=40)
    thingtype = models.ForeignKey(ThingType, null=True, blank=True, on_delete=models.PROTECT)
    thingtype_url = models.URLField(max_length=1000, blank=True)
    vertrouwelijkheidaanduiding = models.CharField(
        max_length=20, choices=VertrouwelijkheidsAanduiding.choices
    )

    class Meta:
        ordering = ("-id",)

    def __str__(self) -> str:
        return self.naam
