"""Autorisaties API 1.1.0: applicaties, their autorisaties, and the JWT secrets of client ids."""

from __future__ import annotations

import uuid as _uuid

from django.db import models

from zgw.common.constants import ComponentTypes, VertrouwelijkheidsAanduiding


class Applicatie(models.Model):
    uuid = models.UUIDField(unique=True, default=_uuid.uuid4)
    label = models.CharField(max_length=100)
    heeft_alle_autorisaties = models.BooleanField(default=False)
    # Autorisaties 1.1.0: read only documents with isGereedVoorPublicatie = true (Woo publication)
    alleen_is_gereed_voor_publicatie = models.BooleanField(default=False, verbose_name="alleen gereed voor publicatie")

    class Meta:
        ordering = ("-id",)
        verbose_name = "applicatie"
        verbose_name_plural = "applicaties"

    def __str__(self) -> str:
        return self.label

    @property
    def client_id_list(self) -> list[str]:
        return [c.client_id for c in self.client_identifiers.all()]


class ClientIdentifier(models.Model):
    """A client id of an Applicatie; unique over all applicaties (ac-001)."""

    applicatie = models.ForeignKey(Applicatie, on_delete=models.CASCADE, related_name="client_identifiers")
    client_id = models.CharField(max_length=50, unique=True, verbose_name="client-ID")

    class Meta:
        ordering = ("id",)
        verbose_name = "client-ID"
        verbose_name_plural = "client-ID's"

    def __str__(self) -> str:
        return self.client_id


class Autorisatie(models.Model):
    applicatie = models.ForeignKey(Applicatie, on_delete=models.CASCADE, related_name="autorisaties")
    component = models.CharField(max_length=50, choices=ComponentTypes.choices)
    scopes = models.JSONField(default=list)
    zaaktype = models.URLField(max_length=1000, blank=True)
    informatieobjecttype = models.URLField(max_length=1000, blank=True)
    besluittype = models.URLField(max_length=1000, blank=True)
    max_vertrouwelijkheidaanduiding = models.CharField(
        max_length=21, choices=VertrouwelijkheidsAanduiding.choices, blank=True
    )

    class Meta:
        ordering = ("id",)
        verbose_name = "autorisatie"
        verbose_name_plural = "autorisaties"

    def __str__(self) -> str:
        return f"{self.component}: {', '.join(self.scopes)}"

    @property
    def type_url(self) -> str:
        return self.zaaktype or self.informatieobjecttype or self.besluittype


class ClientCredential(models.Model):
    """The shared HS256 secret of a client id (JWT-ZGW)."""

    client_id = models.CharField(max_length=50, unique=True, verbose_name="client-ID")
    secret = models.CharField(max_length=255, verbose_name="geheim")

    class Meta:
        verbose_name = "clientsleutel"
        verbose_name_plural = "clientsleutels"

    def __str__(self) -> str:
        return self.client_id
