"""The one renderer of a zaak: detail, list, ``_zoek``, ``fields``, expand and the answers of writes.

Every zaak is rendered from one input shape, a *zaak row*: a mapping of the ``selectors.zaak_rows`` layout (the Zaak
column attnames, ``row_columns()``, plus ``ROW_EXTRAS``: the uuids of the zaaktype, hoofdzaak, resultaat and current
status and the uuid lists of the related resources). Lists and ``_zoek`` get it straight from the SQL tuples
(:func:`row_values`); detail, writes and expand from a model instance (:func:`instance_values`), whose URL lists
come from the ``selectors.zaken()`` annotations, the prefetched relations (other databases) or what
``services.create_zaak`` set on a new zaak. ``ZaakSerializer`` keeps input validation and the schema; its
``to_representation`` is this module, so nothing renders a zaak another way.

A page holds 100 zaken of 40-odd fields; through DRF's field machinery that is ~4,000 field calls per request, the
largest cost of a list. Here a zaak is one dict literal. ``tests/zaken/test_list_rows.py`` pins the output against
fixtures and the official ``Zaak`` schema.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

import orjson
from rest_framework.fields import DateTimeField

from zgw.common.references import request_base_url

from ..models import Betalingsindicatie, Resultaat, Zaak
from ..selectors import AGGREGATED, ROW_EXTRAS, row_columns

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


def row_values(row: tuple) -> dict[str, Any]:
    """A ``selectors.zaak_rows`` tuple as a zaak row."""
    return dict(zip(_names(), row, strict=True))


_ROW_NAMES: list[str] = []


def _names() -> list[str]:
    if not _ROW_NAMES:
        _ROW_NAMES.extend([*row_columns(), *ROW_EXTRAS])
    return _ROW_NAMES


def _cached_uuid(zaak: Zaak, name: str, values: dict, complete: bool) -> str | None:
    """The uuid of the forward relation ``name`` (zaaktype, hoofdzaak); ``complete=False``: only when joined."""
    if values[f"{name}_id"] is None:
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
    values = {name: (None if name in deferred else getattr(zaak, name)) for name in row_columns()}
    values["zaaktype_uuid"] = _cached_uuid(zaak, "zaaktype", values, complete)
    values["hoofdzaak_uuid"] = _cached_uuid(zaak, "hoofdzaak", values, complete)
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


def _render(z: Mapping[str, Any], bases: _Bases) -> dict:
    """The JSON object of one zaak row (key order: the official ``Zaak`` schema)."""
    uuid = _str(z["uuid"])
    url = bases.zaken + uuid if uuid else None
    opschorting = _nested("opschorting", z["opschorting"])
    betalingsindicatie = z["betalingsindicatie"]
    zaaktype = bases.zaaktypen + z["zaaktype_uuid"] if z["zaaktype_uuid"] else (z["zaaktype_url"] or None)
    zaken = bases.zaken
    return {
        "url": url,
        "uuid": uuid,
        "identificatie": z["identificatie"],
        "bronorganisatie": z["bronorganisatie"],
        "omschrijving": z["omschrijving"],
        "toelichting": z["toelichting"],
        "zaaktype": zaaktype,
        "registratiedatum": _date(z["registratiedatum"]),
        "verantwoordelijkeOrganisatie": z["verantwoordelijke_organisatie"],
        "startdatum": _date(z["startdatum"]),
        "einddatum": _date(z["einddatum"]),
        "einddatumGepland": _date(z["einddatum_gepland"]),
        "uiterlijkeEinddatumAfdoening": _date(z["uiterlijke_einddatum_afdoening"]),
        "publicatiedatum": _date(z["publicatiedatum"]),
        "communicatiekanaal": z["communicatiekanaal"],
        "productenOfDiensten": _json(z["producten_of_diensten"]) or [],
        "vertrouwelijkheidaanduiding": z["vertrouwelijkheidaanduiding"],
        "betalingsindicatie": betalingsindicatie,
        "betalingsindicatieWeergave": _BETALING_LABELS.get(betalingsindicatie, ""),
        "laatsteBetaaldatum": _datetime(z["laatste_betaaldatum"]),
        "zaakgeometrie": _json(z["zaakgeometrie"]),
        "verlenging": _nested("verlenging", z["verlenging"]),
        "opschorting": opschorting if opschorting is not None else {"indicatie": False, "reden": ""},
        "selectielijstklasse": z["selectielijstklasse"],
        "hoofdzaak": zaken + z["hoofdzaak_uuid"] if z["hoofdzaak_uuid"] else None,
        "deelzaken": [zaken + u for u in z["deelzaken_uuids"]],
        "relevanteAndereZaken": [
            {"url": item.get("url"), "aardRelatie": item.get("aardRelatie")}
            for item in _json(z["relevante_andere_zaken"]) or []
        ],
        "eigenschappen": [f"{url}/zaakeigenschappen/{u}" for u in z["eigenschappen_uuids"]],
        "rollen": [bases.rollen + u for u in z["rollen_uuids"]],
        "status": bases.statussen + z["status_uuid"] if z["status_uuid"] else None,
        "zaakinformatieobjecten": [bases.zio + u for u in z["zio_uuids"]],
        "zaakobjecten": [bases.zaakobjecten + u for u in z["zaakobjecten_uuids"]],
        "kenmerken": [{"kenmerk": k.get("kenmerk"), "bron": k.get("bron")} for k in _json(z["kenmerken"]) or []],
        "archiefnominatie": z["archiefnominatie"],
        "archiefstatus": z["archiefstatus"],
        "archiefactiedatum": _date(z["archiefactiedatum"]),
        "resultaat": bases.resultaten + z["resultaat_uuid"] if z["resultaat_uuid"] else None,
        "opdrachtgevendeOrganisatie": z["opdrachtgevende_organisatie"],
        "processobjectaard": z["processobjectaard"],
        "startdatumBewaartermijn": _date(z["startdatum_bewaartermijn"]),
        "processobject": _nested("processobject", z["processobject"]),
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
    """The JSON objects of some zaak rows."""
    bases = _Bases(request)
    return [_render(z, bases) for z in values]


def render_rows(rows: list[tuple], request) -> list[dict]:
    """The JSON objects of ``rows`` (tuples from ``selectors.zaak_rows``): lists and ``_zoek``."""
    bases = _Bases(request)
    names = _names()
    return [_render(dict(zip(names, row, strict=True)), bases) for row in rows]


def render_zaak(zaak: Zaak, request) -> dict:
    """The JSON object of a Zaak instance: detail, the answers of writes, audit trail, expand."""
    return _render(instance_values(zaak), _Bases(request))
