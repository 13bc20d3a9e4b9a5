"""Kenmerk/filter comparison (notificaties.md §3-§4): keys compare camelCase/snake_case-insensitively."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

WILDCARD = "*"


def normalise_key(key: str) -> str:
    """``verantwoordelijkeOrganisatie`` and ``verantwoordelijke_organisatie`` compare equal."""
    return key.replace("_", "").lower()


def consistent(keys: Iterable[str], kanaal_filters: Iterable[str]) -> bool:
    """The keys are a subset or a superset of the kanaal's filters."""
    given = {normalise_key(k) for k in keys}
    declared = {normalise_key(k) for k in kanaal_filters}
    return given <= declared or declared <= given


def matches(filters: Mapping[str, str], kenmerken: Mapping[str, str]) -> bool:
    """A filter group matches when every filter key present in the message has ``*`` or the same value."""
    values = {normalise_key(k): v for k, v in kenmerken.items()}
    for key, wanted in filters.items():
        actual = values.get(normalise_key(key))
        if actual is None or wanted == WILDCARD:
            continue
        if str(actual) != str(wanted):
            return False
    return True
