"""Looking up Selectielijst/Referentielijsten records (ztc-001, ztc-002, ztc-003).

A URL of this server's own Referentielijsten API (``/referentielijsten/api/v1/...``, e.g. when
``REFERENTIELIJSTEN_API_ROOT`` points here) is answered from the bundled data without HTTP; any other URL is fetched
with :func:`zgw.common.references.fetch_json` (cached, with the credentials of a configured Service).
"""

from __future__ import annotations

from rest_framework.exceptions import ErrorDetail, ValidationError

from zgw.common.references import RemoteFetchError, fetch_json, is_valid_url, local_path
from zgw.referentielijsten import store

REQUIRED_KEYS = {
    "procestypen": ("url", "nummer"),
    "resultaten": ("url", "procesType"),
    "resultaattypeomschrijvingen": ("url", "omschrijving"),
}


def _local_record(url: str, collection: str, request=None) -> tuple[bool, dict | None]:
    """(is local, record) for URLs on this server or under a local REFERENTIELIJSTEN_API_ROOT."""
    path = local_path(url, request)
    if path is None or not path.startswith(store.API_PATH + "/"):
        return False, None
    prefix = f"{store.API_PATH}/{collection}/"
    if not path.startswith(prefix):
        return True, None
    record = store.get(collection, path[len(prefix) :].strip("/"))
    if record is None:
        return True, None
    base = url[: url.index(store.API_PATH) + len(store.API_PATH)]
    return True, store.render(collection, record, base)


def fetch(url: str, collection: str, field: str, request=None) -> dict:
    """The record at ``url`` of ``collection``, or a 400 on ``field`` (codes ``bad-url`` / ``invalid-resource``)."""
    if not is_valid_url(url):
        raise ValidationError({field: [ErrorDetail("Voer een geldige URL in.", code="bad-url")]})
    is_local, record = _local_record(url, collection, request)
    if is_local:
        if record is None:
            raise ValidationError({field: [ErrorDetail("De URL verwijst niet naar een bestaand object.", "bad-url")]})
        return record
    try:
        data = fetch_json(url)
    except RemoteFetchError as exc:
        raise ValidationError({field: [ErrorDetail(exc.message, code=exc.code)]}) from exc
    if not isinstance(data, dict) or any(key not in data for key in REQUIRED_KEYS[collection]):
        raise ValidationError(
            {field: [ErrorDetail("De URL verwijst niet naar een geldige resource.", code="invalid-resource")]}
        )
    return data


def same_resource(url_a: str, url_b: str) -> bool:
    """Two references to the same record (compared by their last path segment, the uuid)."""
    if not url_a or not url_b:
        return False
    return url_a.rstrip("/").rsplit("/", 1)[-1].lower() == url_b.rstrip("/").rsplit("/", 1)[-1].lower()
