"""Rollen: the betrokkene identification key and [OZ] at most one initiator/zaakcoordinator per zaak."""

from __future__ import annotations

from zgw.common.errors import NON_FIELD, collect_errors

from ..models import (
    Rol,
    Zaak,
)
from .common import Render, error, save_sub, validate_type_in_zaaktype

IDENT_KEYS = {
    "natuurlijk_persoon": ("inpBsn", "anpIdentificatie", "inpA_nummer"),
    "niet_natuurlijk_persoon": ("innNnpId", "annIdentificatie"),
    "vestiging": ("vestigingsNummer",),
    "organisatorische_eenheid": ("identificatie",),
    "medewerker": ("identificatie",),
}


def ident_key(betrokkene_type: str, ident: dict | None) -> str:
    """A compact, indexed copy of the main identification value, for the betrokkeneIdentificatie filters."""
    if not ident:
        return ""
    for key in IDENT_KEYS.get(betrokkene_type, ()):
        if ident.get(key):
            return f"{key}:{ident[key]}"[:300]
    return ""


def validate_rol_max_occurences(zaak: Zaak, omschrijving_generiek: str) -> None:
    """[OZ] at most one initiator and one zaakcoordinator per zaak."""
    if (
        omschrijving_generiek in ("initiator", "zaakcoordinator")
        and zaak.rollen.filter(omschrijving_generiek=omschrijving_generiek).exists()
    ):
        raise error("roltype", f"Een zaak kan maar één {omschrijving_generiek} hebben.", "max-occurences")


def create_rol(values: dict, *, request, render: Render) -> Rol:
    zaak: Zaak = values["zaak"].obj
    ref = values["roltype"]
    ident = values.get("betrokkene_identificatie")
    if ref.obj is not None:
        omschrijving, generiek = ref.obj.omschrijving, ref.obj.omschrijving_generiek
    else:
        omschrijving = (ref.data or {}).get("omschrijving", "")
        generiek = (ref.data or {}).get("omschrijvingGeneriek", "")
    with collect_errors() as errors:
        with errors.check():
            validate_type_in_zaaktype(ref, zaak, "roltype", "zaaktype-mismatch", request)
        if not values.get("betrokkene") and not ident:
            errors.add(NON_FIELD, "betrokkene of betrokkeneIdentificatie moet opgegeven worden.", "invalid-betrokkene")
        if not errors.failed(NON_FIELD):  # the roltype must be one of the zaak's before its count matters
            with errors.check():
                validate_rol_max_occurences(zaak, generiek)
    rol = Rol(
        zaak=zaak,
        betrokkene=values.get("betrokkene", ""),
        betrokkene_type=values["betrokkene_type"],
        afwijkende_naam_betrokkene=values.get("afwijkende_naam_betrokkene", ""),
        roltype=ref.obj,
        roltype_url="" if ref.obj is not None else ref.url,
        omschrijving=omschrijving,
        omschrijving_generiek=generiek,
        roltoelichting=values.get("roltoelichting", ""),
        indicatie_machtiging=values.get("indicatie_machtiging", ""),
        contactpersoon_rol=values.get("contactpersoon_rol"),
        betrokkene_identificatie=ident,
        ident_key=ident_key(values["betrokkene_type"], ident),
    )
    save_sub(rol, zaak=zaak, resource="rol", request=request, render=render, actie="create")
    return rol
