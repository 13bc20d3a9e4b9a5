"""Models every component shares: remote services, the audit trail, the notification outbox and the identificatie
counters."""

from __future__ import annotations

import uuid as _uuid

from django.db import models
from django.utils import timezone


class SiteConfiguration(models.Model):
    """Deployment settings kept in the database (set by ``zgw_setup`` or the admin); one row.

    ``base_url`` is the public base URL for resource URLs when the ``ZGW_BASE_URL`` environment variable is not set.
    """

    base_url = models.URLField(max_length=255, blank=True, help_text="bv. https://zgw.example.nl")

    class Meta:
        verbose_name = "siteconfiguratie"
        verbose_name_plural = "siteconfiguratie"

    def __str__(self) -> str:
        return self.base_url or "(geen basis-URL)"

    @classmethod
    def get(cls) -> SiteConfiguration:
        return cls.objects.get_or_create(pk=1)[0]


class Service(models.Model):
    """A remote API this server calls (remote types, mirrored relations), with the credentials to use."""

    class AuthType(models.TextChoices):
        none = "none", "Geen"
        zgw = "zgw", "JWT-ZGW (client-ID en geheim)"
        api_key = "api_key", "API-key header"

    label = models.CharField(max_length=100)
    api_root = models.URLField(
        max_length=255, unique=True, help_text="Basis-URL, bv. https://zrc.example.nl/api/v1/", verbose_name="API-root"
    )
    auth_type = models.CharField(
        max_length=10, choices=AuthType.choices, default=AuthType.zgw, verbose_name="authenticatiemethode"
    )
    client_id = models.CharField(max_length=255, blank=True, verbose_name="client-ID")
    secret = models.CharField(max_length=255, blank=True, verbose_name="geheim")
    header_key = models.CharField(max_length=100, blank=True, verbose_name="headernaam")
    header_value = models.CharField(max_length=255, blank=True, verbose_name="headerwaarde")

    class Meta:
        verbose_name = "externe service"
        verbose_name_plural = "externe services"

    def __str__(self) -> str:
        return f"{self.label} ({self.api_root})"

    @classmethod
    def for_url(cls, url: str) -> Service | None:
        candidates = [s for s in cls.objects.all() if url.startswith(s.api_root)]
        return max(candidates, key=lambda s: len(s.api_root)) if candidates else None

    def auth_headers(self) -> dict[str, str]:
        if self.auth_type == self.AuthType.zgw and self.client_id:
            from .auth import make_token

            return {"Authorization": f"Bearer {make_token(self.client_id, self.secret)}"}
        if self.auth_type == self.AuthType.api_key and self.header_key:
            return {self.header_key: self.header_value}
        return {}


class IdentificatieCounter(models.Model):
    """The last generated identificatie number per (kind, organisatie, year), e.g. kind ``zaak``/``document``/
    ``besluit``; one table so Zaken, Documenten and Besluiten share one race-free generator
    (``common.identificatie.next_identificatie``)."""

    kind = models.CharField(max_length=20, verbose_name="soort")
    organisatie = models.CharField(max_length=9)
    year = models.PositiveIntegerField(verbose_name="jaar")
    last = models.PositiveBigIntegerField(default=0, verbose_name="laatst uitgegeven nummer")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "organisatie", "year"], name="common_identificatie_counter_unique")
        ]
        verbose_name = "identificatieteller"
        verbose_name_plural = "identificatietellers"

    def __str__(self) -> str:
        return f"{self.kind} {self.organisatie}/{self.year}: {self.last}"


class AuditTrail(models.Model):
    """One change to a main object (zaak, informatieobject, besluit) or one of its sub-resources (common.md §10)."""

    uuid = models.UUIDField(unique=True, default=_uuid.uuid4)
    bron = models.CharField(max_length=50)
    applicatie_id = models.CharField(max_length=100, blank=True)
    applicatie_weergave = models.CharField(max_length=200, blank=True)
    gebruikers_id = models.CharField(max_length=255, blank=True)
    gebruikers_weergave = models.CharField(max_length=255, blank=True)
    actie = models.CharField(max_length=50)
    actie_weergave = models.CharField(max_length=200, blank=True)
    resultaat = models.PositiveIntegerField()
    hoofd_object = models.URLField(max_length=1000)
    hoofd_object_uuid = models.UUIDField(db_index=True)
    resource = models.CharField(max_length=50)
    resource_url = models.URLField(max_length=1000)
    resource_weergave = models.CharField(max_length=200, blank=True)
    toelichting = models.TextField(blank=True)
    logrecord_id = models.CharField(max_length=255, blank=True)
    aanmaakdatum = models.DateTimeField(default=timezone.now)
    oud = models.JSONField(null=True, blank=True)
    nieuw = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ("aanmaakdatum", "id")
        indexes = [models.Index(fields=["bron", "hoofd_object_uuid", "aanmaakdatum"])]
        verbose_name = "audit trail"
        verbose_name_plural = "audit trails"

    def __str__(self) -> str:
        return f"{self.bron} {self.resource} {self.actie} @ {self.aanmaakdatum:%Y-%m-%d %H:%M}"


class OutboxMessage(models.Model):
    """A notification waiting to be delivered, written in the same transaction as the change it reports."""

    class Status(models.TextChoices):
        pending = "pending", "Te versturen"
        delivered = "delivered", "Verstuurd"
        failed = "failed", "Mislukt"

    uuid = models.UUIDField(unique=True, default=_uuid.uuid4)
    kanaal = models.CharField(max_length=50)
    hoofd_object = models.URLField(max_length=1000)
    resource = models.CharField(max_length=100)
    resource_url = models.URLField(max_length=1000)
    actie = models.CharField(max_length=100)
    aanmaakdatum = models.DateTimeField(default=timezone.now)
    kenmerken = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.pending)
    attempts = models.PositiveIntegerField(default=0, verbose_name="pogingen")
    next_attempt_at = models.DateTimeField(default=timezone.now, verbose_name="volgende poging")
    last_error = models.TextField(blank=True, verbose_name="laatste fout")
    delivered_at = models.DateTimeField(null=True, blank=True, verbose_name="afgeleverd op")

    class Meta:
        ordering = ("id",)
        indexes = [models.Index(fields=["status", "next_attempt_at"])]
        verbose_name = "uitgaande notificatie"
        verbose_name_plural = "uitgaande notificaties"

    def __str__(self) -> str:
        return f"{self.kanaal}: {self.resource} {self.actie}"

    def as_message(self) -> dict:
        """The Notificaties API ``Message`` body."""
        return {
            "kanaal": self.kanaal,
            "hoofdObject": self.hoofd_object,
            "resource": self.resource,
            "resourceUrl": self.resource_url,
            "actie": self.actie,
            "aanmaakdatum": self.aanmaakdatum.isoformat().replace("+00:00", "Z"),
            "kenmerken": self.kenmerken,
        }
