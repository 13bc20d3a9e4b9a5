"""Resultaattypen: Selectielijst checks (ztc-002, ztc-003), brondatumArchiefprocedure (ztc-004 … ztc-008)."""

from __future__ import annotations

from typing import Any

from rest_framework.exceptions import ErrorDetail, ValidationError

from zgw.common.errors import ErrorCollector, collect_errors, collecting

from .. import selectielijst
from ..models import (
    Afleidingswijze,
    ResultaatType,
    ZaakType,
)
from .base import (
    NON_FIELD,
    _apply,
    _check_unique,
    _error,
    _merged,
    _save,
    resolve_relations,
)
from .sub_types import _subtype_common

# --- ResultaatType (ztc-002 … ztc-008) --------------------------------------------------------------------------

BRONDATUM_FIELDS = {
    "datumkenmerk": "brondatum_archiefprocedure_datumkenmerk",
    "einddatumBekend": "brondatum_archiefprocedure_einddatum_bekend",
    "objecttype": "brondatum_archiefprocedure_objecttype",
    "registratie": "brondatum_archiefprocedure_registratie",
    "procestermijn": "brondatum_archiefprocedure_procestermijn",
}

# afleidingswijze -> (required fields, forbidden fields); unnamed fields may have any value (catalogi.md §5)
_ALL = set(BRONDATUM_FIELDS)
BRONDATUM_RULES: dict[str, tuple[set[str], set[str]]] = {
    Afleidingswijze.afgehandeld: (set(), _ALL),
    Afleidingswijze.ander_datumkenmerk: ({"datumkenmerk", "objecttype", "registratie"}, {"procestermijn"}),
    Afleidingswijze.eigenschap: ({"datumkenmerk"}, {"objecttype", "registratie", "procestermijn"}),
    Afleidingswijze.gerelateerde_zaak: (set(), {"datumkenmerk", "objecttype", "registratie", "procestermijn"}),
    Afleidingswijze.hoofdzaak: (set(), {"datumkenmerk", "objecttype", "registratie", "procestermijn"}),
    Afleidingswijze.ingangsdatum_besluit: (set(), {"datumkenmerk", "objecttype", "registratie", "procestermijn"}),
    Afleidingswijze.termijn: ({"procestermijn"}, {"datumkenmerk", "einddatumBekend", "objecttype", "registratie"}),
    Afleidingswijze.vervaldatum_besluit: (set(), {"datumkenmerk", "objecttype", "registratie", "procestermijn"}),
    Afleidingswijze.zaakobject: ({"datumkenmerk", "objecttype"}, {"registratie", "procestermijn"}),
}


def validate_brondatum_archiefprocedure(values: dict[str, Any]) -> None:
    """ztc-004 … ztc-008: per afleidingswijze which brondatumArchiefprocedure fields must or may not have a value.

    ``values`` maps the model field names to their (merged) values.
    """
    afleidingswijze = values.get("brondatum_archiefprocedure_afleidingswijze")
    if not afleidingswijze:
        return
    required, forbidden = BRONDATUM_RULES[afleidingswijze]
    errors: dict[str, list[ErrorDetail]] = {}
    for name, attr in BRONDATUM_FIELDS.items():
        filled = bool(values.get(attr))
        if name in required and not filled:
            errors[f"brondatumArchiefprocedure.{name}"] = [
                ErrorDetail(f"Het veld '{name}' is verplicht bij afleidingswijze '{afleidingswijze}'.", "required")
            ]
        elif name in forbidden and filled:
            errors[f"brondatumArchiefprocedure.{name}"] = [
                ErrorDetail(
                    f"Het veld '{name}' moet leeg zijn bij afleidingswijze '{afleidingswijze}'.", "must-be-empty"
                )
            ]
    if errors:
        raise ValidationError(errors)


def validate_ztc_003_afleidingswijze(resultaat: dict, afleidingswijze: str) -> None:
    """ztc-003: selectielijst procestermijn ``nihil`` → afgehandeld; ``ingeschatte_bestaansduur_procesobject`` →
    termijn."""
    procestermijn = resultaat.get("procestermijn") or ""
    expected = {"nihil": Afleidingswijze.afgehandeld, "ingeschatte_bestaansduur_procesobject": Afleidingswijze.termijn}
    if procestermijn in expected and afleidingswijze and afleidingswijze != expected[procestermijn]:
        raise _error(
            NON_FIELD,
            f"Afleidingswijze moet '{expected[procestermijn]}' zijn bij selectielijstklasse-procestermijn "
            f"'{procestermijn}'.",
            "invalid-afleidingswijze-for-procestermijn",
        )


def validate_ztc_002_resultaattype(
    instance, data: dict, zaaktype: ZaakType, request, errors: ErrorCollector | None = None
) -> dict | None:
    """ztc-002: resultaattypeomschrijving and selectielijstklasse are Referentielijsten records, the klasse belongs
    to the zaaktype's procestype; returns the selectielijst resultaat (``None`` when the klasse failed).

    The procestype rule concerns two fields (the klasse and the zaaktype's procestype): ``nonFieldErrors``. With
    ``errors`` each failure is collected and the checks go on."""
    resultaat = None
    with collecting(errors) as errors:
        if "resultaattypeomschrijving" in data:
            with errors.check():
                omschrijving = selectielijst.fetch(
                    data["resultaattypeomschrijving"],
                    "resultaattypeomschrijvingen",
                    "resultaattypeomschrijving",
                    request,
                )
                data["omschrijving_generiek"] = omschrijving.get("omschrijving", "")[:80]
        klasse_url = _merged(instance, data, "selectielijstklasse")
        resultaat = errors.run(selectielijst.fetch, klasse_url, "resultaten", "selectielijstklasse", request)
        if resultaat is not None:
            with errors.check():
                validate_ztc_002_procestype(resultaat, data, zaaktype)
    return resultaat


def validate_ztc_002_procestype(resultaat: dict, data: dict, zaaktype: ZaakType) -> None:
    """ztc-002: the selectielijstklasse belongs to the zaaktype's selectielijstProcestype (``procestype-mismatch``)."""
    if (
        ("selectielijstklasse" in data or "zaaktype" in data)
        and zaaktype.selectielijst_procestype
        and not selectielijst.same_resource(resultaat.get("procesType", ""), zaaktype.selectielijst_procestype)
    ):
        raise _error(
            NON_FIELD,
            "De selectielijstklasse hoort niet bij het selectielijst procestype van het zaaktype.",
            "procestype-mismatch",
        )


def save_resultaattype(instance: ResultaatType | None, data: dict, *, geforceerd: bool, request=None) -> ResultaatType:
    """ztc-002 … ztc-008 and the relations: every independent error is reported in one 400 (DECISIONS.md)."""
    besluittypen = iots = None
    with collect_errors() as errors:
        action = "create" if instance is None else "update"
        zaaktype = _subtype_common(instance, data, geforceerd=geforceerd, action=action, errors=errors)
        with errors.check():
            _check_unique(
                ResultaatType.objects.filter(zaaktype=zaaktype, omschrijving=_merged(instance, data, "omschrijving")),
                instance,
                "omschrijving",
                "Deze omschrijving is al in gebruik binnen het zaaktype.",
            )
        resultaat = validate_ztc_002_resultaattype(instance, data, zaaktype, request, errors)
        derived = {
            "archiefnominatie": (resultaat or {}).get("waardering") or "",
            "archiefactietermijn": (resultaat or {}).get("bewaartermijn"),
        }
        for key, value in derived.items():
            kept = instance is not None and key not in data and getattr(instance, key)
            if not data.get(key) and not kept and value:
                data[key] = value
        if data.get("brondatum_archiefprocedure_afleidingswijze", "") is None:
            data["brondatum_archiefprocedure_afleidingswijze"] = ""
        merged = {
            attr: _merged(instance, data, attr)
            for attr in [*BRONDATUM_FIELDS.values(), "brondatum_archiefprocedure_afleidingswijze"]
        }
        with errors.check():
            validate_brondatum_archiefprocedure(merged)
        if resultaat is not None:  # ztc-003 needs a valid selectielijstklasse
            with errors.check():
                validate_ztc_003_afleidingswijze(resultaat, merged["brondatum_archiefprocedure_afleidingswijze"])
        common = {"catalogus": zaaktype.catalogus, "request": request, "datum": zaaktype.datum_begin_geldigheid}
        if "besluittypen" in data:
            besluittypen = errors.run(
                resolve_relations, "besluittypen", data.pop("besluittypen"), field="besluittypen", **common
            )
        if "informatieobjecttypen" in data:
            iots = errors.run(
                resolve_relations,
                "informatieobjecttypen",
                data.pop("informatieobjecttypen"),
                field="informatieobjecttypen",
                **common,
            )
    resultaattype = instance or ResultaatType()
    _apply(resultaattype, data)
    _save(resultaattype)
    if besluittypen is not None:
        resultaattype.besluittypen.set(besluittypen)
    if iots is not None:
        resultaattype.informatieobjecttypen.set(iots)
    return resultaattype
