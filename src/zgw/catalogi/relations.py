"""Which version a by-name relation answers (Catalogi 1.3.2, "relaties tussen typen op naam").

Zaaktypen, besluittypen and informatieobjecttypen relate to each other by name (identificatie / omschrijving): the
row stored for a relation is the version that was named at write time, but a GET answers, per related name, the
version that is in the same catalogus, published and valid on the reference date (today, or the ``datumGeldigheid``
filter). Validity is inclusive at both ends, as everywhere else in the Catalogi API (docs/decisions.md). A name
without such a version is answered as the stored row, so that a GET → PUT round trip never loses a relation (a
concept zaaktype under construction relating to concept besluittypen).

:func:`annotate` does this for a whole page at once: a fixed number of queries per page, whatever its size.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import models

from zgw.common.references import match_local

from .models import BesluitType, InformatieObjectType, ZaakType, ZaakTypeInformatieObjectType
from .selectors import geldig_op_q

NAME_FIELD: dict[type[models.Model], str] = {
    ZaakType: "identificatie",
    BesluitType: "omschrijving",
    InformatieObjectType: "omschrijving",
}

Key = tuple[int, str]  # (catalogus id, name)


@dataclass
class Related:
    """One relation of one object: the related names (unique, in order) and the rows answered for them."""

    names: list[str] = field(default_factory=list)
    objects: list[models.Model] = field(default_factory=list)


def _unique(values: Iterable) -> list:
    result: list = []
    for value in values:
        if value not in result:
            result.append(value)
    return result


def current_versions(model: type[models.Model], keys: set[Key], datum: datetime.date) -> dict[Key, models.Model]:
    """Per (catalogus, name) the published version valid on ``datum`` (the latest begin wins); one query."""
    if not keys:
        return {}
    name = NAME_FIELD[model]
    rows = (
        model.objects.filter(
            geldig_op_q(datum),
            concept=False,
            catalogus_id__in={k[0] for k in keys},
            **{f"{name}__in": {k[1] for k in keys}},
        )
        .only("id", "uuid", "catalogus_id", name, "concept")
        .order_by("datum_begin_geldigheid", "id")
    )
    found: dict[Key, models.Model] = {}
    for row in rows:
        key = (row.catalogus_id, getattr(row, name))
        if key in keys:
            found[key] = row
    return found


def _key(row: models.Model) -> Key:
    return (row.catalogus_id, getattr(row, NAME_FIELD[type(row)]))


def _forward(stored: list[models.Model], versions: dict[Key, models.Model]) -> Related:
    """Names of the stored rows, each answered as its current version (else the stored row itself)."""
    return Related(
        names=_unique(getattr(row, NAME_FIELD[type(row)]) for row in stored),
        objects=_unique(versions.get(_key(row), row) for row in stored),
    )


def _reverse(
    obj: models.Model,
    stored: list[models.Model],
    pairs: dict[Key, list[tuple[Key, int]]],
    versions: dict[Key, models.Model],
) -> Related:
    """The other side of a relation by name: every (catalogus, name) relating to ``obj``'s name through any version,
    answered as its current version when that version relates to the name too; a stored row whose name has no
    current version at all is answered as itself."""
    relating = pairs.get(_key(obj), [])
    related_ids = {row_id for _key_, row_id in relating}
    objects: list[models.Model] = []
    names: list[str] = []
    for other_key, _row_id in relating:
        version = versions.get(other_key)
        if version is not None and version.pk in related_ids and version not in objects:
            objects.append(version)
            names.append(other_key[1])
    for row in stored:
        if _key(row) not in versions and row not in objects:
            objects.append(row)
            names.append(_key(row)[1])
    return Related(names=_unique(names), objects=objects)


def _pairs(rows: Iterable[tuple]) -> dict[Key, list[tuple[Key, int]]]:
    """(catalogus, name) of one side → [((catalogus, name) of the other side, other row id)]."""
    result: dict[Key, list[tuple[Key, int]]] = {}
    for cat, name, other_cat, other_name, other_id in rows:
        result.setdefault((cat, name), []).append(((other_cat, other_name), other_id))
    return result


def annotate(objs: list[models.Model], kind: str, datum: datetime.date | None = None, request=None) -> None:
    """Set ``obj.by_name`` (relation field → :class:`Related`) on every object of ``objs`` (one kind).

    ``objs`` come from the API querysets (their stored relations prefetched); ``datum`` defaults to today.
    """
    objs = [obj for obj in objs if obj is not None]
    if not objs:
        return
    datum = datum or datetime.date.today()
    if kind == "zaaktype":
        _annotate_zaaktypen(objs, datum, request)
    elif kind == "besluittype":
        _annotate_besluittypen(objs, datum)
    elif kind == "informatieobjecttype":
        _annotate_informatieobjecttypen(objs, datum)
    elif kind == "ziot":
        iots = [ziot.informatieobjecttype for ziot in objs]
        versions = current_versions(InformatieObjectType, {_key(i) for i in iots}, datum)
        for ziot in objs:
            ziot.by_name = {"informatieobjecttype": _forward([ziot.informatieobjecttype], versions)}


def _local_zaaktype_url(url: str, request) -> bool:
    match = match_local(url, request) if "://" in url else None
    return match is not None and (match.api, match.collection) == ("catalogi", "zaaktypen")


def _annotate_zaaktypen(objs: list[ZaakType], datum: datetime.date, request) -> None:
    stored: dict[int, dict[str, list]] = {}
    keys: dict[type, set[Key]] = {ZaakType: set(), BesluitType: set(), InformatieObjectType: set()}
    for zaaktype in objs:
        ziots = sorted(zaaktype.ziots.all(), key=lambda z: z.volgnummer)
        rows = {
            "besluittypen": list(zaaktype.besluittypen.all()),
            "informatieobjecttypen": [z.informatieobjecttype for z in ziots],
            "deelzaaktypen": list(zaaktype.deelzaaktypen.all()),
        }
        stored[zaaktype.pk] = rows
        for values in rows.values():
            for row in values:
                keys[type(row)].add(_key(row))
        for relatie in zaaktype.gerelateerde_zaaktypen.all():
            if relatie.zaaktype_identificatie and _local_zaaktype_url(relatie.gerelateerd_zaaktype, request):
                keys[ZaakType].add((zaaktype.catalogus_id, relatie.zaaktype_identificatie))
    versions = {model: current_versions(model, model_keys, datum) for model, model_keys in keys.items()}
    models_by_field = {"besluittypen": BesluitType, "informatieobjecttypen": InformatieObjectType}
    for zaaktype in objs:
        zaaktype.by_name = {
            name: _forward(rows, versions[models_by_field.get(name, ZaakType)])
            for name, rows in stored[zaaktype.pk].items()
        }
        for relatie in zaaktype.gerelateerde_zaaktypen.all():
            version = None
            if relatie.zaaktype_identificatie and _local_zaaktype_url(relatie.gerelateerd_zaaktype, request):
                version = versions[ZaakType].get((zaaktype.catalogus_id, relatie.zaaktype_identificatie))
            relatie.current_version = version


def _annotate_besluittypen(objs: list[BesluitType], datum: datetime.date) -> None:
    iot_rows = {b.pk: list(b.informatieobjecttypen.all()) for b in objs}
    iot_versions = current_versions(InformatieObjectType, {_key(i) for rows in iot_rows.values() for i in rows}, datum)
    through = ZaakType.besluittypen.through
    pairs = _pairs(
        through.objects.filter(
            besluittype__catalogus_id__in={b.catalogus_id for b in objs},
            besluittype__omschrijving__in={b.omschrijving for b in objs},
        ).values_list(
            "besluittype__catalogus_id",
            "besluittype__omschrijving",
            "zaaktype__catalogus_id",
            "zaaktype__identificatie",
            "zaaktype_id",
        )
    )
    stored_zaaktypen = {b.pk: list(b.zaaktypen.all()) for b in objs}
    zaaktype_keys = {other for rel in pairs.values() for other, _id in rel}
    zaaktype_keys |= {_key(z) for rows in stored_zaaktypen.values() for z in rows}
    zaaktype_versions = current_versions(ZaakType, zaaktype_keys, datum)
    for besluittype in objs:
        besluittype.by_name = {
            "informatieobjecttypen": _forward(iot_rows[besluittype.pk], iot_versions),
            "zaaktypen": _reverse(besluittype, stored_zaaktypen[besluittype.pk], pairs, zaaktype_versions),
        }


def _annotate_informatieobjecttypen(objs: list[InformatieObjectType], datum: datetime.date) -> None:
    filters = {
        "informatieobjecttype__catalogus_id__in": {i.catalogus_id for i in objs},
        "informatieobjecttype__omschrijving__in": {i.omschrijving for i in objs},
    }
    zaaktype_pairs = _pairs(
        ZaakTypeInformatieObjectType.objects.filter(**filters).values_list(
            "informatieobjecttype__catalogus_id",
            "informatieobjecttype__omschrijving",
            "zaaktype__catalogus_id",
            "zaaktype__identificatie",
            "zaaktype_id",
        )
    )
    besluittype_pairs = _pairs(
        BesluitType.informatieobjecttypen.through.objects.filter(**filters).values_list(
            "informatieobjecttype__catalogus_id",
            "informatieobjecttype__omschrijving",
            "besluittype__catalogus_id",
            "besluittype__omschrijving",
            "besluittype_id",
        )
    )
    stored_z = {i.pk: list(i.zaaktypen.all()) for i in objs}
    stored_b = {i.pk: list(i.besluittypen.all()) for i in objs}
    z_keys = {other for rel in zaaktype_pairs.values() for other, _id in rel} | {
        _key(z) for rows in stored_z.values() for z in rows
    }
    b_keys = {other for rel in besluittype_pairs.values() for other, _id in rel} | {
        _key(b) for rows in stored_b.values() for b in rows
    }
    z_versions = current_versions(ZaakType, z_keys, datum)
    b_versions = current_versions(BesluitType, b_keys, datum)
    for iot in objs:
        iot.by_name = {
            "zaaktypen": _reverse(iot, stored_z[iot.pk], zaaktype_pairs, z_versions),
            "besluittypen": _reverse(iot, stored_b[iot.pk], besluittype_pairs, b_versions),
        }


def annotate_stored(objs: list[models.Model], kind: str) -> None:
    """Set ``obj.by_name`` to the stored rows themselves, no version resolution: what the catalogus export and the
    admin's "new version" copy need, so that a round trip keeps exactly the versions that were named."""
    for obj in objs:
        if kind == "zaaktype":
            ziots = sorted(obj.ziots.all(), key=lambda z: z.volgnummer)
            stored = {
                "besluittypen": list(obj.besluittypen.all()),
                "informatieobjecttypen": [z.informatieobjecttype for z in ziots],
                "deelzaaktypen": list(obj.deelzaaktypen.all()),
            }
            for relatie in obj.gerelateerde_zaaktypen.all():
                relatie.current_version = None
        elif kind == "besluittype":
            stored = {
                "informatieobjecttypen": list(obj.informatieobjecttypen.all()),
                "zaaktypen": list(obj.zaaktypen.all()),
            }
        elif kind == "informatieobjecttype":
            stored = {"zaaktypen": list(obj.zaaktypen.all()), "besluittypen": list(obj.besluittypen.all())}
        elif kind == "ziot":
            stored = {"informatieobjecttype": [obj.informatieobjecttype]}
        else:
            return
        obj.by_name = {name: _forward(rows, {}) for name, rows in stored.items()}


def related(obj: models.Model, kind: str, name: str, request=None) -> Related:
    """``obj.by_name[name]``, annotating ``obj`` alone (today) when no page did (write answers, other APIs)."""
    if not hasattr(obj, "by_name"):
        annotate([obj], kind, None, request)
    return obj.by_name[name]
