"""Catalogussen and the main types (zaaktypen, informatieobjecttypen, besluittypen).

ztc-001, ztc-009, ztc-016, publishing and versioning (ztc-011a/b/c, ztc-012 and ztc-013 were dropped in 1.3.2).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from rest_framework.exceptions import ErrorDetail, ValidationError

from zgw.common.errors import collect_errors
from zgw.common.references import match_local, object_url

from .. import selectielijst
from ..models import (
    BesluitType,
    Catalogus,
    InformatieObjectType,
    ZaakType,
    ZaakTypenRelatie,
)
from .base import (
    NON_FIELD,
    _apply,
    _delete,
    _error,
    _merged,
    _notify,
    _published_versions,
    _ref_obj,
    _save,
    resolve_relation,
    resolve_relations,
    validate_geldigheid,
    validate_no_overlap,
    validate_ztc_009_concept,
)

# --- Catalogus --------------------------------------------------------------------------------------------------


def validate_rsin(rsin: str, field: str = "rsin") -> None:
    """An RSIN is nine digits that pass the eleven test."""
    if len(rsin) != 9 or not rsin.isdigit():
        raise _error(field, "Een RSIN bestaat uit 9 cijfers.", "invalid-length" if rsin.isdigit() else "only-digits")
    total = sum(int(d) * w for d, w in zip(rsin[:8], range(9, 1, -1), strict=True)) - int(rsin[8])
    if total % 11:
        raise _error(field, "Ongeldig RSIN (elfproef).", "invalid")


def create_catalogus(data: dict, request=None) -> Catalogus:
    validate_rsin(data["rsin"])
    if Catalogus.objects.filter(domein=data["domein"], rsin=data["rsin"]).exists():
        raise _error(NON_FIELD, "Er bestaat al een catalogus met dit domein en RSIN.", "unique")
    catalogus = Catalogus(**data)
    _save(catalogus)
    return catalogus


CATALOGUS_IDENTITY = {"domein": "domein", "rsin": "rsin"}


def update_catalogus(instance: Catalogus, data: dict, *, geforceerd: bool, request=None) -> Catalogus:
    """PUT/PATCH of a catalogus (Catalogi 1.3.2). ``domein`` and ``rsin`` identify the catalogus to the consumers of
    its published types (with the zaaktype identificatie they name a zaaktype across registries): while the
    catalogus holds a published zaaktype, besluittype or informatieobjecttype they may only change as a correctie
    (``catalogi.geforceerd-schrijven``), else 400 ``wijzigen-niet-toegelaten``. Everything else may always change."""
    with collect_errors() as errors:
        if "rsin" in data:
            with errors.check():
                validate_rsin(data["rsin"])
        changed = [name for name in CATALOGUS_IDENTITY if name in data and data[name] != getattr(instance, name)]
        if changed and not geforceerd and _has_published_types(instance):
            for name in changed:
                errors.add(
                    name,
                    "Het domein en RSIN van een catalogus met gepubliceerde typen kunnen alleen als correctie "
                    "gewijzigd worden.",
                    "wijzigen-niet-toegelaten",
                )
        domein, rsin = data.get("domein", instance.domein), data.get("rsin", instance.rsin)
        if changed and Catalogus.objects.filter(domein=domein, rsin=rsin).exclude(pk=instance.pk).exists():
            errors.add(NON_FIELD, "Er bestaat al een catalogus met dit domein en RSIN.", "unique")
    _apply(instance, data)
    _save(instance)
    return instance


def _has_published_types(catalogus: Catalogus) -> bool:
    return (
        catalogus.zaaktypen.filter(concept=False).exists()
        or catalogus.besluittypen.filter(concept=False).exists()
        or catalogus.informatieobjecttypen.filter(concept=False).exists()
    )


# --- ZaakType ---------------------------------------------------------------------------------------------------

ZAAKTYPE_RELATIONS = ("besluittypen", "deelzaaktypen", "gerelateerde_zaaktypen")


def _is_local(url: str, request) -> bool:
    match = match_local(url, request)
    return match is not None and (match.api, match.collection) == ("catalogi", "zaaktypen")


def validate_ztc_001_selectielijst_procestype(url: str, request=None) -> dict | None:
    """ztc-001: selectielijstProcestype, when filled, is a ProcesType of the Selectielijst API."""
    if not url:
        return None
    return selectielijst.fetch(url, "procestypen", "selectielijstProcestype", request)


def _validate_zaaktype(instance: ZaakType | None, data: dict, request) -> dict:
    """The zaaktype's own rules; every independent error is reported in one 400 (DECISIONS.md)."""
    catalogus = _ref_obj(_merged(instance, data, "catalogus"))
    resolved: dict[str, Any] = {"catalogus": catalogus}
    with collect_errors() as errors:
        if instance is not None and "catalogus" in data and catalogus.pk != instance.catalogus_id:
            errors.add(
                "catalogus", "De catalogus van een zaaktype kan niet gewijzigd worden.", "wijzigen-niet-toegelaten"
            )
        begin = _merged(instance, data, "datum_begin_geldigheid")
        with errors.check():
            validate_geldigheid(begin, _merged(instance, data, "datum_einde_geldigheid"))
        if _merged(instance, data, "verlenging_mogelijk") and not _merged(instance, data, "verlengingstermijn"):
            # two fields together (verlengingMogelijk and verlengingstermijn), as Open Zaak names it
            errors.add(
                NON_FIELD,
                "Verlengingstermijn moet ingevuld zijn als verlenging mogelijk is.",
                "verlenging-mismatch",
            )
        bron_cat = bool(_merged(instance, data, "broncatalogus_url"))
        bron_zt = bool(_merged(instance, data, "bronzaaktype_url"))
        if bron_cat != bron_zt:
            errors.add(
                NON_FIELD,
                "Indien Broncatalogus wordt opgegeven, dan moet ook Bronzaaktype opgegeven worden en vice versa.",
                "invalid-bronzaaktype-for-broncatalogus",
            )
        if "selectielijst_procestype" in data:
            with errors.check():
                procestype = validate_ztc_001_selectielijst_procestype(data["selectielijst_procestype"], request)
                data["selectielijst_procestype_jaar"] = procestype.get("jaar") if procestype else None
        common = {"catalogus": catalogus, "request": request, "datum": begin}
        if "besluittypen" in data:
            resolved["besluittypen"] = errors.run(
                resolve_relations, "besluittypen", data["besluittypen"], field="besluittypen", **common
            )
        if "deelzaaktypen" in data:
            deel = errors.run(
                resolve_relations,
                "zaaktypen",
                data["deelzaaktypen"],
                field="deelzaaktypen",
                **common,
            )
            resolved["deelzaaktypen"] = deel
        if "gerelateerde_zaaktypen" in data:
            relaties = []
            for index, item in enumerate(data["gerelateerde_zaaktypen"]):
                target = item["gerelateerd_zaaktype"]
                identificatie = ""
                if "://" not in target or _is_local(target, request):
                    zaaktype = errors.run(
                        resolve_relation, "zaaktypen", target, field=f"gerelateerdeZaaktypen.{index}.zaaktype", **common
                    )
                    if zaaktype is not None:
                        target, identificatie = object_url(request, zaaktype), zaaktype.identificatie
                relaties.append({**item, "gerelateerd_zaaktype": target, "zaaktype_identificatie": identificatie})
            resolved["gerelateerde_zaaktypen"] = relaties
    return resolved


def _write_zaaktype(instance: ZaakType, data: dict, resolved: dict) -> ZaakType:
    simple = {k: v for k, v in data.items() if k not in ZAAKTYPE_RELATIONS and k != "catalogus"}
    _apply(instance, simple)
    instance.catalogus = resolved["catalogus"]
    _save(instance)
    if "besluittypen" in resolved:
        instance.besluittypen.set(resolved["besluittypen"])
    if "deelzaaktypen" in resolved:
        instance.deelzaaktypen.set(resolved["deelzaaktypen"])
    if "gerelateerde_zaaktypen" in resolved:
        instance.gerelateerde_zaaktypen.all().delete()
        ZaakTypenRelatie.objects.bulk_create(
            ZaakTypenRelatie(zaaktype=instance, **item) for item in resolved["gerelateerde_zaaktypen"]
        )
    return instance


def create_zaaktype(data: dict, request=None) -> ZaakType:
    resolved = _validate_zaaktype(None, data, request)
    zaaktype = _write_zaaktype(ZaakType(concept=True), data, resolved)
    _notify("zaaktypen", zaaktype, "create", request)
    return zaaktype


def update_zaaktype(instance: ZaakType, data: dict, *, partial: bool, geforceerd: bool, request=None) -> ZaakType:
    validate_ztc_009_concept(instance, geforceerd=geforceerd, changes=data if partial else None, action="update")
    resolved = _validate_zaaktype(instance, data, request)
    dates_changed = any(
        key in data and data[key] != getattr(instance, key)
        for key in ("datum_begin_geldigheid", "datum_einde_geldigheid", "identificatie")
    )
    if not instance.concept and dates_changed:
        _lock_catalogus(instance)
        validate_ztc_016_no_overlap(
            instance,
            _merged(instance, data, "datum_begin_geldigheid"),
            _merged(instance, data, "datum_einde_geldigheid"),
            field="beginGeldigheid" if "datum_begin_geldigheid" in data else "eindeGeldigheid",
            identificatie=_merged(instance, data, "identificatie"),
        )
    zaaktype = _write_zaaktype(instance, data, resolved)
    _notify("zaaktypen", zaaktype, "partial_update" if partial else "update", request)
    return zaaktype


def delete_zaaktype(instance: ZaakType, *, geforceerd: bool, request=None) -> None:
    validate_ztc_009_concept(instance, geforceerd=geforceerd, changes=None, action="delete")
    url = object_url(request, instance)
    catalogus = instance.catalogus
    _delete(instance)
    instance.catalogus = catalogus
    _notify("zaaktypen", instance, "destroy", request, url=url)


def validate_ztc_016_no_overlap(
    zaaktype: ZaakType,
    begin,
    einde,
    *,
    field: str = "beginGeldigheid",
    identificatie: str | None = None,
) -> None:
    """ztc-016: published versions of one zaaktype identificatie (in a catalogus) may not overlap in validity; both
    ends are inclusive and an empty eindeGeldigheid is open-ended. 400 ``overlap`` on ``field``."""
    versions = ZaakType.objects.filter(
        catalogus_id=zaaktype.catalogus_id, identificatie=identificatie or zaaktype.identificatie, concept=False
    )
    validate_no_overlap(versions, zaaktype, begin, einde, field)


def _lock_catalogus(instance: models.Model) -> None:
    """Serialise publications and date changes of published versions within one catalogus (ztc-016 is checked
    against committed rows only while this lock is held)."""
    Catalogus.objects.select_for_update().filter(pk=instance.catalogus_id).first()


def validate_strict_publish(zaaktype: ZaakType) -> None:
    """``CATALOGI_STRICT_PUBLISH``: Open Zaak's extra publication demands (off by default, DECISIONS.md)."""
    if getattr(settings, "CATALOGI_STRICT_PUBLISH", False):
        _validate_strict_publish(zaaktype)


def _validate_strict_publish(zaaktype: ZaakType) -> None:
    """Open Zaak's extra publication demands (off by default, DECISIONS.md)."""
    errors: dict[str, list[ErrorDetail]] = {}
    if not zaaktype.roltypen.exists():
        errors["roltypen"] = [ErrorDetail("Een zaaktype heeft minimaal één roltype nodig.", "concept-relation")]
    if not zaaktype.resultaattypen.exists():
        errors["resultaattypen"] = [
            ErrorDetail("Een zaaktype heeft minimaal één resultaattype nodig.", "concept-relation")
        ]
    if zaaktype.statustypen.count() < 2:
        errors["statustypen"] = [ErrorDetail("Een zaaktype heeft minimaal twee statustypen nodig.", "concept-relation")]
    if errors:
        raise ValidationError(errors)


def publish(instance: ZaakType | BesluitType | InformatieObjectType, request=None) -> models.Model:
    """Set ``concept`` to false after the publication checks: for zaaktypen ztc-016 (and, when configured,
    ``CATALOGI_STRICT_PUBLISH``); besluittypen and informatieobjecttypen keep their versions apart the same way.

    Since Catalogi 1.3.2 (ztc-012 dropped) a zaaktype may be published while related types are still concepts.
    """
    _lock_catalogus(instance)
    if isinstance(instance, ZaakType):
        validate_strict_publish(instance)
        validate_ztc_016_no_overlap(instance, instance.datum_begin_geldigheid, instance.datum_einde_geldigheid)
    else:
        validate_no_overlap(
            _published_versions(instance),
            instance,
            instance.datum_begin_geldigheid,
            instance.datum_einde_geldigheid,
            "beginGeldigheid",
        )
    instance.concept = False
    _save(instance, update_fields=["concept"])
    return instance


# --- BesluitType / InformatieObjectType -------------------------------------------------------------------------


def _validate_besluittype(instance: BesluitType | None, data: dict, request, *, geforceerd: bool = False) -> dict:
    """The besluittype's own rules; every independent error is reported in one 400 (DECISIONS.md)."""
    catalogus = _ref_obj(_merged(instance, data, "catalogus"))
    resolved: dict[str, Any] = {"catalogus": catalogus}
    with collect_errors() as errors:
        if instance is not None and "catalogus" in data and catalogus.pk != instance.catalogus_id:
            errors.add("catalogus", "De catalogus kan niet gewijzigd worden.", "wijzigen-niet-toegelaten")
        begin = _merged(instance, data, "datum_begin_geldigheid")
        with errors.check():
            validate_geldigheid(begin, _merged(instance, data, "datum_einde_geldigheid"))
        common = {"catalogus": catalogus, "request": request, "datum": begin}
        if "informatieobjecttypen" in data:
            resolved["informatieobjecttypen"] = errors.run(
                resolve_relations,
                "informatieobjecttypen",
                data["informatieobjecttypen"],
                field="informatieobjecttypen",
                **common,
            )
        if "zaaktypen" in data:
            zaaktypen = errors.run(resolve_relations, "zaaktypen", data["zaaktypen"], field="zaaktypen", **common)
            resolved["zaaktypen"] = zaaktypen
    return resolved


def _write_besluittype(instance: BesluitType, data: dict, resolved: dict) -> BesluitType:
    _apply(instance, {k: v for k, v in data.items() if k not in ("catalogus", "informatieobjecttypen", "zaaktypen")})
    instance.catalogus = resolved["catalogus"]
    _save(instance)
    if "zaaktypen" in resolved:
        instance.zaaktypen.set(resolved["zaaktypen"])
    if "informatieobjecttypen" in resolved:
        instance.informatieobjecttypen.set(resolved["informatieobjecttypen"])
    return instance


def create_besluittype(data: dict, request=None, *, geforceerd: bool = False) -> BesluitType:
    resolved = _validate_besluittype(None, data, request, geforceerd=geforceerd)
    besluittype = _write_besluittype(BesluitType(concept=True), data, resolved)
    _notify("besluittypen", besluittype, "create", request)
    return besluittype


def update_besluittype(instance: BesluitType, data: dict, *, partial: bool, geforceerd: bool, request=None):
    validate_ztc_009_concept(instance, geforceerd=geforceerd, changes=data if partial else None, action="update")
    resolved = _validate_besluittype(instance, data, request, geforceerd=geforceerd)
    if not instance.concept:
        _lock_catalogus(instance)
        validate_no_overlap(
            _published_versions(instance),
            instance,
            _merged(instance, data, "datum_begin_geldigheid"),
            _merged(instance, data, "datum_einde_geldigheid"),
            "eindeGeldigheid",
        )
    besluittype = _write_besluittype(instance, data, resolved)
    _notify("besluittypen", besluittype, "partial_update" if partial else "update", request)
    return besluittype


def delete_besluittype(instance: BesluitType, *, geforceerd: bool, request=None) -> None:
    validate_ztc_009_concept(instance, geforceerd=geforceerd, changes=None, action="delete")
    url = object_url(request, instance)
    catalogus = instance.catalogus
    _delete(instance)
    instance.catalogus = catalogus
    _notify("besluittypen", instance, "destroy", request, url=url)


def create_informatieobjecttype(data: dict, request=None) -> InformatieObjectType:
    validate_geldigheid(data.get("datum_begin_geldigheid"), data.get("datum_einde_geldigheid"))
    data = {**data, "catalogus": _ref_obj(data["catalogus"])}
    iot = InformatieObjectType(concept=True, **data)
    _save(iot)
    _notify("informatieobjecttypen", iot, "create", request)
    return iot


def update_informatieobjecttype(instance, data: dict, *, partial: bool, geforceerd: bool, request=None):
    validate_ztc_009_concept(instance, geforceerd=geforceerd, changes=data if partial else None, action="update")
    if "catalogus" in data:
        catalogus = _ref_obj(data["catalogus"])
        if catalogus.pk != instance.catalogus_id:
            raise _error("catalogus", "De catalogus kan niet gewijzigd worden.", "wijzigen-niet-toegelaten")
        data = {**data, "catalogus": catalogus}
    begin = _merged(instance, data, "datum_begin_geldigheid")
    einde = _merged(instance, data, "datum_einde_geldigheid")
    validate_geldigheid(begin, einde)
    if not instance.concept:
        _lock_catalogus(instance)
        validate_no_overlap(_published_versions(instance), instance, begin, einde, "eindeGeldigheid")
    _apply(instance, data)
    _save(instance)
    _notify("informatieobjecttypen", instance, "partial_update" if partial else "update", request)
    return instance


def delete_informatieobjecttype(instance: InformatieObjectType, *, geforceerd: bool, request=None) -> None:
    validate_ztc_009_concept(instance, geforceerd=geforceerd, changes=None, action="delete")
    url = object_url(request, instance)
    catalogus = instance.catalogus
    _delete(instance)
    instance.catalogus = catalogus
    _notify("informatieobjecttypen", instance, "destroy", request, url=url)
