"""Writes of the Notificaties API and the rules they enforce (notificaties.md §3).

The NRC has no numbered rules; validators are named after the error codes of the reference implementation.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import requests
from django.db import transaction
from django.utils import timezone
from rest_framework.exceptions import ErrorDetail, ValidationError

from zgw.common.aftercommit import after_commit

from . import conf
from .kanalen import KANALEN
from .matching import consistent
from .models import Abonnement, Delivery, FilterGroup, Kanaal, Notificatie

logger = logging.getLogger(__name__)

TEST_NOTIFICATIE = {
    "kanaal": "test",
    "hoofdObject": "http://some.hoofdobject.nl/",
    "resource": "some_resource",
    "resourceUrl": "http://some.resource.nl/",
    "actie": "create",
    "aanmaakdatum": "2019-01-01T12:00:00Z",
    "kenmerken": {},
}


def _error(name: str, message: str, code: str) -> ValidationError:
    return ValidationError({name: [ErrorDetail(message, code=code)]})


@dataclass
class FilterGroupData:
    naam: str
    filters: dict[str, str] = field(default_factory=dict)


# ---- kanalen -------------------------------------------------------------------------------------------------


def create_kanaal(naam: str, documentatie_link: str = "", filters: list[str] | None = None) -> Kanaal:
    if Kanaal.objects.filter(naam=naam).exists():
        raise _error("naam", "Er bestaat al een kanaal met deze naam.", "unique")
    return Kanaal.objects.create(naam=naam, documentatie_link=documentatie_link or "", filters=list(filters or []))


def register_kanalen() -> list[str]:
    """Create or bring up to date the kanalen of this server's components (idempotent); returns the created."""
    created: list[str] = []
    for spec in KANALEN:
        kanaal, was_created = Kanaal.objects.get_or_create(
            naam=spec.naam, defaults={"documentatie_link": spec.documentatie_link, "filters": list(spec.filters)}
        )
        if was_created:
            created.append(spec.naam)
        elif kanaal.filters != list(spec.filters) or not kanaal.documentatie_link:
            kanaal.filters = list(spec.filters)
            kanaal.documentatie_link = kanaal.documentatie_link or spec.documentatie_link
            kanaal.save(update_fields=["filters", "documentatie_link"])
    return created


# ---- abonnementen --------------------------------------------------------------------------------------------


def validate_kanalen_of_abonnement(groups: list[FilterGroupData]) -> list[tuple[Kanaal, dict[str, str]]]:
    """Every kanaal must exist (``kanaal_naam``); the filter keys must fit the kanaal's filters
    (``inconsistent-abonnement-filters``)."""
    kanalen = {k.naam: k for k in Kanaal.objects.filter(naam__in=[g.naam for g in groups])}
    errors: dict[str, list[ErrorDetail]] = {}
    result = []
    for index, group in enumerate(groups):
        kanaal = kanalen.get(group.naam)
        if kanaal is None:
            errors[f"kanalen.{index}.naam"] = [
                ErrorDetail(f"Kanaal met naam {group.naam!r} bestaat niet.", code="kanaal_naam")
            ]
            continue
        if not consistent(group.filters, kanaal.filters):
            errors[f"kanalen.{index}.filters"] = [
                ErrorDetail(
                    f"Abonnement filters komen niet overeen met de kanaal filters {kanaal.filters}.",
                    code="inconsistent-abonnement-filters",
                )
            ]
            continue
        result.append((kanaal, dict(group.filters)))
    if errors:
        raise ValidationError(errors)
    return result


def _whitelisted(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    return any(host == h or host.endswith(f".{h}") for h in conf.CHECK_CALLBACK_NO_AUTH_WHITELIST)


def check_callback(callback_url: str, auth: str) -> None:
    """The callback must accept a test notificatie with the given ``auth`` (2xx), else ``invalid-callback-url``.

    With ``NOTIFICATIES_CHECK_CALLBACK_NO_AUTH`` it must also refuse one without credentials (401/403).
    """
    if not conf.CHECK_CALLBACK:
        return
    timeout = conf.CALLBACK_TIMEOUT
    try:
        response = requests.post(
            callback_url,
            json=TEST_NOTIFICATIE,
            headers={"Authorization": auth},
            timeout=timeout,
            allow_redirects=False,  # the credentials go to this URL only, never to where it points
        )
        ok = 200 <= response.status_code < 300
        reason = f"status {response.status_code}"
    except requests.RequestException as exc:
        ok, reason = False, type(exc).__name__
    if not ok:
        raise _error(
            "callbackUrl",
            f"De callback URL accepteert de test-notificatie niet ({reason}); verwacht wordt een 2xx antwoord.",
            "invalid-callback-url",
        )
    if not conf.CHECK_CALLBACK_NO_AUTH or _whitelisted(callback_url):
        return
    try:
        refused = requests.post(
            callback_url, json=TEST_NOTIFICATIE, timeout=timeout, allow_redirects=False
        ).status_code in (401, 403)
    except requests.RequestException:
        refused = False
    if not refused:
        raise _error(
            "callbackUrl",
            "De callback URL moet een notificatie zonder Authorization header weigeren (401/403).",
            "no-auth-on-callback-url",
        )


def _write_groups(abonnement: Abonnement, groups: list[tuple[Kanaal, dict[str, str]]]) -> None:
    abonnement.filter_groups.all().delete()
    FilterGroup.objects.bulk_create(
        FilterGroup(abonnement=abonnement, kanaal=kanaal, filters=filters) for kanaal, filters in groups
    )


@transaction.atomic
def create_abonnement(callback_url: str, auth: str, kanalen: list[FilterGroupData], client_id: str = "") -> Abonnement:
    groups = validate_kanalen_of_abonnement(kanalen)
    check_callback(callback_url, auth)
    abonnement = Abonnement.objects.create(callback_url=callback_url, auth=auth, client_id=client_id)
    _write_groups(abonnement, groups)
    return abonnement


def validate_new_auth_with_new_callback(abonnement: Abonnement, changes: dict) -> None:
    """A changed ``callbackUrl`` needs a new ``auth`` in the same request (400 ``required`` on ``auth``).

    Otherwise the stored credentials of the old receiver would be sent to the new URL: by the callback check at
    once, and with every notificatie from then on (issue 19, finding 8).
    """
    if "callback_url" not in changes or changes["callback_url"] == abonnement.callback_url:
        return
    if not changes.get("auth"):
        raise _error(
            "auth",
            "Bij een nieuwe callbackUrl hoort een nieuwe auth in hetzelfde verzoek.",
            "required",
        )


@transaction.atomic
def update_abonnement(abonnement: Abonnement, changes: dict) -> Abonnement:
    """PUT/PATCH: given fields replace the old ones; given ``kanalen`` replace all kanalen and filters."""
    groups = validate_kanalen_of_abonnement(changes["kanalen"]) if "kanalen" in changes else None
    validate_new_auth_with_new_callback(abonnement, changes)
    callback_url = changes.get("callback_url", abonnement.callback_url)
    auth = changes.get("auth", abonnement.auth)
    if "callback_url" in changes or "auth" in changes:
        check_callback(callback_url, auth)
    abonnement.callback_url, abonnement.auth = callback_url, auth
    abonnement.save(update_fields=["callback_url", "auth"])
    if groups is not None:
        _write_groups(abonnement, groups)
    return abonnement


@transaction.atomic
def delete_abonnement(abonnement: Abonnement) -> None:
    """DELETE: the abonnement is gone for the API (404 afterwards), but its delivery history is not lost.

    Without afleveringen the row is removed. With afleveringen it is marked ``verwijderd``, its kanalen are dropped
    (no new notificaties match it) and its afleveringen still waiting are closed as failed, so nothing is sent to
    the callback any more (issue 18 §4).
    """
    if not abonnement.deliveries.exists():
        abonnement.delete()
        return
    now = timezone.now()
    abonnement.filter_groups.all().delete()
    abonnement.verwijderd = now
    abonnement.save(update_fields=["verwijderd"])
    abonnement.deliveries.filter(status=Delivery.Status.pending).update(
        status=Delivery.Status.failed, last_error="Abonnement verwijderd.", queued_until=None, locked_until=None
    )


# ---- notificaties --------------------------------------------------------------------------------------------


def validate_message(kanaal_naam: str, kenmerken: dict[str, str]) -> Kanaal:
    """The kanaal must exist (``message_kanaal``); the kenmerken must fit its filters (``kenmerken_inconsistent``)."""
    kanaal = Kanaal.objects.filter(naam=kanaal_naam).first()
    if kanaal is None:
        raise _error("kanaal", f"Kanaal met naam {kanaal_naam!r} bestaat niet.", "message_kanaal")
    if not consistent(kenmerken, kanaal.filters):
        raise _error(
            "kenmerken",
            f"De kenmerken komen niet overeen met de filters van kanaal {kanaal.naam!r}: {kanaal.filters}.",
            "kenmerken_inconsistent",
        )
    return kanaal


def receive_notificatie(payload: dict) -> Notificatie:
    """Store a posted notificatie and its deliveries; they are queued once the request's transaction commits."""
    from .dispatch import queue_deliveries
    from .routing import route_notificatie

    validate_message(payload["kanaal"], payload.get("kenmerken") or {})
    notificatie = Notificatie.objects.create(kanaal=payload["kanaal"], payload=payload)
    ids = route_notificatie(notificatie)
    after_commit(lambda: queue_deliveries(ids), name="notificaties.queue_deliveries", first=True)
    return notificatie


def deactivate_abonnement(abonnement: Abonnement) -> int:
    """Stop an abonnement without losing its delivery history: drop its kanaal filters, keep the row.

    Without filter groups no notificatie matches it any more (routing selects abonnementen through their groups),
    while its afleveringen and afleverpogingen stay readable. Returns the number of groups removed.
    """
    with transaction.atomic():
        removed, _ = abonnement.filter_groups.all().delete()
    return removed
