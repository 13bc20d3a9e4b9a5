"""Writes of zaaknotities (Zaken 1.7.0, marked experimental by VNG) and the rules they follow.

The standard gives notes no authorisation rules of their own; this server treats a note as a sub-resource of its
zaak (docs/decisions.md "Zaaknotities"): readable by whoever may read the zaak (zrc-006), writable with
``zaken.bijwerken`` on the zaak, and zrc-007 protects the notes of a closed zaak. Every write goes to the zaak's
audit trail. No notification is sent: the ``zaken`` kanaal of the standard does not list ``zaaknotitie``.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils import timezone

from zgw.common import audit
from zgw.common.references import object_url

from .models import NotitieStatus, Zaak, ZaakNotitie
from .services import (
    BRON,
    SCOPE_BIJWERKEN,
    check_zaak_allowed,
    check_zrc_007_closed,
    error,
    zaak_url,
)

RESOURCE = "zaaknotitie"
Render = Callable[[object], dict]

FIELDS = ("onderwerp", "tekst", "aangemaakt_door", "notitie_type", "status")


def _audit(request, notitie: ZaakNotitie, zaak: Zaak, actie: str, oud, nieuw, resultaat: int, url: str = "") -> None:
    audit.record(
        request,
        bron=BRON,
        actie=actie,
        resultaat=resultaat,
        hoofd_object=zaak_url(request, zaak),
        hoofd_object_uuid=zaak.uuid,
        resource=RESOURCE,
        resource_url=url or object_url(request, notitie),
        resource_weergave=notitie.onderwerp,
        oud=oud,
        nieuw=nieuw,
    )


def check_concept(notitie: ZaakNotitie) -> None:
    """The OAS: a note can only be changed while its status is ``concept``."""
    if notitie.status == NotitieStatus.definitief:
        raise error(
            "status",
            "Een notitie met status 'definitief' kan niet meer gewijzigd worden.",
            "notitie-definitief",
        )


def create_notitie(values: dict, *, request, render: Render) -> ZaakNotitie:
    zaak: Zaak = values["zaak"].obj
    check_zaak_allowed(zaak, request, SCOPE_BIJWERKEN)
    check_zrc_007_closed(zaak, request)
    now = timezone.now()
    notitie = ZaakNotitie(zaak=zaak, aanmaakdatum=now, wijzigingsdatum=now)
    for name in FIELDS:
        if name in values:
            setattr(notitie, name, values[name])
    notitie.save()
    _audit(request, notitie, zaak, "create", None, render(notitie), 201)
    return notitie


def update_notitie(notitie: ZaakNotitie, values: dict, *, request, render: Render, partial: bool) -> ZaakNotitie:
    """PUT/PATCH: the note stays with its zaak (``gerelateerdAan`` cannot change) and must still be a concept."""
    zaak = notitie.zaak
    check_zrc_007_closed(zaak, request)
    if "zaak" in values and values["zaak"].obj.pk != zaak.pk:
        raise error("gerelateerdAan", "Dit veld mag niet gewijzigd worden.", "wijzigen-niet-toegelaten")
    check_concept(notitie)
    oud = render(notitie)
    for name in FIELDS:
        if name in values:
            setattr(notitie, name, values[name])
    notitie.wijzigingsdatum = timezone.now()
    notitie.save()
    _audit(request, notitie, zaak, "partial_update" if partial else "update", oud, render(notitie), 200)
    return notitie


def destroy_notitie(notitie: ZaakNotitie, *, request, render: Render) -> None:
    zaak = notitie.zaak
    check_zrc_007_closed(zaak, request)
    url = object_url(request, notitie)
    oud = render(notitie)
    notitie.delete()
    _audit(request, notitie, zaak, "destroy", oud, None, 204, url=url)
