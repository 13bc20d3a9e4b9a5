"""The zaak representation of lists and ``_zoek``, built straight from ``selectors.zaak_rows`` tuples.

A page holds 100 zaken of 40-odd fields; through DRF's field machinery that is ~4,000 field calls per request, the
largest cost of a list. This module renders the same JSON with one function per row. ``ZaakSerializer`` stays the
definition (schema, writes, details); ``tests/zaken/test_list_rows.py`` renders varied zaken both ways and demands
equal output, so a field added to the serializer but not here fails the tests.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import orjson
from rest_framework.fields import DateTimeField

from zgw.common.references import request_base_url

from ..models import Betalingsindicatie
from ..selectors import ROW_EXTRAS, row_columns
from .serializers import OpschortingSerializer, ProcessobjectSerializer, VerlengingSerializer

_BETALING_LABELS = dict(Betalingsindicatie.choices)
_DATETIME = DateTimeField()  # DRF's own formatting (current timezone, "Z" for UTC)
_NESTED = {
    "verlenging": tuple(VerlengingSerializer().fields),
    "opschorting": tuple(OpschortingSerializer().fields),
    "processobject": tuple(ProcessobjectSerializer().fields),
}


def _json(value: Any) -> Any:
    """jsonb arrives as text from Django's psycopg set-up (JSONField parses it); parse it the same way."""
    return orjson.loads(value) if isinstance(value, str | bytes) else value


def _date(value) -> str | None:
    return value.isoformat() if value is not None else None


def _datetime(value: datetime | None) -> str | None:
    return _DATETIME.to_representation(value) if value is not None else None


def _nested(name: str, value: Any) -> dict | None:
    value = _json(value)
    if value is None:
        return None
    return {key: value.get(key) for key in _NESTED[name]}


def render_rows(rows: list[tuple], request) -> list[dict]:
    """The JSON objects of ``rows`` (from ``selectors.zaak_rows``), equal to ``ZaakSerializer(...).data``."""
    base = request_base_url(request)
    zaken = f"{base}/zaken/api/v1/zaken/"
    zaaktypen = f"{base}/catalogi/api/v1/zaaktypen/"
    rollen = f"{base}/zaken/api/v1/rollen/"
    statussen = f"{base}/zaken/api/v1/statussen/"
    resultaten = f"{base}/zaken/api/v1/resultaten/"
    zio = f"{base}/zaken/api/v1/zaakinformatieobjecten/"
    zaakobjecten = f"{base}/zaken/api/v1/zaakobjecten/"
    names = [*row_columns(), *ROW_EXTRAS]
    result = []
    for row in rows:
        z = dict(zip(names, row, strict=True))
        uuid = str(z["uuid"])
        url = zaken + uuid
        opschorting = _nested("opschorting", z["opschorting"])
        betalingsindicatie = z["betalingsindicatie"]
        zaaktype = zaaktypen + z["zaaktype_uuid"] if z["zaaktype_uuid"] else (z["zaaktype_url"] or None)
        result.append(
            {
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
                "rollen": [rollen + u for u in z["rollen_uuids"]],
                "status": statussen + z["status_uuid"] if z["status_uuid"] else None,
                "zaakinformatieobjecten": [zio + u for u in z["zio_uuids"]],
                "zaakobjecten": [zaakobjecten + u for u in z["zaakobjecten_uuids"]],
                "kenmerken": [
                    {"kenmerk": k.get("kenmerk"), "bron": k.get("bron")} for k in _json(z["kenmerken"]) or []
                ],
                "archiefnominatie": z["archiefnominatie"],
                "archiefstatus": z["archiefstatus"],
                "archiefactiedatum": _date(z["archiefactiedatum"]),
                "resultaat": resultaten + z["resultaat_uuid"] if z["resultaat_uuid"] else None,
                "opdrachtgevendeOrganisatie": z["opdrachtgevende_organisatie"],
                "processobjectaard": z["processobjectaard"],
                "startdatumBewaartermijn": _date(z["startdatum_bewaartermijn"]),
                "processobject": _nested("processobject", z["processobject"]),
            }
        )
    return result
