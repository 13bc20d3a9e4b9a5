"""Mirrored relations on *remote* Zaken/Documenten APIs, over HTTP (common.md §11.2, brc-005/brc-006).

The calls are made with our own credentials for the remote service (``common.models.Service``), never with the
consumer's token. Every failure becomes :class:`RemoteSyncError`; the services turn it into 400
``pending-relations`` after undoing what was done.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlencode

from zgw.common.references import RemoteFetchError, json_of, remote_call, results_of

logger = logging.getLogger(__name__)

EIO_MARKER = "/enkelvoudiginformatieobjecten/"


class RemoteSyncError(Exception):
    """A mirror write on another server failed."""


@contextmanager
def _sync_errors() -> Iterator[None]:
    """Failing remote calls (``references.remote_call``/``json_of``) surface as :class:`RemoteSyncError`."""
    try:
        yield
    except RemoteFetchError as exc:
        raise RemoteSyncError(exc.message)


# ---- Zaken API: ZaakBesluit (brc-006) ----------------------------------------------------------------------------


def zaakbesluiten_url(zaak_url: str) -> str:
    return f"{zaak_url.rstrip('/')}/besluiten"


def create_zaakbesluit(zaak_url: str, besluit_url: str) -> str:
    """``POST {zaak}/besluiten {besluit}``; returns the URL of the created ZaakBesluit ("" if not given)."""
    with _sync_errors():
        data = json_of(remote_call("POST", zaakbesluiten_url(zaak_url), json={"besluit": besluit_url}, ok=(200, 201)))
    return data.get("url", "") if isinstance(data, dict) else ""


def find_zaakbesluit(zaak_url: str, besluit_url: str) -> str:
    with _sync_errors():
        data = json_of(remote_call("GET", zaakbesluiten_url(zaak_url)))
    for item in results_of(data):
        if item.get("besluit") == besluit_url:
            return item.get("url", "")
    return ""


def delete_zaakbesluit(zaak_url: str, besluit_url: str, zaakbesluit_url: str = "") -> None:
    """Remove the ZaakBesluit mirror; a mirror that is already gone counts as removed."""
    url = zaakbesluit_url or find_zaakbesluit(zaak_url, besluit_url)
    if not url:
        return
    with _sync_errors():
        remote_call("DELETE", url, ok=(200, 204, 404))


# ---- Documenten API: ObjectInformatieObject (brc-005) ------------------------------------------------------------


def documenten_root(eio_url: str) -> str:
    if EIO_MARKER not in eio_url:
        raise RemoteSyncError(f"{eio_url} is geen enkelvoudiginformatieobject-URL.")
    return eio_url[: eio_url.rindex(EIO_MARKER)]


def create_objectinformatieobject(eio_url: str, besluit_url: str) -> str:
    """``POST {drc}/objectinformatieobjecten {informatieobject, object, objectType: besluit}``; returns its URL."""
    url = f"{documenten_root(eio_url)}/objectinformatieobjecten"
    body = {"informatieobject": eio_url, "object": besluit_url, "objectType": "besluit"}
    with _sync_errors():
        data = json_of(remote_call("POST", url, json=body, ok=(200, 201)))
    return data.get("url", "") if isinstance(data, dict) else ""


def find_objectinformatieobject(eio_url: str, besluit_url: str) -> str:
    query = urlencode({"object": besluit_url, "informatieobject": eio_url})
    url = f"{documenten_root(eio_url)}/objectinformatieobjecten?{query}"
    with _sync_errors():
        data = json_of(remote_call("GET", url))
    for item in results_of(data):
        if item.get("object") == besluit_url:
            return item.get("url", "")
    return ""


def delete_objectinformatieobject(eio_url: str, besluit_url: str, oio_url: str = "") -> None:
    url = oio_url or find_objectinformatieobject(eio_url, besluit_url)
    if not url:
        return
    with _sync_errors():
        remote_call("DELETE", url, ok=(200, 204, 404))
