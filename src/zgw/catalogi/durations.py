"""ISO 8601 durations (``P1Y2M10DT2H30M``) as stored in the catalogue, with years and months kept exact."""

from __future__ import annotations

import re

from dateutil.relativedelta import relativedelta

_DURATION = re.compile(
    r"^P(?!$)(?:(?P<years>\d+(?:[.,]\d+)?)Y)?(?:(?P<months>\d+(?:[.,]\d+)?)M)?(?:(?P<weeks>\d+(?:[.,]\d+)?)W)?"
    r"(?:(?P<days>\d+(?:[.,]\d+)?)D)?"
    r"(?:T(?=\d)(?:(?P<hours>\d+(?:[.,]\d+)?)H)?(?:(?P<minutes>\d+(?:[.,]\d+)?)M)?(?:(?P<seconds>\d+(?:[.,]\d+)?)S)?)?$"
)


def is_valid_duration(value: str) -> bool:
    return isinstance(value, str) and bool(_DURATION.match(value))


def parse_duration(value: str | None) -> relativedelta | None:
    """``"P1Y6M"`` → ``relativedelta(years=1, months=6)``; ``None``/``""`` → ``None``; invalid → ``ValueError``."""
    if not value:
        return None
    found = _DURATION.match(value)
    if not found:
        raise ValueError(f"Not an ISO 8601 duration: {value!r}")
    parts = {k: float(v.replace(",", ".")) for k, v in found.groupdict().items() if v}
    whole = {k: int(v) for k, v in parts.items() if k in ("years", "months") and v == int(v)}
    if len(whole) != len([k for k in parts if k in ("years", "months")]):
        raise ValueError(f"Fractional years/months are not supported: {value!r}")
    days = parts.get("days", 0) + 7 * parts.get("weeks", 0)
    return relativedelta(
        years=whole.get("years", 0),
        months=whole.get("months", 0),
        days=days,
        hours=parts.get("hours", 0),
        minutes=parts.get("minutes", 0),
        seconds=parts.get("seconds", 0),
    ).normalized()
