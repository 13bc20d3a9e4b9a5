"""``expand`` from Besluiten 1.1.0 (served on top of 1.0.2; without ``expand`` responses are exactly 1.0.2).

``GET /besluiten[/{uuid}]``: ``besluittype``, ``zaak``. ``GET /besluitinformatieobjecten[/{uuid}]``:
``informatieobject``, ``besluit``, ``besluit.besluittype``, ``besluit.zaak``. Expanded objects go into ``_expand``
(``{}`` when the reference is empty, unreadable for the client or unreachable). Anything else → 400
``invalid-expand-field`` (DECISIONS.md). Objects of another component are only expanded when the client may read
them there (``catalogi.lezen``; ``zaken.lezen``/``documenten.lezen`` for that type and level), as Open Zaak does.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import ErrorDetail, ValidationError

from zgw.catalogi.api.serializers import BesluitTypeSerializer
from zgw.common.permissions import Scope, is_allowed_for, may_read_document
from zgw.common.references import RemoteFetchError, fetch_json
from zgw.documenten.api.serializers import EnkelvoudigInformatieObjectSerializer
from zgw.zaken.api.serializers import ZaakSerializer

from ..models import Besluit, BesluitInformatieObject, has_local_zaak

BESLUIT_PATHS = frozenset({"besluittype", "zaak"})
BIO_PATHS = frozenset({"informatieobject", "besluit", "besluit.besluittype", "besluit.zaak"})

EXPAND_PARAMETER = OpenApiParameter(
    "expand",
    str,
    OpenApiParameter.QUERY,
    description="Haal details van gelinkte resources direct op. Als je meerdere resources tegelijk wilt ophalen kun "
    "je deze scheiden met een komma. Voor het ophalen van resources die een laag dieper genest zijn wordt de "
    "punt-notatie gebruikt (Besluiten API 1.1.0).",
)


def parse_expand(value: str | None, allowed: frozenset[str]) -> frozenset[str]:
    """The requested paths plus their parents (``besluit.zaak`` also expands ``besluit``)."""
    if not value:
        return frozenset()
    paths: set[str] = set()
    for raw in value.split(","):
        path = raw.strip()
        if path not in allowed:
            raise ValidationError(
                {"expand": [ErrorDetail(f"Ongeldige expand-waarde: {path!r}.", code="invalid-expand-field")]}
            )
        parts = path.split(".")
        paths.update(".".join(parts[:depth]) for depth in range(1, len(parts) + 1))
    return frozenset(paths)


def _remote(url: str) -> dict:
    if not url:
        return {}
    try:
        data = fetch_json(url)
    except RemoteFetchError:
        return {}
    return data if isinstance(data, dict) else {}


def _may(request, component: str, scope: str, type_url: str = "", level: str = "") -> bool:
    client = getattr(request, "auth", None)
    if client is not None and client.heeft_alle_autorisaties:
        return True
    if not type_url:
        return client is not None and scope in client.scopes_for(component)
    return is_allowed_for(client, component, Scope(scope), type_url, level, request)


def render_besluittype(besluit: Besluit, request) -> dict:
    if not _may(request, "ztc", "catalogi.lezen"):
        return {}
    if besluit.besluittype_id is None:
        return _remote(besluit.besluittype_url)
    return dict(BesluitTypeSerializer(besluit.besluittype, context={"request": request}).data)


def render_zaak(besluit: Besluit, request) -> dict:
    zaak = getattr(besluit, "zaak", None) if has_local_zaak() else None
    if zaak is None:
        return _remote(besluit.zaak_url)
    from zgw.common.references import object_url

    zaaktype = getattr(zaak, "zaaktype", None)
    type_url = object_url(request, zaaktype) if zaaktype is not None else getattr(zaak, "zaaktype_url", "")
    if not _may(request, "zrc", "zaken.lezen", type_url, getattr(zaak, "vertrouwelijkheidaanduiding", "")):
        return {}
    return dict(ZaakSerializer(zaak, context={"request": request}).data)


def render_informatieobject(bio: BesluitInformatieObject, request) -> dict:
    document = bio.informatieobject
    if document is None:
        return _remote(bio.informatieobject_url)
    from zgw.common.references import object_url

    iot = getattr(document, "informatieobjecttype", None)
    type_url = object_url(request, iot) if iot is not None else document.informatieobjecttype_url
    if not _may(request, "drc", "documenten.lezen", type_url, document.vertrouwelijkheidaanduiding):
        return {}
    if not may_read_document(request.auth, document.is_gereed_voor_publicatie, Scope("documenten.lezen")):
        return {}  # Autorisaties 1.1.0 alleenIsGereedVoorPublicatie
    version = document.latest_version
    if version is None:
        return {}
    version.document = document
    return dict(EnkelvoudigInformatieObjectSerializer(version, context={"request": request}).data)


def expand_besluit(data: dict, besluit: Besluit, paths: frozenset[str], request, prefix: str = "") -> dict:
    expanded: dict[str, Any] = {}
    if f"{prefix}besluittype" in paths:
        expanded["besluittype"] = render_besluittype(besluit, request)
    if f"{prefix}zaak" in paths:
        expanded["zaak"] = render_zaak(besluit, request)
    if expanded:
        data = {**data, "_expand": expanded}
    return data


def expand_bio(data: dict, bio: BesluitInformatieObject, paths: frozenset[str], request, render_besluit) -> dict:
    expanded: dict[str, Any] = {}
    if "informatieobject" in paths:
        expanded["informatieobject"] = render_informatieobject(bio, request)
    if "besluit" in paths:
        expanded["besluit"] = expand_besluit(render_besluit(bio.besluit), bio.besluit, paths, request, "besluit.")
    if expanded:
        data = {**data, "_expand": expanded}
    return data
