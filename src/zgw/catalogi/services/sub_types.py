"""Sub-types of a zaaktype (statustypen, roltypen, eigenschappen, zaakobjecttypen, ZIOT).

ztc-010, ztc-011a, ztc-013.
"""

from __future__ import annotations

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
    validate_ztc_013_same_catalogus,
)

# --- Sub-types of a zaaktype ------------------------------------------------------------------------------------


def _subtype_common(
    instance, data: dict, *, geforceerd: bool, action: str, errors: ErrorCollector | None = None
) -> ZaakType:
    """Zaaktype checks shared by every sub-type write: concept (ztc-010/011a), catalogus (ztc-013), geldigheid.

    With ``errors`` (the service's collector) their failures are reported together with the service's own."""
    zaaktype = _ref_obj(_merged(instance, data, "zaaktype"))
    data["zaaktype"] = zaaktype
    with collecting(errors) as errors:
        if instance is not None and zaaktype.pk != instance.zaaktype_id:
            # moving to another zaaktype: both the old and the new one must be concepts
            with errors.check():
                validate_ztc_010_zaaktype_concept(instance.zaaktype, geforceerd=geforceerd, action="update")
        with errors.check():
            validate_ztc_010_zaaktype_concept(zaaktype, geforceerd=geforceerd, action=action)
        if data.get("catalogus") is not None:
            with errors.check():
                validate_ztc_013_same_catalogus(_ref_obj(data.pop("catalogus")), zaaktype)
        else:
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


def validate_eigenschap_specificatie(formaat: str, lengte: str, kardinaliteit: str) -> None:
    """lengte must fit formaat (tekst: 0–255, getal: n or n,m, datum: 8, datum_tijd: 14); kardinaliteit is a number
    or ``N``. Both are reported when both fail."""
    field = "specificatie.lengte"
    with collect_errors() as errors:
        if formaat == FormaatChoices.tekst:
            if not lengte.isdigit() or not 0 <= int(lengte) <= 255:
                errors.add(field, "Lengte moet een getal tussen 0 en 255 zijn bij formaat 'tekst'.", "invalid-length")
        elif formaat == FormaatChoices.getal:
            parts = lengte.split(",")
            if len(parts) > 2 or not all(p.isdigit() for p in parts):
                errors.add(field, "Lengte moet een getal zijn, eventueel met decimalen ('n,m').", "invalid-length")
        elif formaat in EIGENSCHAP_LENGTE and lengte != EIGENSCHAP_LENGTE[formaat]:
            errors.add(
                field, f"Lengte moet {EIGENSCHAP_LENGTE[formaat]} zijn bij formaat '{formaat}'.", "invalid-length"
            )
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
    zaaktype = _ref_obj(_merged(instance, data, "zaaktype"))
    catalogus = _ref_obj(data.get("catalogus")) if "catalogus" in data else None
    _subtype_common(instance, data, geforceerd=geforceerd, action=_action(instance))
    zaakobjecttype = instance or ZaakObjectType()
    _apply(zaakobjecttype, data)
    zaakobjecttype.catalogus = catalogus or zaaktype.catalogus
    _save(zaakobjecttype)
    return zaakobjecttype


def save_ziot(instance, data: dict, *, geforceerd: bool, request=None) -> ZaakTypeInformatieObjectType:
    """ZIOT: zaaktype and informatieobjecttype in one catalogus (ztc-013); blocked only when both are published
    (ztc-010), unless a correctie."""
    zaaktype = _ref_obj(_merged(instance, data, "zaaktype"))
    data["zaaktype"] = zaaktype
    with collect_errors() as errors:
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
        iot = _merged(instance, data, "informatieobjecttype")
        if iot is not None:  # the rules on the pair need a valid informatieobjecttype
            if iot.catalogus_id != zaaktype.catalogus_id:
                errors.add(
                    NON_FIELD,
                    "Zaaktype en informatieobjecttype moeten in dezelfde catalogus liggen.",
                    "relations-incorrect-catalogus",
                )
            checks = [(zaaktype, iot)]
            if instance is not None:
                checks.append((instance.zaaktype, instance.informatieobjecttype))
            if not geforceerd and any(not z.concept and not i.concept for z, i in checks):
                errors.add(NON_FIELD, "Objects related to non-concept objects can't be updated", "non-concept-relation")
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


def delete_ziot(instance: ZaakTypeInformatieObjectType, *, geforceerd: bool, request=None) -> None:
    if not geforceerd and not instance.zaaktype.concept and not instance.informatieobjecttype.concept:
        raise _error(
            NON_FIELD,
            "Objecten gerelateerd aan non-concept objecten kunnen niet verwijderd worden.",
            "non-concept-relation",
        )
    _delete(instance)


def delete_subtype(instance, *, geforceerd: bool, request=None) -> None:
    validate_ztc_010_zaaktype_concept(instance.zaaktype, geforceerd=geforceerd, action="delete")
    _delete(instance)
