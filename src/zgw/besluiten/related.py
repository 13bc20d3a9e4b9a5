"""What a besluit points at — besluittype, zaak (and its zaaktype), informatieobject — as local rows or remote JSON.

The brc rules need a few facts about those objects (``concept``, the informatieobjecttypen of a besluittype, the
besluittypen of a zaak's zaaktype, whether the zaak is closed). This module answers them the same way for a local
row (through the other apps' models) and for a remote object (fetched, cached JSON), so the rules are written once.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db import models

from zgw.common.references import RemoteFetchError, fetch_json, normalise_ref, object_url, validate_remote_shape
from zgw.common.serializers import Reference

# properties every conforming server returns for these resources (their OAS ``required`` lists, subset we rely on)
REMOTE_BESLUITTYPE = ("url", "catalogus", "informatieobjecttypen", "publicatieIndicatie")
REMOTE_ZAAK = ("url", "zaaktype", "bronorganisatie", "startdatum")
REMOTE_ZAAKTYPE = ("url", "catalogus", "besluittypen")
REMOTE_INFORMATIEOBJECT = ("url", "bronorganisatie", "informatieobjecttype", "titel")


def get_model(app_label: str, name: str) -> type[models.Model] | None:
    """A sibling app's model, or ``None`` while that app does not define it (yet)."""
    try:
        return apps.get_model(app_label, name)
    except LookupError:
        return None


def url_of(ref: Reference | None, request=None) -> str:
    if ref is None:
        return ""
    return object_url(request, ref.obj) if ref.obj is not None else ref.url


def _urls(objects, request) -> list[str]:
    return [object_url(request, obj) for obj in objects]


def _related(obj: models.Model, *names: str):
    """The first of ``names`` that is a relation manager (or list) on ``obj``."""
    for name in names:
        value = getattr(obj, name, None)
        if value is None:
            continue
        if hasattr(value, "all"):
            return list(value.all())
        if isinstance(value, list | tuple):
            return list(value)
    return []


def _fetch(url: str, required: tuple[str, ...]) -> dict[str, Any]:
    data = fetch_json(url)
    validate_remote_shape(data, required)
    return data


# ---- besluittype -------------------------------------------------------------------------------------------------


def is_concept(ref: Reference) -> bool:
    if ref.obj is not None:
        return bool(getattr(ref.obj, "concept", False))
    return bool((ref.data or {}).get("concept", False))


def besluittype_informatieobjecttype_refs(besluittype: models.Model | None, url: str, request=None) -> set[str]:
    """Normalised URLs of the informatieobjecttypen a besluittype allows (brc-008)."""
    if besluittype is not None:
        related = _related(besluittype, "informatieobjecttypen")
        return {normalise_ref(u, request) for u in _urls(related, request)}
    data = _fetch(url, REMOTE_BESLUITTYPE)
    return {normalise_ref(u, request) for u in data.get("informatieobjecttypen") or [] if isinstance(u, str)}


def catalogus_of_besluittype(besluittype: models.Model | None, url: str, request=None) -> str:
    if besluittype is not None:
        catalogus = getattr(besluittype, "catalogus", None)
        return object_url(request, catalogus) if catalogus is not None else ""
    try:
        return (_fetch(url, REMOTE_BESLUITTYPE).get("catalogus") or "") if url else ""
    except RemoteFetchError:
        return ""


# ---- zaak --------------------------------------------------------------------------------------------------------


def zaak_data(ref: Reference) -> dict[str, Any]:
    return ref.data if ref.data is not None else _fetch(ref.url, REMOTE_ZAAK)


def zaaktype_of_zaak(ref: Reference, request=None) -> tuple[models.Model | None, str]:
    """``(local zaaktype row or None, zaaktype URL)`` of a zaak."""
    if ref.obj is not None:
        zaaktype = getattr(ref.obj, "zaaktype", None)
        if zaaktype is not None:
            return zaaktype, object_url(request, zaaktype)
        return None, getattr(ref.obj, "zaaktype_url", "") or ""
    return None, zaak_data(ref).get("zaaktype") or ""


def zaaktype_besluittype_refs(zaaktype: models.Model | None, url: str, request=None) -> set[str]:
    """Normalised URLs of the besluittypen a zaaktype allows (brc-007)."""
    if zaaktype is not None:
        related = _related(zaaktype, "besluittypen")
        return {normalise_ref(u, request) for u in _urls(related, request)}
    data = _fetch(url, REMOTE_ZAAKTYPE)
    return {normalise_ref(u, request) for u in data.get("besluittypen") or [] if isinstance(u, str)}


def zaak_is_closed(ref: Reference) -> bool:
    if ref.obj is not None:
        return getattr(ref.obj, "einddatum", None) is not None
    return bool(zaak_data(ref).get("einddatum"))


def zaak_vertrouwelijkheid(ref: Reference) -> str:
    if ref.obj is not None:
        return getattr(ref.obj, "vertrouwelijkheidaanduiding", "") or ""
    return zaak_data(ref).get("vertrouwelijkheidaanduiding") or ""


# ---- informatieobject --------------------------------------------------------------------------------------------


def informatieobjecttype_of(ref: Reference, request=None) -> str:
    """The informatieobjecttype URL of a (local or remote) informatieobject."""
    if ref.obj is not None:
        iot = getattr(ref.obj, "informatieobjecttype", None)
        if iot is not None:
            return object_url(request, iot)
        return getattr(ref.obj, "informatieobjecttype_url", "") or ""
    data = ref.data if ref.data is not None else _fetch(ref.url, REMOTE_INFORMATIEOBJECT)
    return data.get("informatieobjecttype") or ""
