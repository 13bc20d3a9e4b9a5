"""``expand`` for GET /zaken, GET /zaken/{uuid} and POST /zaken/_zoek (zaken.md §7, common.md §12).

The Zaken resources and the Catalogi types form one declarative graph for the shared resolver
(``zgw.common.expand``): the fields of each Zaken resource follow the pinned OAS ``*Embedded`` schemas, the Catalogi
types bring every URL field of theirs (``zaaktype.statustypen``, ``resultaat.resultaattype.besluittypen``, …). The
JSON is resolved level by level (one query per kind and level), at most 3 levels deep (zrc-026: deeper paths are
truncated). References into other registries (Documenten, BRP/BAG) are never followed (zrc-025). Unknown fields →
400 ``invalid-expand-field`` (DECISIONS.md).

Expanded zaken, and the sub-resources of a zaak, are shown only when the client may read that zaak (zrc-006: its
zaaktype and vertrouwelijkheidaanduiding, as a direct read); Catalogi types when it may read the Catalogi API.
"""

from __future__ import annotations

import re
import uuid as uuid_module
from functools import cache, partial

from zgw.catalogi.api.expand import kinds as catalogi_kinds
from zgw.common import expand as engine
from zgw.common.expand import Kind, Link
from zgw.common.permissions import Scope, is_allowed_for
from zgw.common.references import UUID_RE, local_path

MAX_DEPTH = 3  # zrc-026 (Zaken 1.5): deeper paths are truncated, not refused
ZAKEN_LEZEN = Scope("zaken.lezen")
ROOT = "zaak"
_ZAAKEIGENSCHAP_PATH = re.compile(rf"^/zaken/api/v1/zaken/{UUID_RE}/zaakeigenschappen/(?P<uuid>{UUID_RE})/?$")

# kind → (collection, JSON field → (target kind, many, url key)); the fields of the OAS ``<Resource>Embedded``
_LINKS: dict[str, tuple[str, dict[str, tuple[str, bool, str | None]]]] = {
    "zaak": (
        "zaken",
        {
            "zaaktype": ("zaaktype", False, None),
            "hoofdzaak": ("zaak", False, None),
            "deelzaken": ("zaak", True, None),
            "relevanteAndereZaken": ("zaak", True, "url"),
            "eigenschappen": ("zaakeigenschap", True, None),
            "rollen": ("rol", True, None),
            "status": ("status", False, None),
            "zaakobjecten": ("zaakobject", True, None),
            "resultaat": ("resultaat", False, None),
            "zaakinformatieobjecten": ("zaakinformatieobject", True, None),
        },
    ),
    "status": (
        "statussen",
        {
            "statustype": ("statustype", False, None),
            "gezetdoor": ("rol", False, None),
            "zaakinformatieobjecten": ("zaakinformatieobject", True, None),
        },
    ),
    "resultaat": ("resultaten", {"zaak": ("zaak", False, None), "resultaattype": ("resultaattype", False, None)}),
    "rol": (
        "rollen",
        {"zaak": ("zaak", False, None), "roltype": ("roltype", False, None), "statussen": ("status", True, None)},
    ),
    "zaakinformatieobject": ("zaakinformatieobjecten", {"status": ("status", False, None)}),
    "zaakobject": ("zaakobjecten", {"zaakobjecttype": ("zaakobjecttype", False, None)}),
    "zaakeigenschap": ("", {"eigenschap": ("eigenschap", False, None)}),
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


def _locate_zaakeigenschap(url: str, request) -> uuid_module.UUID | None:
    found = _ZAAKEIGENSCHAP_PATH.match(local_path(url, request) or "")
    return uuid_module.UUID(found.group("uuid")) if found else None


def _may_read_zaken(request) -> bool:
    client = getattr(request, "auth", None)
    return bool(client and (client.heeft_alle_autorisaties or "zaken.lezen" in client.scopes_for("zrc")))


def _load(queryset, request, uuids):
    return queryset().filter(uuid__in=uuids)


@cache
def graph() -> dict[str, Kind]:
    """The Zaken resources plus the Catalogi types (built on first use: the app registry must be ready)."""
    from .. import selectors
    from ..models import Resultaat, Rol, Status, ZaakEigenschap, ZaakInformatieObject, ZaakObject

    querysets = {
        "zaak": selectors.zaken,
        "status": partial(selectors.sub_resources, Status, render_only=True),
        "resultaat": partial(selectors.sub_resources, Resultaat, render_only=True),
        "rol": partial(selectors.sub_resources, Rol, render_only=True),
        "zaakobject": partial(selectors.sub_resources, ZaakObject, render_only=True),
        "zaakinformatieobject": partial(selectors.sub_resources, ZaakInformatieObject, render_only=True),
        "zaakeigenschap": partial(selectors.sub_resources, ZaakEigenschap),
    }
    zaken = {
        name: Kind(
            links={field: Link(target, many, key) for field, (target, many, key) in links.items()},
            collections=frozenset({("zaken", collection)}) if collection else frozenset(),
            load=partial(_load, querysets[name]),
            render=_render,
            permitted=_may_read_zaken,
            allow_remote=_allow_remote_zaak if name == "zaak" else engine.always,
            locate=_locate_zaakeigenschap if name == "zaakeigenschap" else None,
        )
        for name, (collection, links) in _LINKS.items()
    }
    return {**catalogi_kinds(), **zaken}


def parse(value) -> list[tuple[str, ...]]:
    """The valid paths of an ``expand`` value (query parameter or ``_zoek`` body), truncated to 3 levels."""
    return engine.parse(value, graph(), ROOT, max_depth=MAX_DEPTH)


def expand(data: list[dict] | dict, value, request) -> None:
    """Embed the resources of every ``expand`` path into the serialized zaak or zaken."""
    paths = parse(value)
    if paths:
        engine.expand(data if isinstance(data, list) else [data], ROOT, paths, graph(), request)
