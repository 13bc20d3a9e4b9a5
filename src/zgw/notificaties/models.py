"""Kanalen, abonnementen, routed notificaties and their per-subscriber deliveries with every attempt."""

from __future__ import annotations

import uuid as _uuid

from django.db import models
from django.utils import timezone


class Kanaal(models.Model):
    uuid = models.UUIDField(unique=True, default=_uuid.uuid4)
    naam = models.CharField(max_length=50, unique=True)
    documentatie_link = models.CharField(max_length=200, blank=True)
    filters = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ("naam",)
        verbose_name = "kanaal"
        verbose_name_plural = "kanalen"

    def __str__(self) -> str:
        return self.naam


class Abonnement(models.Model):
    uuid = models.UUIDField(unique=True, default=_uuid.uuid4)
    # Notificaties 1.0.1: no length limit on either (long bearer tokens, e.g. Keycloak JWTs, must fit)
    callback_url = models.TextField(verbose_name="callback-URL")
    auth = models.TextField(verbose_name="autorisatie (auth)")
    # The owner: the client that created it. Only the owner and admins (heeftAlleAutorisaties) see or change it;
    # empty (rows from before ownership, or made in the admin): admins only.
    client_id = models.CharField(
        max_length=255,
        blank=True,
        db_index=True,
        help_text="client-ID van de aanmaker en eigenaar.",
        verbose_name="client-ID",
    )
    aangemaakt = models.DateTimeField(default=timezone.now)
    # Set when the API deletes an abonnement that has afleveringen: the row stays for its delivery history.
    verwijderd = models.DateTimeField("verwijderd op", null=True, blank=True)

    class Meta:
        ordering = ("id",)
        verbose_name = "abonnement"
        verbose_name_plural = "abonnementen"

    def __str__(self) -> str:
        return self.callback_url


class FilterGroup(models.Model):
    """One kanaal of an abonnement, with the kenmerk filters (key -> value or ``*``)."""

    abonnement = models.ForeignKey(Abonnement, on_delete=models.CASCADE, related_name="filter_groups")
    kanaal = models.ForeignKey(Kanaal, on_delete=models.CASCADE, related_name="filter_groups")
    filters = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ("id",)
        verbose_name = "kanaal van abonnement"
        verbose_name_plural = "kanalen van abonnement"

    def __str__(self) -> str:
        return f"{self.kanaal_id}: {self.filters}"


class Notificatie(models.Model):
    """A message routed by this server: posted to ``/notificaties`` or taken from the own outbox."""

    uuid = models.UUIDField(unique=True, default=_uuid.uuid4)
    kanaal = models.CharField(max_length=50, db_index=True)
    payload = models.JSONField(verbose_name="bericht")
    outbox = models.OneToOneField(
        "common.OutboxMessage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notificatie",
        verbose_name="uitgaande notificatie",
    )
    ontvangen = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ("-id",)
        verbose_name = "notificatie"
        verbose_name_plural = "notificaties"

    def __str__(self) -> str:
        return f"{self.kanaal}: {self.payload.get('resource')} {self.payload.get('actie')}"


class Delivery(models.Model):
    """One notificatie to one receiver (an abonnement or the external Notificaties API), retried on its own."""

    class Status(models.TextChoices):
        pending = "pending", "Te versturen"
        delivered = "delivered", "Afgeleverd"
        failed = "failed", "Mislukt"

    class Target(models.TextChoices):
        abonnement = "abonnement", "Abonnement"
        external = "external", "Externe Notificaties API"

    notificatie = models.ForeignKey(Notificatie, on_delete=models.CASCADE, related_name="deliveries")
    abonnement = models.ForeignKey(
        Abonnement, null=True, blank=True, on_delete=models.CASCADE, related_name="deliveries"
    )
    target = models.CharField(
        max_length=20, choices=Target.choices, default=Target.abonnement, verbose_name="bestemming"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.pending)
    attempts = models.PositiveIntegerField(default=0, verbose_name="pogingen")
    next_attempt_at = models.DateTimeField(default=timezone.now, verbose_name="volgende poging")
    # A queued task is trusted until then; afterwards the sweep queues the delivery again.
    queued_until = models.DateTimeField(null=True, blank=True, verbose_name="in de wachtrij tot")
    # Set while a worker delivers; a killed worker's claim expires.
    locked_until = models.DateTimeField(null=True, blank=True, verbose_name="vergrendeld tot")
    last_status_code = models.PositiveIntegerField(null=True, blank=True, verbose_name="laatste statuscode")
    last_error = models.TextField(blank=True, verbose_name="laatste fout")
    delivered_at = models.DateTimeField(null=True, blank=True, verbose_name="afgeleverd op")
    created = models.DateTimeField(default=timezone.now, verbose_name="aangemaakt")

    class Meta:
        ordering = ("-id",)
        indexes = [models.Index(fields=["status", "next_attempt_at"])]
        verbose_name = "aflevering"
        verbose_name_plural = "afleveringen"

    def __str__(self) -> str:
        return f"{self.notificatie} -> {self.abonnement or self.get_target_display()}"


class DeliveryAttempt(models.Model):
    delivery = models.ForeignKey(
        Delivery, on_delete=models.CASCADE, related_name="attempt_records", verbose_name="aflevering"
    )
    number = models.PositiveIntegerField(verbose_name="nummer")
    started_at = models.DateTimeField(default=timezone.now, verbose_name="gestart op")
    duration_ms = models.PositiveIntegerField(default=0, verbose_name="duur (ms)")
    status_code = models.PositiveIntegerField(null=True, blank=True, verbose_name="statuscode")
    response_excerpt = models.TextField(blank=True, verbose_name="begin van het antwoord")
    error = models.TextField(blank=True, verbose_name="fout")
    success = models.BooleanField(default=False, verbose_name="gelukt")

    class Meta:
        ordering = ("-id",)
        verbose_name = "afleverpoging"
        verbose_name_plural = "afleverpogingen"

    def __str__(self) -> str:
        return f"#{self.number}: {self.status_code or self.error[:40]}"


class WorkerHeartbeat(models.Model):
    """The last sign of life of a Celery worker or beat process (written every few seconds by the process).

    In the database, not the cache: readiness of delivery and ``manage.py zgw_health`` still tell the truth when
    the cache is down, and the row survives a restart of Redis.
    """

    name = models.CharField(max_length=255, unique=True)  # "worker:<nodename>" / "beat:<hostname>"
    component = models.CharField(max_length=20)  # worker / beat
    hostname = models.CharField(max_length=255)
    seen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "hartslag"
        verbose_name_plural = "hartslagen"

    def __str__(self) -> str:
        return f"{self.name} @ {self.seen_at:%H:%M:%S}"
