"""Delivering one notificatie to one receiver: claim, POST, record the attempt, schedule a retry or give up."""

from __future__ import annotations

import json
import logging
import random
import threading
import time
from dataclasses import dataclass
from datetime import timedelta

import requests
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from zgw.common.models import OutboxMessage, Service

from . import conf
from .models import Delivery, DeliveryAttempt

logger = logging.getLogger(__name__)

_local = threading.local()


def _session() -> requests.Session:
    """One HTTP session per thread: keeps connections to subscribers alive between deliveries."""
    session = getattr(_local, "session", None)
    if session is None:
        session = _local.session = requests.Session()
    return session


def backoff_delay(attempt: int) -> float:
    """Seconds to wait after failed attempt number ``attempt`` (1-based): exponential, capped, with jitter."""
    base = min(conf.RETRY_MAX_DELAY, conf.RETRY_BASE_DELAY * (2 ** max(attempt - 1, 0)))
    return base * (1 + random.uniform(0, conf.RETRY_JITTER))  # noqa: S311 - jitter, not cryptography


@dataclass
class Outcome:
    """What :func:`deliver` did; ``retry_in`` is set when a new attempt must be queued."""

    delivery_id: int
    status: str  # "delivered", "retry", "failed", "skipped" or "deferred" (not tried: receiver unreachable)
    retry_in: float | None = None


def relaxed_durability() -> None:
    """Inside a transaction: on PostgreSQL, do not wait for the WAL flush at commit.

    Only for bookkeeping that is safe to lose in a database crash: a lost claim or attempt record means at
    most one extra delivery (at-least-once), a lost routing commit leaves the durable outbox row pending for
    the sweep. It removes the fsync wait from every delivery (the benchmark's bottleneck).
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


def claim_many(delivery_ids: list[int]) -> list[int]:
    """Lock due, pending deliveries for this worker (skipping those another worker holds); returns the claimed.

    The lock lasts long enough for every claimed delivery to use its full timeout; after that a dead
    worker's claim expires and the sweep sends them again.
    """
    now = timezone.now()
    with transaction.atomic():
        relaxed_durability()
        ids = list(
            Delivery.objects.select_for_update(skip_locked=True)
            .filter(
                pk__in=delivery_ids, status=Delivery.Status.pending, next_attempt_at__lte=now + timedelta(seconds=1)
            )
            .filter(Q(locked_until__isnull=True) | Q(locked_until__lt=now))
            .values_list("pk", flat=True)
        )
        if ids:
            lock = now + timedelta(seconds=conf.CALLBACK_TIMEOUT * len(ids) + conf.LOCK_MARGIN)
            Delivery.objects.filter(pk__in=ids).update(locked_until=lock, attempts=F("attempts") + 1)
    return ids


def claim(delivery_id: int) -> bool:
    """Lock one due, pending delivery; False when it is done, not due, or another worker has it."""
    return bool(claim_many([delivery_id]))


NOTIFICATIE_ID_HEADER = "X-Notificatie-Id"


def _request_for(delivery: Delivery) -> tuple[str, dict[str, str]]:
    # The same value on every attempt of this notificatie: subscribers drop repeats with it (at-least-once).
    headers = {"Content-Type": "application/json", NOTIFICATIE_ID_HEADER: str(delivery.notificatie.uuid)}
    if delivery.target == Delivery.Target.external:
        url = f"{conf.EXTERNAL_API_ROOT}notificaties"
        service = Service.for_url(url)
        if service is not None:
            headers.update(service.auth_headers())
        return url, headers
    headers["Authorization"] = delivery.abonnement.auth
    return delivery.abonnement.callback_url, headers


def deliver(delivery_id: int) -> Outcome:
    """One attempt for one delivery (see :func:`deliver_batch`)."""
    return deliver_batch([delivery_id])[0]


def deliver_batch(delivery_ids: list[int]) -> list[Outcome]:
    """One attempt each, in order, for deliveries that (normally) share a receiver.

    Deliveries are claimed per chunk of CLAIM_CHUNK (one locking statement per chunk); each attempt is recorded,
    with the delivery marked sent, in one transaction right after its POST, and keeps its own retry schedule.
    When the receiver cannot be reached (connection error, timeout) the rest is not tried now but deferred
    (status ``deferred``, with ``retry_in``), so a dead subscriber costs one timeout per batch, not one per
    message. At-least-once: a crash between a POST and its record makes the sweep send that one delivery again.
    """
    outcomes: list[Outcome] = []
    chunk_size = max(conf.CLAIM_CHUNK, 1)
    for start in range(0, len(delivery_ids), chunk_size):
        chunk = delivery_ids[start : start + chunk_size]
        claimed = set(claim_many(chunk))
        loaded = {d.pk: d for d in Delivery.objects.select_related("notificatie", "abonnement").filter(pk__in=claimed)}
        unreachable_at: int | None = None
        last: Outcome | None = None
        for index, pk in enumerate(chunk):
            item = loaded.get(pk)
            if item is None or (item.target == Delivery.Target.abonnement and item.abonnement is None):
                outcomes.append(Outcome(pk, "skipped"))
                continue
            result = _send(item)
            # Recorded at once, attempt and new state in one transaction, before the next POST: a crash
            # re-sends at most the one delivery in flight (its claim expires), not the whole chunk.
            [last] = _record_all([result])
            outcomes.append(last)
            if result.status_code is None:
                unreachable_at = index
                break
        if unreachable_at is not None and last is not None:
            delay = last.retry_in if last.retry_in is not None else backoff_delay(1)
            rest = delivery_ids[start + unreachable_at + 1 :]
            _release(chunk[unreachable_at + 1 :])
            _defer(rest, delay)
            outcomes.extend(Outcome(pk, "deferred", retry_in=delay) for pk in rest)
            break
    return outcomes


def _release(delivery_ids: list[int]) -> None:
    """Give back claims that were not used (their attempt did not happen)."""
    if delivery_ids:
        Delivery.objects.filter(pk__in=delivery_ids, status=Delivery.Status.pending).exclude(
            locked_until__isnull=True
        ).update(locked_until=None, attempts=F("attempts") - 1)


def _defer(delivery_ids: list[int], delay: float) -> None:
    if delivery_ids:
        due = timezone.now() + timedelta(seconds=delay)
        Delivery.objects.filter(pk__in=delivery_ids, status=Delivery.Status.pending).update(
            next_attempt_at=due, queued_until=due + timedelta(seconds=conf.SWEEP_GRACE)
        )


def batches(delivery_ids: list[int]) -> list[list[int]]:
    """Group deliveries per receiver, at most DELIVERY_BATCH each (one task per group)."""
    if len(delivery_ids) <= 1:
        return [list(delivery_ids)] if delivery_ids else []
    groups: dict[object, list[int]] = {}
    for pk, abonnement_id, target in Delivery.objects.filter(pk__in=delivery_ids).values_list(
        "pk", "abonnement_id", "target"
    ):
        groups.setdefault(abonnement_id or target, []).append(pk)
    size = max(conf.DELIVERY_BATCH, 1)
    return [sorted(ids)[i : i + size] for ids in groups.values() for i in range(0, len(ids), size)]


def retries(outcomes: list[Outcome]) -> dict[float, list[int]]:
    """The outcomes that need a new task, by delay."""
    due: dict[float, list[int]] = {}
    for outcome in outcomes:
        if outcome.retry_in is not None:
            due.setdefault(round(outcome.retry_in, 3), []).append(outcome.delivery_id)
    return due


@dataclass
class _Result:
    delivery: Delivery
    started: object
    duration_ms: int
    status_code: int | None
    excerpt: str
    error: str

    @property
    def success(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


def _send(delivery: Delivery) -> _Result:
    url, headers = _request_for(delivery)
    body = json.dumps(delivery.notificatie.payload).encode()
    started = timezone.now()
    clock = time.monotonic()
    status_code: int | None = None
    excerpt = error = ""
    try:
        # No redirects: the abonnement's credentials are sent to its own callbackUrl only (a 3xx is a failure).
        response = _session().post(
            url, data=body, headers=headers, timeout=conf.CALLBACK_TIMEOUT, allow_redirects=False
        )
        status_code = response.status_code
        excerpt = response.text[: conf.RESPONSE_EXCERPT_LENGTH]
    except requests.RequestException as exc:
        error = f"{type(exc).__name__}: {exc}"[: conf.RESPONSE_EXCERPT_LENGTH]
    return _Result(delivery, started, int((time.monotonic() - clock) * 1000), status_code, excerpt, error)


def _record_all(results: list[_Result]) -> list[Outcome]:
    """Store the attempts and the new delivery states of one chunk in one transaction."""
    if not results:
        return []
    now = timezone.now()
    outcomes: list[Outcome] = []
    delivered: dict[int, list[int]] = {}
    with transaction.atomic():
        relaxed_durability()
        DeliveryAttempt.objects.bulk_create(
            DeliveryAttempt(
                delivery=r.delivery,
                number=r.delivery.attempts,
                started_at=r.started,
                duration_ms=r.duration_ms,
                status_code=r.status_code,
                response_excerpt=r.excerpt,
                error=r.error,
                success=r.success,
            )
            for r in results
        )
        for result in results:
            if result.success:
                delivered.setdefault(result.status_code, []).append(result.delivery.pk)
                outcomes.append(Outcome(result.delivery.pk, "delivered"))
            else:
                outcomes.append(_record_failure(result, now))
        for status_code, ids in delivered.items():
            Delivery.objects.filter(pk__in=ids).update(
                status=Delivery.Status.delivered,
                delivered_at=now,
                locked_until=None,
                last_status_code=status_code,
                last_error="",
            )
    return outcomes


def _record_failure(result: _Result, now) -> Outcome:
    delivery = result.delivery
    updates: dict = {
        "locked_until": None,
        "last_status_code": result.status_code,
        "last_error": result.error or f"HTTP {result.status_code}: {result.excerpt[:200]}",
    }
    if delivery.attempts >= conf.MAX_ATTEMPTS:
        updates["status"] = Delivery.Status.failed
        outcome = Outcome(delivery.pk, "failed")
        logger.warning("Notificatie delivery %s failed after %s attempts", delivery.pk, delivery.attempts)
    else:
        delay = backoff_delay(delivery.attempts)
        updates["next_attempt_at"] = now + timedelta(seconds=delay)
        updates["queued_until"] = now + timedelta(seconds=delay + conf.SWEEP_GRACE)
        outcome = Outcome(delivery.pk, "retry", retry_in=delay)
    Delivery.objects.filter(pk=delivery.pk).update(**updates)
    return outcome


def resend(delivery_ids: list[int]) -> list[int]:
    """Manual re-send: failed (or pending) deliveries get a fresh series of attempts, now."""
    now = timezone.now()
    ids = list(
        Delivery.objects.filter(pk__in=delivery_ids)
        .exclude(status=Delivery.Status.delivered)
        .values_list("pk", flat=True)
    )
    Delivery.objects.filter(pk__in=ids).update(
        status=Delivery.Status.pending,
        attempts=0,
        next_attempt_at=now,
        locked_until=None,
        queued_until=now + timedelta(seconds=conf.SWEEP_GRACE),
    )
    return ids


def due_outbox_ids(limit: int | None = None) -> list[int]:
    """Outbox rows nobody routed within the grace period (the after-commit dispatch was lost)."""
    cutoff = timezone.now() - timedelta(seconds=conf.SWEEP_GRACE)
    return list(
        OutboxMessage.objects.filter(status=OutboxMessage.Status.pending, next_attempt_at__lte=cutoff)
        .order_by("pk")
        .values_list("pk", flat=True)[: limit or conf.SWEEP_BATCH]
    )


def take_due_delivery_ids(limit: int | None = None, extra_trust: float = 0.0) -> list[int]:
    """Due pending deliveries whose queued task is overdue and that no live worker holds; marks them queued.

    ``extra_trust``: seconds a queued task is trusted beyond its ``queued_until`` (the sweep passes
    SWEEP_BACKLOG_GRACE while the broker queue is not empty, so a backlog is not queued a second time).
    """
    now = timezone.now()
    overdue = now - timedelta(seconds=max(extra_trust, 0.0))
    with transaction.atomic():
        ids = list(
            Delivery.objects.filter(status=Delivery.Status.pending, next_attempt_at__lte=now)
            .filter(Q(queued_until__isnull=True) | Q(queued_until__lt=overdue))
            .filter(Q(locked_until__isnull=True) | Q(locked_until__lt=now))
            .order_by("next_attempt_at")
            .values_list("pk", flat=True)[: limit or conf.SWEEP_BATCH]
        )
        if ids:
            Delivery.objects.filter(pk__in=ids).update(queued_until=now + timedelta(seconds=conf.SWEEP_GRACE))
    return ids
