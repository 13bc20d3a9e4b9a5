"""Uniform read access to catalogi types that live locally (FK) or on another server (URL + fetched JSON)."""

from __future__ import annotations

from typing import Any

from zgw.common.references import RemoteFetchError, fetch_json, object_url


def type_url(obj, url: str, request=None) -> str:
    """The URL of a type referenced by FK ``obj`` or remote ``url``."""
    if obj is not None:
        return object_url(request, obj)
    return url or ""


def remote(url: str) -> dict[str, Any]:
    try:
        data = fetch_json(url)
    except RemoteFetchError:
        return {}
    return data if isinstance(data, dict) else {}


def zaaktype_url(zaak, request=None) -> str:
    return type_url(zaak.zaaktype, zaak.zaaktype_url, request)


def zaaktype_vertrouwelijkheid(zaaktype, url: str) -> str:
    if zaaktype is not None:
        return zaaktype.vertrouwelijkheidaanduiding
    return remote(url).get("vertrouwelijkheidaanduiding", "") if url else ""


def zaaktype_concept(zaaktype, data: dict | None) -> bool:
    if zaaktype is not None:
        return bool(zaaktype.concept)
    return bool((data or {}).get("concept", False))


def zaaktype_producten(zaaktype, url: str) -> list[str]:
    if zaaktype is not None:
        return list(zaaktype.producten_of_diensten or [])
    return list(remote(url).get("productenOfDiensten") or [])


def type_zaaktype_url(obj, data: dict | None, request=None) -> str:
    """The zaaktype URL a statustype/resultaattype/roltype/eigenschap/zaakobjecttype belongs to."""
    if obj is not None:
        return object_url(request, obj.zaaktype)
    return (data or {}).get("zaaktype", "") or ""


def is_eindstatus(statustype, url: str) -> bool:
    """The statustype with the highest volgnummer of its zaaktype is the eindstatus (zrc-007)."""
    if statustype is not None:
        siblings = type(statustype)._default_manager.filter(zaaktype_id=statustype.zaaktype_id)  # no zaaktype fetch
        highest = siblings.order_by("-volgnummer").values_list("pk", flat=True).first()
        return highest == statustype.pk
    data = remote(url)
    if "isEindstatus" in data:
        return bool(data["isEindstatus"])
    return False
