"""Talking to an external Notificaties API (``NOTIFICATIES_API_ROOT``): registering the own kanalen there.

Credentials come from the :class:`zgw.common.models.Service` whose ``api_root`` is a prefix of the root.
Notificaties themselves are sent by the delivery machinery (target ``external``), with retries.
"""

from __future__ import annotations

import logging

import requests

from zgw.common.models import Service

from . import conf
from .kanalen import KANALEN

logger = logging.getLogger(__name__)


def _headers(url: str) -> dict[str, str]:
    service = Service.for_url(url)
    headers = {"Accept": "application/json", "Content-Type": "application/json"}
    if service is not None:
        headers.update(service.auth_headers())
    return headers


def register_kanalen_external(root: str | None = None) -> list[str]:
    """GET /kanaal?naam=… then POST /kanaal for the missing ones (the standard's procedure); returns the created."""
    root = root or conf.EXTERNAL_API_ROOT
    if not root:
        return []
    url = f"{root}kanaal"
    created: list[str] = []
    for spec in KANALEN:
        response = requests.get(url, params={"naam": spec.naam}, headers=_headers(url), timeout=conf.CALLBACK_TIMEOUT)
        response.raise_for_status()
        if response.json():
            continue
        body = {"naam": spec.naam, "documentatieLink": spec.documentatie_link, "filters": list(spec.filters)}
        response = requests.post(url, json=body, headers=_headers(url), timeout=conf.CALLBACK_TIMEOUT)
        response.raise_for_status()
        created.append(spec.naam)
    return created
