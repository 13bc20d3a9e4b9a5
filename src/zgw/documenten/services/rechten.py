"""Gebruiksrechten (drc-006: they drive indicatieGebruiksrecht) and verzendingen (one address kind each)."""

from __future__ import annotations

from zgw.common.references import object_url

from ..models import (
    EnkelvoudigInformatieObject,
    EnkelvoudigInformatieObjectVersie,
    Gebruiksrechten,
    Verzending,
)
from .common import Render, _audit, _error, _notify


def _set_indicatie(document: EnkelvoudigInformatieObject, value) -> None:
    """drc-006: the flag follows the gebruiksrechten; changed in place (no new version, as Open Zaak)."""
    EnkelvoudigInformatieObjectVersie.objects.filter(pk=document.latest_version_id).update(
        indicatie_gebruiksrecht=value
    )


def create_gebruiksrechten(data: dict, *, request=None, render: Render | None = None) -> Gebruiksrechten:
    document = data["informatieobject"]
    recht = Gebruiksrechten.objects.create(**data)
    _set_indicatie(document, True)
    url = object_url(request, recht)
    _audit(
        request,
        document,
        actie="create",
        resultaat=201,
        resource="gebruiksrechten",
        resource_url=url,
        weergave=str(recht),
        nieuw=render(recht) if render else None,
    )
    _notify(request, document, "gebruiksrechten", url, "create")
    return recht


def update_gebruiksrechten(
    recht: Gebruiksrechten, data: dict, *, partial: bool, request=None, render: Render | None = None
) -> Gebruiksrechten:
    new_document = data.pop("informatieobject", None)
    if new_document is not None and new_document.pk != recht.informatieobject_id:
        raise _error("informatieobject", "Dit veld mag niet gewijzigd worden.", "wijzigen-niet-toegelaten")
    oud = render(recht) if render else None
    for name, value in data.items():
        setattr(recht, name, value)
    recht.save()
    url = object_url(request, recht)
    actie = "partial_update" if partial else "update"
    _audit(
        request,
        recht.informatieobject,
        actie=actie,
        resultaat=200,
        resource="gebruiksrechten",
        resource_url=url,
        weergave=str(recht),
        oud=oud,
        nieuw=render(recht) if render else None,
    )
    _notify(request, recht.informatieobject, "gebruiksrechten", url, actie)
    return recht


def destroy_gebruiksrechten(recht: Gebruiksrechten, *, request=None, render: Render | None = None) -> None:
    document = recht.informatieobject
    url = object_url(request, recht)
    oud = render(recht) if render else None
    recht.delete()
    if not document.gebruiksrechten.exists():
        _set_indicatie(document, None)
    _audit(
        request,
        document,
        actie="destroy",
        resultaat=204,
        resource="gebruiksrechten",
        resource_url=url,
        weergave=str(recht),
        oud=oud,
    )
    _notify(request, document, "gebruiksrechten", url, "destroy")


def _addresses_filled(verzending: Verzending) -> list[str]:
    filled = []
    if verzending.binnenlands_huisnummer is not None or verzending.binnenlands_naam_openbare_ruimte:
        filled.append("binnenlandsCorrespondentieadres")
    if verzending.buitenlands_adres_1 or verzending.buitenlands_land_postadres:
        filled.append("buitenlandsCorrespondentieadres")
    if verzending.post_bus_of_antwoordnummer is not None or verzending.postadres_type:
        filled.append("correspondentiePostadres")
    for name, label in (
        ("faxnummer", "faxnummer"),
        ("emailadres", "emailadres"),
        ("telefoonnummer", "telefoonnummer"),
    ):
        if getattr(verzending, name):
            filled.append(label)
    if verzending.mijn_overheid:
        filled.append("mijnOverheid")
    return filled


def validate_verzending_address(verzending: Verzending) -> None:
    """A Verzending goes to/from exactly one address (documenten.md §6)."""
    if len(_addresses_filled(verzending)) != 1:
        raise _error(
            "nonFieldErrors",
            "Een verzending moet precies één adres hebben (correspondentieadres, postadres, fax, e-mail, "
            "MijnOverheid of telefoon).",
            "invalid-address",
        )


def save_verzending(
    verzending: Verzending, values: dict, *, actie: str, request=None, render: Render | None = None
) -> Verzending:
    """Create/update a Verzending; audited under its document (common.md §10: writes on related objects)."""
    oud = render(verzending) if render and verzending.pk else None
    for name, value in values.items():
        setattr(verzending, name, value)
    validate_verzending_address(verzending)
    verzending.save()
    url = object_url(request, verzending)
    _audit(
        request,
        verzending.informatieobject,
        actie=actie,
        resultaat=201 if actie == "create" else 200,
        resource="verzending",
        resource_url=url,
        weergave=str(verzending),
        oud=oud,
        nieuw=render(verzending) if render else None,
    )
    _notify(request, verzending.informatieobject, "verzending", url, actie)
    return verzending


def destroy_verzending(verzending: Verzending, *, request=None, render: Render | None = None) -> None:
    url = object_url(request, verzending)
    document = verzending.informatieobject
    oud = render(verzending) if render else None
    verzending.delete()
    _audit(
        request,
        document,
        actie="destroy",
        resultaat=204,
        resource="verzending",
        resource_url=url,
        weergave=str(verzending),
        oud=oud,
    )
    _notify(request, document, "verzending", url, "destroy")
