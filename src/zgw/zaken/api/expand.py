"""``expand`` for GET /zaken, GET /zaken/{uuid} and POST /zaken/_zoek (zaken.md §7, common.md §12).

Works on the serialized JSON, level by level: the URLs of one level are resolved together, local ones with one query
per collection (rendered with our serializers, catalogi types with the catalogi serializers), remote ones fetched.
References into other registries (documenten, BRP/BAG) are never followed. Unknown paths → 400 ``invalid-expand-field``.
"""

from __future__ import annotations

import re
import uuid as uuid_module
from collections.abc import Callable, Iterable
from functools import cache, partial

from django.db.models import QuerySet
from rest_framework.exceptions import ErrorDetail, ValidationError

from zgw.common.permissions import Scope, is_allowed_for
from zgw.common.references import RemoteFetchError, fetch_json, match_local

ALLOWED: dict[str, set[str]] = {
    "zaak": {
        "zaaktype",
        "hoofdzaak",
        "deelzaken",
        "relevanteAndereZaken",
        "eigenschappen",
        "rollen",
        "status",
        "zaakobjecten",
        "resultaat",
        "zaakinformatieobjecten",
    },
    "status": {"statustype", "gezetdoor", "zaakinformatieobjecten"},
    "resultaat": {"zaak", "resultaattype"},
    "rol": {"zaak", "roltype", "statussen"},
    "zaakinformatieobject": {"status"},
    "zaakobject": {"zaakobjecttype"},
    "zaakeigenschap": {"eigenschap"},
}
KIND_OF_FIELD = {
    "hoofdzaak": "zaak",
    "deelzaken": "zaak",
    "relevanteAndereZaken": "zaak",
    "zaak": "zaak",
    "rollen": "rol",
    "status": "status",
    "statussen": "status",
    "zaakobjecten": "zaakobject",
    "resultaat": "resultaat",
    "zaakinformatieobjecten": "zaakinformatieobject",
    "eigenschappen": "zaakeigenschap",
    "gezetdoor": "rol",
}
COLLECTION_KIND = {
    "zaken": "zaak",
    "statussen": "status",
    "resultaten": "resultaat",
    "rollen": "rol",
    "zaakobjecten": "zaakobject",
    "zaakinformatieobjecten": "zaakinformatieobject",
}
MAX_DEPTH = 3  # zrc-026 (Zaken 1.5): deeper paths are truncated, not refused
MAX_LEVELS = 10  # the reference implementation's recursion-limit
MAX_PATHS = 20  # the reference implementation's max-str-length
_FORMAT = re.compile(r"^[\w']+([.,][\w']+)*$")
CATALOGI_LEZEN = Scope("catalogi.lezen")
ZAKEN_LEZEN = Scope("zaken.lezen")


def _invalid(message: str, code: str = "invalid-expand-field") -> ValidationError:
    return ValidationError({"expand": [ErrorDetail(message, code=code)]})


def parse(value: str | None) -> list[list[str]]:
    if not value:
        return []
    if not isinstance(value, str):
        raise _invalid("expand moet een string zijn.", "invalid")
    value = value.replace(" ", "")
    if not _FORMAT.match(value):
        raise _invalid("Ongeldig expand formaat.", "expand-format-error")
    paths = [p.split(".") for p in value.split(",") if p]
    if len(paths) > MAX_PATHS:
        raise _invalid(f"Maximaal {MAX_PATHS} paden.", "max-str-length")
    result: list[list[str]] = []
    for path in paths:
        if len(path) > MAX_LEVELS:
            raise _invalid(f"Maximaal {MAX_LEVELS} niveaus.", "recursion-limit")
        path = path[:MAX_DEPTH]  # zrc-026: a deeper request is answered with at most 3 levels
        kind = "zaak"
        for part in path:
            if part not in ALLOWED.get(kind, set()):
                raise _invalid(f"Het veld '{part}' kan niet ge-expand worden.")
            kind = KIND_OF_FIELD.get(part, "type")
        if path not in result:
            result.append(path)
    return result


class Expander:
    """Resolves the URLs of one response level by level: per level one query per local collection (batched)."""

    def __init__(self, request):
        self.request = request
        self.cache: dict[str, dict] = {}

    def load(self, urls: Iterable[str]) -> None:
        """Resolve every URL not seen yet: local rows grouped per collection, remote resources fetched."""
        groups: dict[tuple[str, str], dict[uuid_module.UUID, list[str]]] = {}
        for url in {u for u in urls if u and u not in self.cache}:
            match = match_local(url, self.request)
            if match is None:
                self.cache[url] = self._fetch(url)
                continue
            self.cache[url] = {}
            if match.model is None or not match.uuid or (match.api, match.collection) not in _querysets():
                continue
            try:
                key = uuid_module.UUID(match.uuid)
            except ValueError:
                continue
            groups.setdefault((match.api, match.collection), {}).setdefault(key, []).append(url)
        for (api, collection), by_uuid in groups.items():
            if api == "catalogi" and not self._may_read_catalogi():
                continue
            for obj in _querysets()[(api, collection)]().filter(uuid__in=list(by_uuid)):
                data = self._render(api, collection, obj)
                for url in by_uuid.get(obj.uuid, ()):
                    self.cache[url] = data

    def _fetch(self, url: str) -> dict:
        try:
            fetched = fetch_json(url)
        except RemoteFetchError:
            return {}
        return dict(fetched) if isinstance(fetched, dict) else {}

    def _render(self, api: str, collection: str, obj) -> dict:
        from zgw.catalogi.api import serializers as cs

        from .. import typeinfo
        from .serializers import SERIALIZERS

        if api == "zaken":
            zaak = obj if collection == "zaken" else obj.zaak
            allowed = is_allowed_for(
                self.request.auth,
                "zrc",
                ZAKEN_LEZEN,
                typeinfo.zaaktype_url(zaak, self.request),
                zaak.vertrouwelijkheidaanduiding,
                self.request,
            )
            return dict(SERIALIZERS[type(obj)](obj, context={"request": self.request}).data) if allowed else {}
        serializer = {
            "zaaktypen": cs.ZaakTypeSerializer,
            "statustypen": cs.StatusTypeSerializer,
            "roltypen": cs.RolTypeSerializer,
            "resultaattypen": cs.ResultaatTypeSerializer,
            "eigenschappen": cs.EigenschapSerializer,
            "zaakobjecttypen": cs.ZaakObjectTypeSerializer,
        }[collection]
        return dict(serializer(obj, context={"request": self.request}).data)

    def _may_read_catalogi(self) -> bool:
        client = self.request.auth
        return bool(client and (client.heeft_alle_autorisaties or "catalogi.lezen" in client.scopes_for("ztc")))

    def attach(self, item: dict, field: str) -> list[dict]:
        """Put the resolved ``field`` of ``item`` under its ``_expand``; returns the embedded objects."""
        embedded = item.setdefault("_expand", {})
        value = _value(item, field)
        existing = embedded.get(field)
        if isinstance(value, list):
            if not isinstance(existing, list):
                existing = [dict(self.cache.get(url) or {}) for url in value if url]
                existing = [e for e in existing if e]
                embedded[field] = existing
            return existing
        if not isinstance(existing, dict):
            existing = dict(self.cache.get(value) or {}) if value else {}
            embedded[field] = existing
        return [existing] if existing else []


def _value(item: dict, field: str):
    value = item.get(field)
    if field == "relevanteAndereZaken":
        return [entry.get("url") for entry in value or [] if isinstance(entry, dict)]
    return value


def _urls(item: dict, field: str) -> list[str]:
    value = _value(item, field)
    if isinstance(value, list):
        return [url for url in value if isinstance(url, str)]
    return [value] if isinstance(value, str) else []


@cache
def _querysets() -> dict[tuple[str, str], Callable[[], QuerySet]]:
    """How to load each expandable local collection (built on first use: the app registry must be ready)."""
    from zgw.catalogi import selectors as catalogi

    from .. import selectors
    from ..models import Resultaat, Rol, Status, ZaakInformatieObject, ZaakObject

    return {
        ("zaken", "zaken"): selectors.zaken,
        **{
            ("zaken", collection): partial(selectors.sub_resources, model, render_only=True)
            for collection, model in (
                ("statussen", Status),
                ("resultaten", Resultaat),
                ("rollen", Rol),
                ("zaakobjecten", ZaakObject),
                ("zaakinformatieobjecten", ZaakInformatieObject),
            )
        },
        ("catalogi", "zaaktypen"): catalogi.zaaktype_queryset,
        ("catalogi", "statustypen"): catalogi.statustype_queryset,
        ("catalogi", "roltypen"): catalogi.roltype_queryset,
        ("catalogi", "resultaattypen"): catalogi.resultaattype_queryset,
        ("catalogi", "eigenschappen"): catalogi.eigenschap_queryset,
        ("catalogi", "zaakobjecttypen"): catalogi.zaakobjecttype_queryset,
    }


def expand(data: list[dict] | dict, value: str | None, request) -> None:
    """Embed the resources of every ``expand`` path: breadth first, so each level costs one query per collection."""
    paths = parse(value)
    if not paths:
        return
    expander = Expander(request)
    items = data if isinstance(data, list) else [data]
    frontier = [(item, path) for item in items for path in paths]
    while frontier:
        expander.load(url for item, path in frontier for url in _urls(item, path[0]))
        deeper = []
        for item, path in frontier:
            for child in expander.attach(item, path[0]):
                if len(path) > 1:
                    deeper.append((child, path[1:]))
        frontier = deeper
