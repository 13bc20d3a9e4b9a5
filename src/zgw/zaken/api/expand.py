"""``expand`` of the Zaken API 1.7 (zaken.md §7, common.md §12, zrc-025…028).

The Zaken resources form one declarative graph for the shared resolver (``zgw.common.expand``) together with the
kinds of the APIs they point into: the Catalogi types (``zaaktype.statustypen``, ``resultaat.resultaattype``, …), the
Documenten ``enkelvoudiginformatieobject`` (``zaakinformatieobject.informatieobject``) and the Besluiten ``besluit``
(``zaakbesluit.besluit``). The fields of each Zaken kind follow the 1.7 OAS ``<Resource>Embedded`` schemas. Besluiten
imports Zaken, so its kinds come from the registry (``registered_kinds("besluiten")``), never from an import.

Depth: any (zrc-026 as revised in 1.6: nested expansion is not limited), up to the engine's ``MAX_LEVELS`` guard; the
number of objects one response may expand is capped by ``ZGW_EXPAND_MAX_OBJECTS`` (400 ``expand-limit``). The JSON
is resolved level by level: one query per kind and level, never per object. An unknown field anywhere on a path is a
400 ``invalid-expand-field`` (zrc-027, DECISIONS.md).

Autorisatie: every expanded object passes the filter of a direct read of its own API. Zaken and their sub-resources:
``zaken.lezen`` for the zaak's zaaktype and vertrouwelijkheidaanduiding (zrc-006), in SQL; documents: the Documenten
filter (``documenten.lezen`` per informatieobjecttype and vertrouwelijkheidaanduiding); besluiten: the Besluiten filter;
Catalogi types: ``catalogi.lezen``. Remote objects (another server's zaak, document or besluit) are fetched with the
shared timeouts and cache and judged by the same rule on the values they carry.

References outside the ZGW APIs (``communicatiekanaal``, ``productenOfDiensten``, ``selectielijstklasse``) are
public reference data and are fetched as any URL reference; ``rol.betrokkene`` and ``zaakobject.object`` (personal
and object registries) are valid paths but always answered ``{}`` (zrc-025 for those sources; docs/decisions.md).
"""

from __future__ import annotations

import dataclasses
import re
import uuid as uuid_module
from functools import cache, partial

from zgw.catalogi.api.expand import kinds as catalogi_kinds
from zgw.common import expand as engine
from zgw.common.expand import Kind, Link
from zgw.common.permissions import Scope, is_allowed_for
from zgw.common.references import UUID_RE, local_path

API = "zaken"
ZAKEN_LEZEN = Scope("zaken.lezen")
DOCUMENTEN_LEZEN = Scope("documenten.lezen")
ROOT = "zaak"
DOCUMENT = "enkelvoudiginformatieobject"  # the Documenten kind (zgw.documenten.api.expand)
BESLUIT = "besluit"  # the Besluiten kind (zgw.besluiten.api.kinds, through the registry)
EXTERN = "extern"  # public reference data outside the ZGW APIs, fetched as JSON
CLOSED = "afgeschermd"  # a registry the Zaken API does not expand into (zrc-025): always {}
_NESTED_PATH = re.compile(
    rf"^/zaken/api/v1/zaken/{UUID_RE}/(?P<collection>zaakeigenschappen|besluiten)/(?P<uuid>{UUID_RE})/?$"
)

# kind → (collection, JSON field → (target kind, many, url key)); the fields of the 1.7 OAS ``<Resource>Embedded``
_LINKS: dict[str, tuple[str, dict[str, tuple[str, bool, str | None]]]] = {
    "zaak": (
        "zaken",
        {
            "zaaktype": ("zaaktype", False, None),
            "communicatiekanaal": (EXTERN, False, None),
            "productenOfDiensten": (EXTERN, True, None),
            "selectielijstklasse": (EXTERN, False, None),
            "hoofdzaak": ("zaak", False, None),
            "deelzaken": ("zaak", True, None),
            "relevanteAndereZaken": ("zaak", True, "url"),
            "eigenschappen": ("zaakeigenschap", True, None),
            "rollen": ("rol", True, None),
            "status": ("status", False, None),
            "zaakinformatieobjecten": ("zaakinformatieobject", True, None),
            "zaakobjecten": ("zaakobject", True, None),
            "resultaat": ("resultaat", False, None),
        },
    ),
    "status": (
        "statussen",
        {
            "zaak": ("zaak", False, None),
            "statustype": ("statustype", False, None),
            "gezetdoor": ("rol", False, None),
            "zaakinformatieobjecten": ("zaakinformatieobject", True, None),
        },
    ),
    "resultaat": ("resultaten", {"zaak": ("zaak", False, None), "resultaattype": ("resultaattype", False, None)}),
    "rol": (
        "rollen",
        {
            "zaak": ("zaak", False, None),
            "betrokkene": (CLOSED, False, None),
            "roltype": ("roltype", False, None),
            "statussen": ("status", True, None),
        },
    ),
    "zaakinformatieobject": (
        "zaakinformatieobjecten",
        {
            "informatieobject": (DOCUMENT, False, None),
            "zaak": ("zaak", False, None),
            "status": ("status", False, None),
        },
    ),
    "zaakobject": (
        "zaakobjecten",
        {
            "zaak": ("zaak", False, None),
            "object": (CLOSED, False, None),
            "zaakobjecttype": ("zaakobjecttype", False, None),
        },
    ),
    "zaakeigenschap": ("", {"zaak": ("zaak", False, None), "eigenschap": ("eigenschap", False, None)}),
    "zaakbesluit": ("", {"besluit": (BESLUIT, False, None)}),
}


def _zaak_of(obj):
    from ..models import Zaak

    return obj if isinstance(obj, Zaak) else obj.zaak


def _may_read_zaak(request, zaaktype_url: str, vertrouwelijkheid: str) -> bool:
    return is_allowed_for(request.auth, "zrc", ZAKEN_LEZEN, zaaktype_url, vertrouwelijkheid, request)


def _render(request, obj) -> dict | None:
    """A zaak or sub-resource as its own endpoint renders it, if the client may read its zaak (zrc-006)."""
    from .. import typeinfo
    from .serializers import SERIALIZERS

    zaak = _zaak_of(obj)
    if not _may_read_zaak(request, typeinfo.zaaktype_url(zaak, request), zaak.vertrouwelijkheidaanduiding):
        return None
    return dict(SERIALIZERS[type(obj)](obj, context={"request": request}).data)


def _allow_remote_zaak(request, data: dict) -> bool:
    """A zaak of another Zaken API: judged by the same rule, on its own zaaktype and vertrouwelijkheidaanduiding."""
    return _may_read_zaak(request, str(data.get("zaaktype") or ""), str(data.get("vertrouwelijkheidaanduiding") or ""))


def _allow_remote_document(request, data: dict) -> bool:
    """A document of another Documenten API: ``documenten.lezen`` for its informatieobjecttype and level."""
    return is_allowed_for(
        getattr(request, "auth", None),
        "drc",
        DOCUMENTEN_LEZEN,
        str(data.get("informatieobjecttype") or ""),
        str(data.get("vertrouwelijkheidaanduiding") or ""),
        request,
    )


def _locate_nested(collection: str, url: str, request) -> uuid_module.UUID | None:
    found = _NESTED_PATH.match(local_path(url, request) or "")
    if not found or found.group("collection") != collection:
        return None
    return uuid_module.UUID(found.group("uuid"))


def _may_read_zaken(request) -> bool:
    client = getattr(request, "auth", None)
    return bool(client and (client.heeft_alle_autorisaties or "zaken.lezen" in client.scopes_for("zrc")))


def _never(*args) -> bool:
    return False


def _load(queryset, prefix: str, request, uuids):
    """The objects with these uuids that the client may read (zrc-006 in SQL, as a list of that resource)."""
    from .. import selectors
    from ..services import SCOPE_LEZEN

    return selectors.authorised(queryset().filter(uuid__in=uuids), request, SCOPE_LEZEN, prefix=prefix)


@cache
def kinds() -> dict[str, Kind]:
    """The Zaken kinds alone (registered as ``"zaken"`` for the APIs beside this one; their links name the Catalogi,
    Documenten and Besluiten kinds, which the graph that uses them merges in)."""
    from .. import selectors
    from ..models import Resultaat, Rol, Status, ZaakBesluit, ZaakEigenschap, ZaakInformatieObject, ZaakObject

    querysets = {
        "zaak": selectors.zaken,
        "status": partial(selectors.sub_resources, Status, render_only=True),
        "resultaat": partial(selectors.sub_resources, Resultaat, render_only=True),
        "rol": partial(selectors.sub_resources, Rol, render_only=True),
        "zaakobject": partial(selectors.sub_resources, ZaakObject, render_only=True),
        "zaakinformatieobject": partial(selectors.sub_resources, ZaakInformatieObject, render_only=True),
        "zaakeigenschap": partial(selectors.sub_resources, ZaakEigenschap),
        "zaakbesluit": partial(selectors.sub_resources, ZaakBesluit),
    }
    nested = {"zaakeigenschap": "zaakeigenschappen", "zaakbesluit": "besluiten"}
    zaken = {
        name: Kind(
            links={field: Link(target, many, key) for field, (target, many, key) in links.items()},
            collections=frozenset({("zaken", collection)}) if collection else frozenset(),
            load=partial(_load, querysets[name], "" if name == "zaak" else "zaak__"),
            render=_render,
            permitted=_may_read_zaken,
            allow_remote=_allow_remote_zaak if name == "zaak" else engine.always,
            locate=partial(_locate_nested, nested[name]) if name in nested else None,
        )
        for name, (collection, links) in _LINKS.items()
    }
    zaken[EXTERN] = Kind()  # remote JSON only: no local collection, shown as fetched
    zaken[CLOSED] = Kind(permitted=_never)
    return zaken


def _besluit_kind() -> dict[str, Kind]:
    """The Besluiten kinds when that app is installed (it registers them); else a besluit is never expanded."""
    try:
        return engine.registered_kinds("besluiten")
    except LookupError:
        return {BESLUIT: Kind(permitted=_never)}


@cache
def graph() -> dict[str, Kind]:
    """The Zaken kinds plus the Catalogi types, the Documenten document and the Besluiten besluit (built on first
    use: the app registry must be ready)."""
    from zgw.documenten.api.expand import graph as documenten_graph

    document = dataclasses.replace(documenten_graph()[DOCUMENT], allow_remote=_allow_remote_document)
    return {**catalogi_kinds(), DOCUMENT: document, **_besluit_kind(), **kinds()}


def parse(value, root: str = ROOT) -> list[tuple[str, ...]]:
    """The valid paths of an ``expand`` value (query parameter or ``_zoek`` body), at any depth (zrc-026)."""
    return engine.parse(value, graph(), root, max_depth=None)


def expand(data: list[dict] | dict, value, request, root: str = ROOT) -> None:
    """Embed the resources of every ``expand`` path into the serialized object(s) of kind ``root``."""
    paths = parse(value, root)
    if paths:
        engine.expand(data if isinstance(data, list) else [data], root, paths, graph(), request)
