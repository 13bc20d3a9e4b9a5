"""Besluiten API 1.0.2: besluiten and the documents that record them (identificatie counter: ``common.models``)."""

from __future__ import annotations

import uuid as _uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone

from .constants import AardRelatie, VervalRedenen


class Besluit(models.Model):
    """A decision; typed by a besluittype (local FK or remote URL), optionally the outcome of a zaak."""

    uuid = models.UUIDField(unique=True, default=_uuid.uuid4)
    identificatie = models.CharField(max_length=50, blank=True)
    verantwoordelijke_organisatie = models.CharField(max_length=9)
    besluittype = models.ForeignKey(
        "catalogi.BesluitType", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    besluittype_url = models.URLField(max_length=1000, blank=True)
    zaak = models.ForeignKey("zaken.Zaak", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    zaak_url = models.URLField(max_length=1000, blank=True)
    # URL of the ZaakBesluit mirror on a remote Zaken API (brc-006), so that it can be removed again
    zaakbesluit_url = models.URLField(max_length=1000, blank=True)
    datum = models.DateField()
    toelichting = models.TextField(blank=True)
    bestuursorgaan = models.CharField(max_length=50, blank=True)
    ingangsdatum = models.DateField()
    vervaldatum = models.DateField(null=True, blank=True)
    vervalreden = models.CharField(max_length=30, choices=VervalRedenen.choices, blank=True)
    publicatiedatum = models.DateField(null=True, blank=True)
    verzenddatum = models.DateField(null=True, blank=True)
    uiterlijke_reactiedatum = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ("-id",)
        constraints = [
            models.UniqueConstraint(
                fields=["verantwoordelijke_organisatie", "identificatie"], name="besluiten_identificatie_uniek"
            ),
            models.CheckConstraint(
                condition=Q(besluittype__isnull=False) | ~Q(besluittype_url=""), name="besluiten_besluittype_gezet"
            ),
        ]
        indexes = [
            models.Index(fields=["besluittype_url"]),
            models.Index(fields=["besluittype", "id"], name="besluiten_autorisatie"),
            models.Index(fields=["zaak_url"]),
            models.Index(fields=["identificatie"]),
        ]
        verbose_name = "besluit"
        verbose_name_plural = "besluiten"

    def __str__(self) -> str:
        return f"{self.verantwoordelijke_organisatie} - {self.identificatie}"


class BesluitInformatieObject(models.Model):
    """A document (local or remote informatieobject) in which the besluit is (partly) recorded."""

    uuid = models.UUIDField(unique=True, default=_uuid.uuid4)
    besluit = models.ForeignKey(Besluit, on_delete=models.CASCADE, related_name="besluitinformatieobjecten")
    informatieobject = models.ForeignKey(
        "documenten.EnkelvoudigInformatieObject",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    informatieobject_url = models.URLField(max_length=1000, blank=True)
    # URL of the ObjectInformatieObject mirror on a remote Documenten API (brc-005)
    objectinformatieobject_url = models.URLField(max_length=1000, blank=True)
    aard_relatie = models.CharField(max_length=20, choices=AardRelatie.choices, default=AardRelatie.legt_vast)
    registratiedatum = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-id",)
        constraints = [
            models.UniqueConstraint(
                fields=["besluit", "informatieobject"],
                condition=Q(informatieobject__isnull=False),
                name="besluiten_bio_uniek_lokaal",
            ),
            models.UniqueConstraint(
                fields=["besluit", "informatieobject_url"],
                condition=~Q(informatieobject_url=""),
                name="besluiten_bio_uniek_remote",
            ),
        ]
        indexes = [models.Index(fields=["informatieobject_url"])]
        verbose_name = "besluitinformatieobject"
        verbose_name_plural = "besluitinformatieobjecten"

    def __str__(self) -> str:
        return f"{self.besluit} - {self.informatieobject_id or self.informatieobject_url}"


def has_local_zaak() -> bool:
    """Whether ``Besluit.zaak`` (FK to the local Zaken app, migration 0002) exists yet."""
    return any(field.name == "zaak" for field in Besluit._meta.get_fields())
