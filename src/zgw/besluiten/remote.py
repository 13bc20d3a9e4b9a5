"""Mirrored relations on *remote* Zaken/Documenten APIs, over HTTP (common.md §11.2, brc-005/brc-006).

The calls are made with our own credentials for the remote service (``common.models.Service``), never with the
consumer's token. Every failure becomes :class:`RemoteSyncError`; the services turn it into 400
``pending-relations`` after undoing what was done.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlencode

import requests
from django.conf import settings

from zgw.common.models import Service

logger = logging.getLogger(__name__)

EIO_MARKER = "/enkelvoudiginformatieobjecten/"


class RemoteSyncError(Exception):
    """A mirror write on another server failed."""


def _headers(url: str) -> dict[str, str]:
    service = Service.for_url(url)
    headers = {"Accept": "application/json", "Content-Type": "application/json"}
    if service is not None:
        headers.update(service.auth_headers())
    return headers


def _request(method: str, url: str, *, json: Any = None, ok: tuple[int, ...]) -> requests.Response:
    try:
        response = requests.request(
            method, url, json=json, headers=_headers(url), timeout=settings.REMOTE_FETCH_TIMEOUT
        )
    except requests.RequestException as exc:
        raise RemoteSyncError(f"{method} {url} mislukte: {exc}")
    if response.status_code not in ok:
        raise RemoteSyncError(f"{method} {url} gaf status {response.status_code}.")
    return response


def _json(response: requests.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        raise RemoteSyncError(f"{response.request.method} {response.url} gaf geen JSON.")


def _results(data: Any) -> list[dict]:
    if isinstance(data, dict):
        data = data.get("results", [])
    return [item for item in data if isinstance(item, dict)] if isinstance(data, list) else []


# ---- Zaken API: ZaakBesluit (brc-006) ----------------------------------------------------------------------------


def zaakbesluiten_url(zaak_url: str) -> str:
    return f"{zaak_url.rstrip('/')}/besluiten"


def create_zaakbesluit(zaak_url: str, besluit_url: str) -> str:
    """``POST {zaak}/besluiten {besluit}``; returns the URL of the created ZaakBesluit ("" if not given)."""
    response = _request("POST", zaakbesluiten_url(zaak_url), json={"besluit": besluit_url}, ok=(200, 201))
    data = _json(response)
    return data.get("url", "") if isinstance(data, dict) else ""


def find_zaakbesluit(zaak_url: str, besluit_url: str) -> str:
    response = _request("GET", zaakbesluiten_url(zaak_url), ok=(200,))
    for item in _results(_json(response)):
        if item.get("besluit") == besluit_url:
            return item.get("url", "")
    return ""


def delete_zaakbesluit(zaak_url: str, besluit_url: str, zaakbesluit_url: str = "") -> None:
    """Remove the ZaakBesluit mirror; a mirror that is already gone counts as removed."""
    url = zaakbesluit_url or find_zaakbesluit(zaak_url, besluit_url)
    if not url:
        return
    _request("DELETE", url, ok=(200, 204, 404))


# ---- Documenten API: ObjectInformatieObject (brc-005) ------------------------------------------------------------


def documenten_root(eio_url: str) -> str:
    if EIO_MARKER not in eio_url:
        raise RemoteSyncError(f"{eio_url} is geen enkelvoudiginformatieobject-URL.")
    return eio_url[: eio_url.rindex(EIO_MARKER)]


def create_objectinformatieobject(eio_url: str, besluit_url: str) -> str:
    """``POST {drc}/objectinformatieobjecten {informatieobject, object, objectType: besluit}``; returns its URL."""
    response = _request(
        "POST",
        f"{documenten_root(eio_url)}/objectinformatieobjecten",
        json={"informatieobject": eio_url, "object": besluit_url, "objectType": "besluit"},
        ok=(200, 201),
    )
    data = _json(response)
    return data.get("url", "") if isinstance(data, dict) else ""


def find_objectinformatieobject(eio_url: str, besluit_url: str) -> str:
    query = urlencode({"object": besluit_url, "informatieobject": eio_url})
    response = _request("GET", f"{documenten_root(eio_url)}/objectinformatieobjecten?{query}", ok=(200,))
    for item in _results(_json(response)):
        if item.get("object") == besluit_url:
            return item.get("url", "")
    return ""


def delete_objectinformatieobject(eio_url: str, besluit_url: str, oio_url: str = "") -> None:
    url = oio_url or find_objectinformatieobject(eio_url, besluit_url)
    if not url:
        return
    _request("DELETE", url, ok=(200, 204, 404))
