"""The one renderer of a zaak: detail, list, ``_zoek``, ``fields``, expand and the answers of writes.

Every zaak is rendered from one input shape, a *zaak row*: a tuple of the ``selectors.zaak_rows`` layout (the Zaak
columns of ``ROW_COLUMNS``, dates and the uuid as text, plus ``ROW_EXTRAS``: the uuids of the zaaktype, hoofdzaak,
resultaat and current status and the uuid lists of the related resources). Lists and ``_zoek`` get it straight from
the SQL tuples; detail, writes and expand from a model instance (:func:`instance_values`), whose URL lists
come from the ``selectors.zaken()`` annotations, the prefetched relations (other databases) or what
``services.create_zaak`` set on a new zaak. ``ZaakSerializer`` keeps input validation and the schema; its
``to_representation`` is this module, so nothing renders a zaak another way.

A page holds 100 zaken of 40-odd fields; through DRF's field machinery that is ~4,000 field calls per request, the
largest cost of a list. Here a zaak is one dict literal. ``tests/zaken/test_list_rows.py`` pins the output against
fixtures and the official ``Zaak`` schema.
"""

from __future__ import annotations

from collections.abc import Container, Mapping
from datetime import date, datetime
from typing import Any

import orjson
from rest_framework.fields import DateTimeField

from zgw.common.references import request_base_url

from ..models import Betalingsindicatie, Resultaat, Zaak
from ..selectors import AGGREGATED, ROW_COLUMNS, ROW_EXTRAS

_BETALING_LABELS = dict(Betalingsindicatie.choices)
_DATETIME = DateTimeField()  # DRF's own formatting (current timezone, "Z" for UTC)
# the sub-attributes of the group attributes, in the order of the official document
_NESTED = {
    "verlenging": ("reden", "duur"),
    "opschorting": ("indicatie", "reden"),
    "processobject": ("datumkenmerk", "identificatie", "objecttype", "registratie"),
}
_LISTS = {  # ROW_EXTRAS list → the annotation of selectors.zaken() and the relation behind it
    "deelzaken_uuids": ("_deelzaken_uuids", "deelzaken"),
    "eigenschappen_uuids": ("_eigenschappen_uuids", "eigenschappen"),
    "rollen_uuids": ("_rollen_uuids", "rollen"),
    "zio_uuids": ("_zio_uuids", "zaakinformatieobjecten"),
    "zaakobjecten_uuids": ("_zaakobjecten_uuids", "zaakobjecten"),
}
assert {annotation for annotation, _ in _LISTS.values()} == set(AGGREGATED)


def _json(value: Any) -> Any:
    """jsonb arrives as text from Django's psycopg set-up (JSONField parses it); parse it the same way."""
    return orjson.loads(value) if isinstance(value, str | bytes) else value


def _date(value: date | str | None) -> str | None:
    if value is None or value == "":
        return None
    return value if isinstance(value, str) else value.isoformat()


def _datetime(value: datetime | None) -> str | None:
    return _DATETIME.to_representation(value) if value is not None else None


def _nested(name: str, value: Any) -> dict | None:
    value = _json(value)
    if value is None:
        return None
    return {key: value.get(key) for key in _NESTED[name]}


def _str(value: Any) -> str | None:
    return str(value) if value is not None else None


def _list(value: Any) -> list:
    """A jsonb list column: ``[]`` (the usual value) without parsing."""
    return [] if value is None or value == "[]" else _json(value) or []


_NAMES = (*ROW_COLUMNS, *ROW_EXTRAS)
_DATES = {name for name in ROW_COLUMNS if Zaak._meta.get_field(name).get_internal_type() == "DateField"}


def row_values(row: tuple) -> dict[str, Any]:
    """A ``selectors.zaak_rows`` tuple as a zaak row (a mapping)."""
    return dict(zip(_NAMES, row, strict=True))


def _as_row(values: Mapping[str, Any]) -> tuple:
    """A zaak row mapping as the tuple of ``zaak_rows`` (dates and the uuid as text, as the SQL gives them)."""
    return tuple(
        _date(values[name]) if name in _DATES else _str(values[name]) if name == "uuid" else values[name]
        for name in _NAMES
    )


def _cached_uuid(zaak: Zaak, name: str, deferred: Container[str], complete: bool) -> str | None:
    """The uuid of the forward relation ``name`` (zaaktype, hoofdzaak); ``complete=False``: only when joined."""
    if f"{name}_id" in deferred or getattr(zaak, f"{name}_id") is None:
        return None
    if not complete and not Zaak._meta.get_field(name).is_cached(zaak):
        return None
    return str(getattr(zaak, name).uuid)
def _resultaat_uuid(zaak: Zaak, complete: bool) -> str | None:
    if not complete and "resultaat" not in zaak._state.fields_cache:
        return None
    try:
        resultaat = zaak.resultaat
    except Resultaat.DoesNotExist:
        return None
    return str(resultaat.uuid) if resultaat is not None else None


def _status_uuid(zaak: Zaak, complete: bool) -> str | None:
    if hasattr(zaak, "_status_uuid"):
        return _str(zaak._status_uuid)
    if not complete:
        return None
    statussen = sorted(zaak.statussen.all(), key=lambda s: s.datum_status_gezet, reverse=True)
    return str(statussen[0].uuid) if statussen else None


def instance_values(zaak: Zaak, *, complete: bool = True) -> dict[str, Any]:
    """A Zaak instance as a zaak row.

    ``complete=False`` (``fields``, zrc-029): the instance was read with only some columns, joins and annotations;
    what was not read is ``None`` (or an empty list) instead of being fetched, and the caller shows only what it
    selected."""
    deferred = zaak.get_deferred_fields() if not complete else ()
    values = {name: (None if name in deferred else getattr(zaak, name)) for name in ROW_COLUMNS}
    values["zaaktype_uuid"] = _cached_uuid(zaak, "zaaktype", deferred, complete)
    values["hoofdzaak_uuid"] = _cached_uuid(zaak, "hoofdzaak", deferred, complete)
    values["resultaat_uuid"] = _resultaat_uuid(zaak, complete)
    values["status_uuid"] = _status_uuid(zaak, complete)
    for name, (annotation, related) in _LISTS.items():
        if hasattr(zaak, annotation):
            uuids = getattr(zaak, annotation) or ()
        elif complete:
            uuids = [item.uuid for item in getattr(zaak, related).all()]
        else:
            uuids = ()
        values[name] = [str(u) for u in uuids]
    return values


class _Bases:
    """The URL prefixes of one request."""

    __slots__ = ("zaken", "zaaktypen", "rollen", "statussen", "resultaten", "zio", "zaakobjecten")

    def __init__(self, request) -> None:
        base = request_base_url(request)
        self.zaken = f"{base}/zaken/api/v1/zaken/"
        self.zaaktypen = f"{base}/catalogi/api/v1/zaaktypen/"
        self.rollen = f"{base}/zaken/api/v1/rollen/"
        self.statussen = f"{base}/zaken/api/v1/statussen/"
        self.resultaten = f"{base}/zaken/api/v1/resultaten/"
        self.zio = f"{base}/zaken/api/v1/zaakinformatieobjecten/"
        self.zaakobjecten = f"{base}/zaken/api/v1/zaakobjecten/"


def _render(row: tuple, bases: _Bases) -> dict:
    """The JSON object of one zaak row tuple (key order: the official ``Zaak`` schema).

    The tuple is unpacked in the order of ``ROW_COLUMNS`` + ``ROW_EXTRAS``: one step instead of ~50 lookups by name,
    and dates and the uuid arrive as text, so most values go into the object as they are.
    """
    (
        _id, uuid, identificatie, bronorganisatie, omschrijving, toelichting, zaaktype_url, registratiedatum,
        verantwoordelijke_organisatie, startdatum, einddatum, einddatum_gepland, uiterlijke_einddatum_afdoening,
        publicatiedatum, communicatiekanaal, producten_of_diensten, vertrouwelijkheidaanduiding, betalingsindicatie,
        laatste_betaaldatum, zaakgeometrie, verlenging, opschorting, selectielijstklasse, relevante_andere_zaken,
        kenmerken, archiefnominatie, archiefstatus, archiefactiedatum, opdrachtgevende_organisatie, processobjectaard,
        startdatum_bewaartermijn, processobject,
        zaaktype_uuid, hoofdzaak_uuid, resultaat_uuid, status_uuid,
        deelzaken_uuids, eigenschappen_uuids, rollen_uuids, zio_uuids, zaakobjecten_uuids,
    ) = row
    url = bases.zaken + uuid if uuid else None
    zaken = bases.zaken
    opschorting = _nested("opschorting", opschorting) if opschorting is not None else None
    return {
        "url": url,
        "uuid": uuid,
        "identificatie": identificatie,
        "bronorganisatie": bronorganisatie,
        "omschrijving": omschrijving,
        "toelichting": toelichting,
        "zaaktype": bases.zaaktypen + zaaktype_uuid if zaaktype_uuid else (zaaktype_url or None),
        "registratiedatum": registratiedatum,
        "verantwoordelijkeOrganisatie": verantwoordelijke_organisatie,
        "startdatum": startdatum,
        "einddatum": einddatum,
        "einddatumGepland": einddatum_gepland,
        "uiterlijkeEinddatumAfdoening": uiterlijke_einddatum_afdoening,
        "publicatiedatum": publicatiedatum,
        "communicatiekanaal": communicatiekanaal,
        "productenOfDiensten": _list(producten_of_diensten),
        "vertrouwelijkheidaanduiding": vertrouwelijkheidaanduiding,
        "betalingsindicatie": betalingsindicatie,
        "betalingsindicatieWeergave": _BETALING_LABELS.get(betalingsindicatie, ""),
        "laatsteBetaaldatum": _datetime(laatste_betaaldatum) if laatste_betaaldatum is not None else None,
        "zaakgeometrie": _json(zaakgeometrie) if zaakgeometrie is not None else None,
        "verlenging": _nested("verlenging", verlenging) if verlenging is not None else None,
        "opschorting": opschorting if opschorting is not None else {"indicatie": False, "reden": ""},
        "selectielijstklasse": selectielijstklasse,
        "hoofdzaak": zaken + hoofdzaak_uuid if hoofdzaak_uuid else None,
        "deelzaken": [zaken + u for u in deelzaken_uuids] if deelzaken_uuids else [],
        "relevanteAndereZaken": [
            {"url": item.get("url"), "aardRelatie": item.get("aardRelatie")} for item in _list(relevante_andere_zaken)
        ],
        "eigenschappen": [f"{url}/zaakeigenschappen/{u}" for u in eigenschappen_uuids] if eigenschappen_uuids else [],
        "rollen": [bases.rollen + u for u in rollen_uuids] if rollen_uuids else [],
        "status": bases.statussen + status_uuid if status_uuid else None,
        "zaakinformatieobjecten": [bases.zio + u for u in zio_uuids] if zio_uuids else [],
        "zaakobjecten": [bases.zaakobjecten + u for u in zaakobjecten_uuids] if zaakobjecten_uuids else [],
        "kenmerken": [{"kenmerk": k.get("kenmerk"), "bron": k.get("bron")} for k in _list(kenmerken)],
        "archiefnominatie": archiefnominatie,
        "archiefstatus": archiefstatus,
        "archiefactiedatum": archiefactiedatum,
        "resultaat": bases.resultaten + resultaat_uuid if resultaat_uuid else None,
        "opdrachtgevendeOrganisatie": opdrachtgevende_organisatie,
        "processobjectaard": processobjectaard,
        "startdatumBewaartermijn": startdatum_bewaartermijn,
        "processobject": _nested("processobject", processobject) if processobject is not None else None,
    }


# the attribute names of a rendered zaak, in order (zrc-029 ``fields`` checks names against them)
ATTRIBUTES: tuple[str, ...] = (
    "url uuid identificatie bronorganisatie omschrijving toelichting zaaktype registratiedatum "
    "verantwoordelijkeOrganisatie startdatum einddatum einddatumGepland uiterlijkeEinddatumAfdoening publicatiedatum "
    "communicatiekanaal productenOfDiensten vertrouwelijkheidaanduiding betalingsindicatie betalingsindicatieWeergave "
    "laatsteBetaaldatum zaakgeometrie verlenging opschorting selectielijstklasse hoofdzaak deelzaken "
    "relevanteAndereZaken eigenschappen rollen status zaakinformatieobjecten zaakobjecten kenmerken archiefnominatie "
    "archiefstatus archiefactiedatum resultaat opdrachtgevendeOrganisatie processobjectaard startdatumBewaartermijn "
    "processobject"
).split()


def render_values(values: list[Mapping[str, Any]], request) -> list[dict]:
    """The JSON objects of some zaak row mappings (``instance_values``, ``row_values``)."""
    bases = _Bases(request)
    return [_render(_as_row(z), bases) for z in values]


def render_rows(rows: list[tuple], request) -> list[dict]:
    """The JSON objects of ``rows`` (tuples from ``selectors.zaak_rows``): lists and ``_zoek``."""
    bases = _Bases(request)
    return [_render(row, bases) for row in rows]


def render_zaak(zaak: Zaak, request) -> dict:
    """The JSON object of a Zaak instance: detail, the answers of writes, audit trail, expand."""
    return _render(_as_row(instance_values(zaak)), _Bases(request))
