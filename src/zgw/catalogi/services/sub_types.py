"""Sub-types of a zaaktype (statustypen, roltypen, eigenschappen, zaakobjecttypen, ZIOT).

ztc-010 (rewritten in 1.3.2), ztc-015; ztc-011a and ztc-013 were dropped in 1.3.2.
"""

from __future__ import annotations

import datetime

from zgw.common.errors import ErrorCollector, collect_errors, collecting

from ..models import (
    Eigenschap,
    FormaatChoices,
    RolType,
    StatusType,
    ZaakObjectType,
    ZaakType,
    ZaakTypeInformatieObjectType,
)
from .base import (
    NON_FIELD,
    _apply,
    _check_unique,
    _delete,
    _error,
    _merged,
    _ref_obj,
    _resolve_local_urls,
    _save,
    resolve_relation,
    validate_geldigheid,
    validate_ztc_010_zaaktype_concept,
)

# --- Sub-types of a zaaktype ------------------------------------------------------------------------------------


def _subtype_common(
    instance, data: dict, *, geforceerd: bool, action: str, errors: ErrorCollector | None = None
) -> ZaakType:
    """Zaaktype checks shared by every sub-type write: concept (ztc-010), geldigheid.

    ``catalogus`` (deprecated in the roltype/resultaattype requests since 1.3.2) follows from the zaaktype: a value
    sent is accepted and not stored (ztc-013 dropped). With ``errors`` (the service's collector) the failures are
    reported together with the service's own."""
    zaaktype = _ref_obj(_merged(instance, data, "zaaktype"))
    data["zaaktype"] = zaaktype
    with collecting(errors) as errors:
        if instance is not None and zaaktype.pk != instance.zaaktype_id:
            # moving to another zaaktype: both the old and the new one must be concepts
            with errors.check():
                validate_ztc_010_zaaktype_concept(instance.zaaktype, geforceerd=geforceerd, action="update")
        with errors.check():
            validate_ztc_010_zaaktype_concept(zaaktype, geforceerd=geforceerd, action=action)
        data.pop("catalogus", None)
        with errors.check():
            validate_geldigheid(
                _merged(instance, data, "datum_begin_geldigheid"), _merged(instance, data, "datum_einde_geldigheid")
            )
    if instance is None:
        data.setdefault("datum_begin_geldigheid", zaaktype.datum_begin_geldigheid)
        if data["datum_begin_geldigheid"] is None:
            data["datum_begin_geldigheid"] = zaaktype.datum_begin_geldigheid
    return zaaktype


def _action(instance) -> str:
    return "create" if instance is None else "update"


def validate_same_zaaktype(related, zaaktype: ZaakType, message: str) -> None:
    """A related sub-type (statustype, eigenschappen) belongs to the same zaaktype; the error concerns the relation
    and the zaaktype together: ``nonFieldErrors`` (DECISIONS.md)."""
    items = related if isinstance(related, list) else [related]
    if any(item is not None and item.zaaktype_id != zaaktype.pk for item in items):
        raise _error(NON_FIELD, message, "relations-incorrect-zaaktype")


def save_statustype(instance: StatusType | None, data: dict, *, geforceerd: bool, request=None) -> StatusType:
    eigenschappen = None
    with collect_errors() as errors:
        zaaktype = _subtype_common(instance, data, geforceerd=geforceerd, action=_action(instance), errors=errors)
        with errors.check():
            _check_unique(
                StatusType.objects.filter(zaaktype=zaaktype, volgnummer=_merged(instance, data, "volgnummer")),
                instance,
                "volgnummer",
                "Dit volgnummer is al in gebruik binnen het zaaktype.",
            )
        if "eigenschappen" in data:
            eigenschappen = errors.run(
                _resolve_local_urls, data.pop("eigenschappen"), Eigenschap, "eigenschappen", "eigenschappen", request
            )
            if eigenschappen is not None:
                with errors.check():
                    validate_same_zaaktype(
                        eigenschappen, zaaktype, "De eigenschappen moeten bij hetzelfde zaaktype horen."
                    )
    statustype = instance or StatusType()
    _apply(statustype, data)
    _save(statustype)
    if eigenschappen is not None:
        statustype.eigenschappen.set(eigenschappen)
    return statustype


def save_roltype(instance: RolType | None, data: dict, *, geforceerd: bool, request=None) -> RolType:
    with collect_errors() as errors:
        zaaktype = _subtype_common(instance, data, geforceerd=geforceerd, action=_action(instance), errors=errors)
        with errors.check():
            _check_unique(
                RolType.objects.filter(zaaktype=zaaktype, omschrijving=_merged(instance, data, "omschrijving")),
                instance,
                "omschrijving",
                "Deze omschrijving is al in gebruik binnen het zaaktype.",
            )
    roltype = instance or RolType()
    _apply(roltype, data)
    _save(roltype)
    return roltype


EIGENSCHAP_LENGTE = {
    FormaatChoices.datum: "8",
    FormaatChoices.datum_tijd: "14",
}
_DATUM_FORMATS = {FormaatChoices.datum: "%Y%m%d", FormaatChoices.datum_tijd: "%Y%m%d%H%M%S"}


def validate_ztc_015_datum_lengte(formaat: str, lengte: str, waardenverzameling: list[str] | None = None) -> None:
    """ztc-015: formaat ``datum`` has lengte 8 (values ``YYYYMMDD``), ``datum_tijd`` lengte 14 (``YYYYMMDDhhmmss``).

    400 ``invalid-length`` on ``specificatie.lengte``; a value of the waardenverzameling in another form:
    ``invalid-format`` on ``specificatie.waardenverzameling``."""
    if formaat not in EIGENSCHAP_LENGTE:
        return
    with collect_errors() as errors:
        if lengte != EIGENSCHAP_LENGTE[formaat]:
            errors.add(
                "specificatie.lengte",
                f"Lengte moet {EIGENSCHAP_LENGTE[formaat]} zijn bij formaat '{formaat}'.",
                "invalid-length",
            )
        for value in waardenverzameling or []:
            try:
                ok = len(value) == int(EIGENSCHAP_LENGTE[formaat])
                datetime.datetime.strptime(value, _DATUM_FORMATS[formaat])
            except ValueError:
                ok = False
            if not ok:
                pattern = "YYYYMMDD" if formaat == FormaatChoices.datum else "YYYYMMDDhhmmss"
                errors.add(
                    "specificatie.waardenverzameling",
                    f"Waarde '{value}' heeft niet het formaat {pattern}.",
                    "invalid-format",
                )
                break


def validate_eigenschap_specificatie(
    formaat: str, lengte: str, kardinaliteit: str, waardenverzameling: list[str] | None = None
) -> None:
    """lengte must fit formaat (tekst: 0–255, getal: n or n,m; datum and datum_tijd: ztc-015); kardinaliteit is a
    number or ``N``. Every failure is reported."""
    field = "specificatie.lengte"
    with collect_errors() as errors:
        if formaat == FormaatChoices.tekst:
            if not lengte.isdigit() or not 0 <= int(lengte) <= 255:
                errors.add(field, "Lengte moet een getal tussen 0 en 255 zijn bij formaat 'tekst'.", "invalid-length")
        elif formaat == FormaatChoices.getal:
            parts = lengte.split(",")
            if len(parts) > 2 or not all(p.isdigit() for p in parts):
                errors.add(field, "Lengte moet een getal zijn, eventueel met decimalen ('n,m').", "invalid-length")
        else:
            with errors.check():
                validate_ztc_015_datum_lengte(formaat, lengte, waardenverzameling)
        if kardinaliteit != "N" and not kardinaliteit.isdigit():
            errors.add("specificatie.kardinaliteit", "Kardinaliteit is een getal of 'N'.", "invalid")


def save_eigenschap(instance: Eigenschap | None, data: dict, *, geforceerd: bool, request=None) -> Eigenschap:
    with collect_errors() as errors:
        zaaktype = _subtype_common(instance, data, geforceerd=geforceerd, action=_action(instance), errors=errors)
        with errors.check():
            validate_eigenschap_specificatie(
                _merged(instance, data, "formaat"),
                _merged(instance, data, "lengte"),
                _merged(instance, data, "kardinaliteit"),
                _merged(instance, data, "waardenverzameling", []),
            )
        with errors.check():
            _check_unique(
                Eigenschap.objects.filter(zaaktype=zaaktype, naam=_merged(instance, data, "naam")),
                instance,
                "naam",
                "Deze naam is al in gebruik binnen het zaaktype.",
            )
        if "statustype" in data:
            data["statustype"] = _ref_obj(data["statustype"])
            with errors.check():
                validate_same_zaaktype(data["statustype"], zaaktype, "Het statustype hoort niet bij het zaaktype.")
    eigenschap = instance or Eigenschap()
    _apply(eigenschap, data)
    _save(eigenschap)
    return eigenschap


def save_zaakobjecttype(instance, data: dict, *, geforceerd: bool, request=None) -> ZaakObjectType:
    catalogus = _ref_obj(data.get("catalogus")) if "catalogus" in data else None
    zaaktype = _subtype_common(instance, data, geforceerd=geforceerd, action=_action(instance))
    zaakobjecttype = instance or ZaakObjectType()
    _apply(zaakobjecttype, data)
    zaakobjecttype.catalogus = catalogus or zaaktype.catalogus
    _save(zaakobjecttype)
    return zaakobjecttype


def save_ziot(instance, data: dict, *, geforceerd: bool, request=None) -> ZaakTypeInformatieObjectType:
    """ZIOT: only the zaaktype's state counts (ztc-010 as rewritten in 1.3.2; the informatieobjecttype may be
    published or a concept, and may be of another catalogus since ztc-013 was dropped)."""
    with collect_errors() as errors:
        zaaktype = _subtype_common(instance, data, geforceerd=geforceerd, action=_action(instance), errors=errors)
        for key in ("datum_begin_geldigheid", "datum_einde_geldigheid", "begin_object", "einde_object"):
            data.pop(key, None)
        if "informatieobjecttype" in data:
            data["informatieobjecttype"] = errors.run(
                resolve_relation,
                "informatieobjecttypen",
                data["informatieobjecttype"],
                catalogus=zaaktype.catalogus,
                field="informatieobjecttype",
                request=request,
                datum=zaaktype.datum_begin_geldigheid,
            )
        with errors.check():
            _check_unique(
                ZaakTypeInformatieObjectType.objects.filter(
                    zaaktype=zaaktype, volgnummer=_merged(instance, data, "volgnummer")
                ),
                instance,
                "volgnummer",
                "Dit volgnummer is al in gebruik binnen het zaaktype.",
            )
        if "statustype" in data:
            data["statustype"] = _ref_obj(data["statustype"])
            with errors.check():
                validate_same_zaaktype(data["statustype"], zaaktype, "Het statustype hoort niet bij het zaaktype.")
    ziot = instance or ZaakTypeInformatieObjectType()
    _apply(ziot, data)
    _save(ziot)
    return ziot


def delete_subtype(instance, *, geforceerd: bool, request=None) -> None:
    """ztc-010: no sub-type of a published zaaktype is deleted, except with ``catalogi.geforceerd-verwijderen``."""
    validate_ztc_010_zaaktype_concept(instance.zaaktype, geforceerd=geforceerd, action="delete")
    _delete(instance)


delete_ziot = delete_subtype
