"""Derivation of archiefnominatie / archiefactiedatum / startdatumBewaartermijn at closing (zrc-021, zaken.md §6)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from dateutil.relativedelta import relativedelta
from rest_framework.exceptions import ErrorDetail, ValidationError

from zgw.common.references import RemoteFetchError, fetch_json

_DURATION = re.compile(r"^P(?:(?P<y>\d+)Y)?(?:(?P<m>\d+)M)?(?:(?P<w>\d+)W)?(?:(?P<d>\d+)D)?$")


def parse_duration(value: str | None) -> relativedelta | None:
    if not value:
        return None
    found = _DURATION.match(value.strip())
    if not found or not any(found.groupdict().values()):
        return None
    parts = {k: int(v) for k, v in found.groupdict().items() if v}
    return relativedelta(
        years=parts.get("y", 0), months=parts.get("m", 0), weeks=parts.get("w", 0), days=parts.get("d", 0)
    )


def _error(message: str) -> ValidationError:
    return ValidationError({"nonFieldErrors": [ErrorDetail(message, code="archiefactiedatum-error")]})


def _parse_date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    text = str(value)
    for fmt, size in (("%Y-%m-%d", 10), ("%Y%m%d", 8)):
        try:
            return dt.datetime.strptime(text[:size], fmt).date()
        except ValueError:
            continue
    raise _error(f"De waarde {text!r} is geen geldige datum.")


def resultaattype_params(resultaat) -> dict:
    """The archiving parameters of the resultaat's resultaattype, local or remote, in one shape."""
    rt = resultaat.resultaattype
    if rt is not None:
        return {
            "archiefnominatie": rt.archiefnominatie,
            "archiefactietermijn": rt.archiefactietermijn,
            "afleidingswijze": rt.brondatum_archiefprocedure_afleidingswijze,
            "datumkenmerk": rt.brondatum_archiefprocedure_datumkenmerk,
            "objecttype": rt.brondatum_archiefprocedure_objecttype,
            "procestermijn": rt.brondatum_archiefprocedure_procestermijn,
        }
    try:
        data = fetch_json(resultaat.resultaattype_url)
    except RemoteFetchError:
        data = {}
    bron = (data or {}).get("brondatumArchiefprocedure") or {}
    return {
        "archiefnominatie": data.get("archiefnominatie", ""),
        "archiefactietermijn": data.get("archiefactietermijn"),
        "afleidingswijze": bron.get("afleidingswijze", ""),
        "datumkenmerk": bron.get("datumkenmerk", ""),
        "objecttype": bron.get("objecttype", ""),
        "procestermijn": bron.get("procestermijn"),
    }


def _read_attr(data: Any, path: str) -> Any:
    for part in path.split("."):
        if not isinstance(data, dict) or part not in data:
            raise _error(f"Attribuut {path!r} ontbreekt op het object.")
        data = data[part]
    return data


def _brondatum_zaakobject(zaak, params: dict) -> dt.date | None:
    if not params["objecttype"] or not params["datumkenmerk"]:
        raise _error("objecttype en datumkenmerk zijn vereist voor afleidingswijze zaakobject.")
    dates = []
    for zo in zaak.zaakobjecten.filter(object_type=params["objecttype"]):
        if zo.object_identificatie:
            source = zo.object_identificatie
        else:
            try:
                source = fetch_json(zo.object)
            except RemoteFetchError as exc:
                raise _error(exc.message)
        value = _parse_date(_read_attr(source, params["datumkenmerk"]))
        if value:
            dates.append(value)
    return max(dates) if dates else None


def _besluiten(zaak) -> list[dict]:
    result = []
    for zb in zaak.zaakbesluiten.all():
        if zb.besluit is not None:
            result.append({"ingangsdatum": zb.besluit.ingangsdatum, "vervaldatum": zb.besluit.vervaldatum})
        else:
            try:
                result.append(fetch_json(zb.besluit_url))
            except RemoteFetchError as exc:
                raise _error(exc.message)
    return result


def _related_einddata(zaak) -> list[dt.date]:
    from zgw.common.references import match_local

    from .models import Zaak

    dates = []
    for item in zaak.relevante_andere_zaken or []:
        url = item.get("url", "")
        match = match_local(url)
        if match is not None:
            other = Zaak.objects.filter(uuid=match.uuid).first() if match.uuid else None
            einddatum = other.einddatum if other else None
        else:
            try:
                einddatum = _parse_date(fetch_json(url).get("einddatum"))
            except RemoteFetchError:
                einddatum = None
        if einddatum:
            dates.append(einddatum)
    return dates


def brondatum(zaak, params: dict, einddatum: dt.date) -> dt.date | None:
    """The brondatum of the archiefprocedure per afleidingswijze; ``None`` when it cannot be determined."""
    wijze = params["afleidingswijze"]
    if wijze == "afgehandeld":
        return einddatum
    if wijze == "termijn":
        termijn = parse_duration(params["procestermijn"])
        if termijn is None:
            raise _error("procestermijn ontbreekt of is ongeldig.")
        return einddatum + termijn
    if wijze == "hoofdzaak":
        return zaak.hoofdzaak.einddatum if zaak.hoofdzaak_id else None
    if wijze == "eigenschap":
        if not params["datumkenmerk"]:
            raise _error("datumkenmerk is vereist voor afleidingswijze eigenschap.")
        eigenschap = zaak.eigenschappen.filter(naam=params["datumkenmerk"]).first()
        if eigenschap is None:
            raise _error(f"De zaak heeft geen eigenschap {params['datumkenmerk']!r}.")
        return _parse_date(eigenschap.waarde)
    if wijze == "zaakobject":
        return _brondatum_zaakobject(zaak, params)
    if wijze == "gerelateerde_zaak":
        if not zaak.relevante_andere_zaken:
            raise _error("De zaak heeft geen relevante andere zaken.")
        dates = _related_einddata(zaak)
        if not dates:
            raise _error("Geen van de gerelateerde zaken is afgesloten.")
        return max(dates)
    if wijze in ("ingangsdatum_besluit", "vervaldatum_besluit"):
        key = "ingangsdatum" if wijze == "ingangsdatum_besluit" else "vervaldatum"
        besluiten = _besluiten(zaak)
        if not besluiten:
            raise _error("De zaak heeft geen besluiten.")
        dates = [d for d in (_parse_date(b.get(key)) for b in besluiten) if d]
        if not dates:
            if wijze == "vervaldatum_besluit":
                raise _error("Geen van de besluiten heeft een vervaldatum.")
            return None
        return max(dates)
    return None  # ander_datumkenmerk and unknown: set by hand


def derive_on_close(zaak, resultaat, einddatum: dt.date) -> None:
    """zrc-021: fill the archiving fields of ``zaak`` (not saved) from its resultaattype."""
    params = resultaattype_params(resultaat)
    if not zaak.archiefnominatie and params["archiefnominatie"]:
        zaak.archiefnominatie = params["archiefnominatie"]
    if zaak.archiefactiedatum:
        return
    termijn = parse_duration(params["archiefactietermijn"])
    if zaak.startdatum_bewaartermijn:
        start = zaak.startdatum_bewaartermijn
    else:
        start = brondatum(zaak, params, einddatum)
    if start is None:
        return
    zaak.startdatum_bewaartermijn = start
    if termijn is not None:
        zaak.archiefactiedatum = start + termijn
