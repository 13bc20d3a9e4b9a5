"""``expand`` for GET /zaken, GET /zaken/{uuid} and POST /zaken/_zoek (zaken.md §7, common.md §12).

Works on the serialized JSON: every requested path is resolved URL by URL. Local zaken resources are rendered with
our serializers, local catalogi types with the catalogi serializers, remote resources are fetched. References into
other registries (documenten, BRP/BAG) are never followed. Unknown paths → 400 ``invalid-expand-field``.
"""

from __future__ import annotations

import re
from typing import Any

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
    def __init__(self, request):
        self.request = request
        self.cache: dict[str, Any] = {}

    def _render_local(self, url: str) -> dict | None:
        from zgw.catalogi.api import serializers as cs

        from .serializers import SERIALIZERS

        match = match_local(url, self.request)
        if match is None or match.model is None or not match.uuid:
            return None
        obj = match.model._default_manager.filter(uuid=match.uuid).first()
        if obj is None:
            return None
        if match.api == "zaken":
            zaak = obj if match.collection == "zaken" else obj.zaak
            from .. import typeinfo

            if not is_allowed_for(
                self.request.auth,
                "zrc",
                ZAKEN_LEZEN,
                typeinfo.zaaktype_url(zaak, self.request),
                zaak.vertrouwelijkheidaanduiding,
                self.request,
            ):
                return None
            return dict(SERIALIZERS[type(obj)](obj, context={"request": self.request}).data)
        if match.api == "catalogi":
            if not self._may_read_catalogi():
                return None
            by_collection = {
                "zaaktypen": cs.ZaakTypeSerializer,
                "statustypen": cs.StatusTypeSerializer,
                "roltypen": cs.RolTypeSerializer,
                "resultaattypen": cs.ResultaatTypeSerializer,
                "eigenschappen": cs.EigenschapSerializer,
                "zaakobjecttypen": cs.ZaakObjectTypeSerializer,
            }
            serializer = by_collection.get(match.collection)
            return dict(serializer(obj, context={"request": self.request}).data) if serializer else None
        return None

    def _may_read_catalogi(self) -> bool:
        client = self.request.auth
        return bool(client and (client.heeft_alle_autorisaties or "catalogi.lezen" in client.scopes_for("ztc")))

    def resolve(self, url: str) -> dict:
        if url in self.cache:
            return self.cache[url]
        data: dict | None
        if match_local(url, self.request) is not None:
            data = self._render_local(url)
        else:
            try:
                fetched = fetch_json(url)
                data = fetched if isinstance(fetched, dict) else None
            except RemoteFetchError:
                data = None
        self.cache[url] = dict(data) if data else {}
        return self.cache[url]

    def apply(self, item: dict, path: list[str]) -> None:
        if not path:
            return
        field, rest = path[0], path[1:]
        embedded = item.setdefault("_expand", {})
        value = item.get(field)
        if field == "relevanteAndereZaken":
            value = [entry.get("url") for entry in value or [] if isinstance(entry, dict)]
        if isinstance(value, list):
            existing = embedded.get(field)
            if not isinstance(existing, list):
                existing = [dict(self.resolve(url)) for url in value if url]
                existing = [e for e in existing if e]
                embedded[field] = existing
            for child in existing:
                self.apply(child, rest)
        else:
            existing = embedded.get(field)
            if not isinstance(existing, dict):
                existing = dict(self.resolve(value)) if value else {}
                embedded[field] = existing
            if existing:
                self.apply(existing, rest)


def expand(data: list[dict] | dict, value: str | None, request) -> None:
    paths = parse(value)
    if not paths:
        return
    expander = Expander(request)
    items = data if isinstance(data, list) else [data]
    for item in items:
        for path in paths:
            expander.apply(item, path)
