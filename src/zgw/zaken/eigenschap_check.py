"""Zaken 1.7.0: a zaakeigenschap's ``waarde`` checked against its eigenschap's specificatie — a warning, no error.

On ``POST /zaken/{zaak_uuid}/zaakeigenschappen`` the value is stored whatever it is; when it does not conform to
the specificatie (formaat, lengte, kardinaliteit, waardenverzameling; ztc-015 date formats) the ``201`` carries an
``X-Warning`` header that says what does not conform (Dutch, ASCII). A remote eigenschap is read through the
reference cache; when it cannot be read the value is not checked and no warning is given (docs/decisions.md).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from zgw.common.references import RemoteFetchError, fetch_json

from .models import ZaakEigenschap

HEADER = "X-Warning"
SCHEMA_HEADERS = {
    ("create", "201"): {
        HEADER: {
            "schema": {"type": "string"},
            "description": "Waarschuwing dat de zaakeigenschap niet voldoet aan de specificatie zoals gedefinieerd in "
            "de Catalogi API. De zaakeigenschap is wel opgeslagen, maar er kunnen problemen ontstaan bij het gebruik "
            "ervan.",
        }
    }
}
MAX_HEADER_LENGTH = 1000

_GETAL = re.compile(r"^[+-]?(\d+)(?:[.,](\d+))?$")
_DATE_FORMATS = {"datum": ("%Y%m%d", 8, "JJJJMMDD"), "datum_tijd": ("%Y%m%d%H%M%S", 14, "JJJJMMDDuummss")}


def _as_int(value) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def specificatie_of(obj: ZaakEigenschap) -> dict | None:
    """The specificatie of the zaakeigenschap's eigenschap (local row or the remote object), None if unknown."""
    eigenschap = obj.eigenschap
    if eigenschap is not None:
        return {
            "formaat": eigenschap.formaat,
            "lengte": eigenschap.lengte,
            "kardinaliteit": eigenschap.kardinaliteit,
            "waardenverzameling": list(eigenschap.waardenverzameling or []),
        }
    if not obj.eigenschap_url:
        return None
    try:
        data = fetch_json(obj.eigenschap_url)
    except RemoteFetchError:
        return None
    spec = data.get("specificatie") if isinstance(data, dict) else None
    return spec if isinstance(spec, dict) else None


def _check_getal(waarde: str, lengte: str) -> list[str]:
    match = _GETAL.match(waarde.strip())
    if match is None:
        return ["formaat getal verwacht een getal (bijvoorbeeld 12 of 12,5)"]
    whole, fraction = match.group(1), match.group(2) or ""
    total, _, decimals = str(lengte).partition(",")
    problems = []
    max_total, max_decimals = _as_int(total), _as_int(decimals) if decimals else None
    if max_total is not None and len(whole.lstrip("0") or "0") + len(fraction) > max_total:
        problems.append(f"meer dan {max_total} cijfers (lengte {lengte})")
    if max_decimals is not None and len(fraction) > max_decimals:
        problems.append(f"meer dan {max_decimals} decimalen (lengte {lengte})")
    return problems


def problems_of(waarde: str, spec: dict, count: int) -> list[str]:
    """What in ``waarde`` does not conform to ``spec``; ``count``: this eigenschap's values on the zaak, this one
    included (kardinaliteit)."""
    problems: list[str] = []
    formaat = spec.get("formaat") or ""
    lengte = spec.get("lengte") or ""
    if formaat in _DATE_FORMATS:
        pattern, size, shown = _DATE_FORMATS[formaat]
        try:
            valid = len(waarde) == size and waarde.isdigit() and bool(dt.datetime.strptime(waarde, pattern))
        except ValueError:
            valid = False
        if not valid:
            problems.append(f"formaat {formaat} verwacht {shown} ({size} cijfers)")
    elif formaat == "getal":
        problems += _check_getal(waarde, lengte)
    elif formaat == "tekst":
        limit = _as_int(lengte)
        if limit is not None and len(waarde) > limit:
            problems.append(f"langer dan lengte {limit}")
    allowed = [str(item) for item in spec.get("waardenverzameling") or []]
    if allowed and waarde not in allowed:
        problems.append("niet een van de waarden uit de waardenverzameling")
    maximum = _as_int(spec.get("kardinaliteit"))
    if maximum is not None and count > maximum:
        problems.append(f"meer waarden dan kardinaliteit {maximum}")
    return problems


def header_safe(text: str) -> str:
    """ASCII without line breaks (a header value every client can read)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return " ".join(ascii_text.split())[:MAX_HEADER_LENGTH]


def warning_for(obj: ZaakEigenschap) -> str | None:
    """The ``X-Warning`` text for a just stored zaakeigenschap, or None when it conforms (or cannot be checked)."""
    spec = specificatie_of(obj)
    if not spec:
        return None
    same = ZaakEigenschap.objects.filter(zaak_id=obj.zaak_id)
    same = (
        same.filter(eigenschap=obj.eigenschap) if obj.eigenschap_id else same.filter(eigenschap_url=obj.eigenschap_url)
    )
    count = same.count() if _as_int(spec.get("kardinaliteit")) is not None else 1
    problems = problems_of(obj.waarde, spec, count)
    if not problems:
        return None
    return header_safe(
        f"De waarde voldoet niet aan de specificatie van eigenschap '{obj.naam}': {'; '.join(problems)}. "
        "De zaakeigenschap is wel opgeslagen."
    )


def with_warning(response, obj: ZaakEigenschap):
    """Add ``X-Warning`` to the 201 of a zaakeigenschap create when its value does not conform."""
    text = warning_for(obj)
    if text:
        response[HEADER] = text
    return response
