"""A declarative ``expand`` resolver shared by the APIs (common.md §12).

Each API describes its resources as a *graph* of :class:`Kind` objects: which JSON fields of a kind hold URLs that
may be expanded (:class:`Link`), how to load local objects of that kind in one query, how to render them and who may
see them. :func:`expand` then works on the serialized JSON, breadth first: the URLs of one level are resolved
together (one load per kind, remote ones fetched with the shared cache), so the number of queries grows with the
number of levels, not with the number of objects.

Whether a client may see an expanded object is decided by the kind (``permitted`` for the scope, ``render`` returning
``None`` per object, ``allow_remote`` for fetched JSON): the same judgement as a direct read of that object's API.
"""

from __future__ import annotations

import re
import threading
import uuid as uuid_module
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from rest_framework.exceptions import ErrorDetail, ValidationError

from .references import RemoteFetchError, fetch_json, match_local

MAX_LEVELS = 10  # the reference implementation's recursion-limit
MAX_PATHS = 20  # the reference implementation's max-str-length
_FORMAT = re.compile(r"^[\w']+([.,][\w']+)*$")


def always(*args: Any) -> bool:
    return True


@dataclass(frozen=True)
class Link:
    """An expandable field: the kind it points at, whether it holds a list, and for a list of objects the key of
    the URL inside each object (``relevanteAndereZaken[].url``, ``gerelateerdeZaaktypen[].zaaktype``)."""

    kind: str
    many: bool = False
    url_key: str | None = None


@dataclass(frozen=True)
class Kind:
    """One resource type of the graph.

    ``collections``: the local ``(api, collection)`` pairs whose URLs name objects of this kind.
    ``load(request, uuids)``: the local objects with those uuids, in one query.
    ``render(request, obj)``: the JSON of one object as its own API answers it, or ``None`` when the client may not
    read it. ``permitted(request)``: whether the client may read this kind at all (checked before any query or fetch).
    ``allow_remote(request, data)``: whether a fetched remote object may be shown. ``locate(url, request)``: the uuid
    for URLs that are not ``/<api>/api/v1/<collection>/<uuid>`` (nested resources), else ``None``.
    ``memo(request)``: for kinds whose rendering does not depend on the client (the Catalogi types), a key under which
    rendered objects may be kept in this process (it must change with every write that could change them), or
    ``None`` to load as usual; see :class:`Memo`.
    """

    links: Mapping[str, Link] = field(default_factory=dict)
    collections: frozenset[tuple[str, str]] = frozenset()
    load: Callable[[Any, list[uuid_module.UUID]], Iterable[Any]] | None = None
    render: Callable[[Any, Any], dict | None] | None = None
    permitted: Callable[[Any], bool] = always
    allow_remote: Callable[[Any, dict], bool] = always
    locate: Callable[[str, Any], uuid_module.UUID | None] | None = None
    memo: Callable[[Any], Hashable | None] | None = None


class Memo:
    """Rendered objects kept per process: (kind, memo key, uuid) → JSON, the least recently used dropped first.

    A zaak's zaaktype costs a query per relation to load (statustypen, roltypen, …, the relations by name) and is the
    same for every zaak of that type; a kind with ``memo`` renders it once per key (the key carries the version of
    the data it came from, so a write elsewhere makes the old entries unreachable and they age out).
    """

    def __init__(self, size: int = 2048):
        self.size = size
        self._entries: OrderedDict[tuple, dict] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple) -> dict | None:
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
            return found

    def put(self, key: tuple, data: dict) -> None:
        with self._lock:
            self._entries[key] = data
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


MEMO = Memo()


Graph = Mapping[str, Kind]
Path = tuple[str, ...]

_KIND_FACTORIES: dict[str, Callable[[], Mapping[str, Kind]]] = {}


def register_kinds(api: str, factory: Callable[[], Mapping[str, Kind]]) -> None:
    """Offer the kinds of ``api`` to the graphs of other APIs (called from the app's ``AppConfig.ready``).

    Expand crosses APIs both ways (a besluit expands its zaak, a zaak its besluiten) while imports point one way, so
    an API that sits beside another asks for its kinds by name instead of importing them.
    """
    _KIND_FACTORIES[api] = factory


def registered_kinds(*apis: str) -> dict[str, Kind]:
    """The kinds of the named APIs, merged (kind names are unique across APIs)."""
    merged: dict[str, Kind] = {}
    for api in apis:
        factory = _KIND_FACTORIES.get(api)
        if factory is None:
            raise LookupError(f"no expand kinds registered for {api!r}")
        merged.update(factory())
    return merged


def max_objects() -> int:
    """The most objects one response may expand (``ZGW_EXPAND_MAX_OBJECTS``); beyond it the answer is a 400."""
    from django.conf import settings

    return int(getattr(settings, "ZGW_EXPAND_MAX_OBJECTS", 1000))


def invalid(message: str, code: str = "invalid-expand-field") -> ValidationError:
    return ValidationError({"expand": [ErrorDetail(message, code=code)]})


def parse(value: Any, graph: Graph, root: str, *, max_depth: int | None) -> list[Path]:
    """The requested paths, each checked step by step against ``graph`` from ``root``.

    An unknown field anywhere on a path is a 400 ``invalid-expand-field`` (zrc-027 / drc-013: the attribute must
    belong to the resource); a valid path deeper than ``max_depth`` is answered truncated (zrc-026 / drc-012).
    """
    if value is None or value == "":
        return []
    if not isinstance(value, str):
        raise invalid("expand moet een string zijn.", "invalid")
    value = value.replace(" ", "")
    if not value:
        return []
    if not _FORMAT.match(value):
        raise invalid("Ongeldig expand formaat.", "expand-format-error")
    raw_paths = [p.split(".") for p in value.split(",") if p]
    if len(raw_paths) > MAX_PATHS:
        raise invalid(f"Maximaal {MAX_PATHS} paden.", "max-str-length")
    result: list[Path] = []
    for parts in raw_paths:
        if len(parts) > MAX_LEVELS:
            raise invalid(f"Maximaal {MAX_LEVELS} niveaus.", "recursion-limit")
        kind = root
        for part in parts:
            link = graph[kind].links.get(part)
            if link is None:
                raise invalid(f"Het veld '{part}' kan niet ge-expand worden.")
            kind = link.kind
        path = tuple(parts[:max_depth] if max_depth else parts)
        if path not in result:
            result.append(path)
    return result


def with_parents(paths: Iterable[Path]) -> frozenset[str]:
    """The dotted paths plus every prefix (``a.b`` also means ``a``)."""
    return frozenset(".".join(path[:depth]) for path in paths for depth in range(1, len(path) + 1))


class Resolver:
    """Resolves URLs per kind and keeps them for the whole response (a URL is loaded or fetched once)."""

    def __init__(self, graph: Graph, request, limit: int | None = None):
        self.graph = graph
        self.request = request
        self.cache: dict[tuple[str, str], dict] = {}
        self.limit = max_objects() if limit is None else limit

    def resolve(self, wanted: Mapping[str, Iterable[str]]) -> None:
        """Resolve every URL of ``wanted`` (kind → URLs) not seen yet: one load per kind, remote ones fetched."""
        todo_per_kind = {
            kind_name: {url for url in urls if isinstance(url, str) and url and (kind_name, url) not in self.cache}
            for kind_name, urls in wanted.items()
        }
        if len(self.cache) + sum(map(len, todo_per_kind.values())) > self.limit:
            raise invalid(
                f"De expand vraagt meer dan {self.limit} objecten op; vraag minder paden of kleinere pagina's op.",
                "expand-limit",
            )
        for kind_name, todo in todo_per_kind.items():
            kind = self.graph[kind_name]
            if not todo:
                continue
            for url in todo:
                self.cache[(kind_name, url)] = {}
            if not kind.permitted(self.request):
                continue
            local: dict[uuid_module.UUID, list[str]] = {}
            for url in todo:
                found = self._locate(kind, url)
                if found is False:
                    self.cache[(kind_name, url)] = self._fetch(kind, url)
                elif found is not None:
                    local.setdefault(found, []).append(url)
            memo_key = kind.memo(self.request) if local and kind.memo is not None else None
            if memo_key is not None:
                for found in list(local):
                    if (data := MEMO.get((kind_name, memo_key, found))) is not None:
                        for url in local.pop(found):
                            self.cache[(kind_name, url)] = dict(data)
            if local and kind.load is not None and kind.render is not None:
                for obj in kind.load(self.request, list(local)):
                    data = kind.render(self.request, obj)
                    if memo_key is not None and data:
                        MEMO.put((kind_name, memo_key, obj.uuid), dict(data))
                    for url in local.get(obj.uuid, ()):
                        self.cache[(kind_name, url)] = dict(data) if data else {}

    def _locate(self, kind: Kind, url: str) -> uuid_module.UUID | None | bool:
        """The uuid of a local object of ``kind``; ``None`` for a local URL that names none; ``False`` if remote."""
        match = match_local(url, self.request)
        if match is None:
            return False
        raw = match.uuid if (match.api, match.collection) in kind.collections else ""
        if not raw and kind.locate is not None:
            return kind.locate(url, self.request)
        try:
            return uuid_module.UUID(raw) if raw else None
        except ValueError:
            return None

    def _fetch(self, kind: Kind, url: str) -> dict:
        try:
            fetched = fetch_json(url)
        except RemoteFetchError:
            return {}
        if not isinstance(fetched, dict) or not kind.allow_remote(self.request, fetched):
            return {}
        return dict(fetched)

    def get(self, kind: str, url: Any) -> dict:
        return dict(self.cache.get((kind, url)) or {}) if isinstance(url, str) and url else {}


def _link_urls(item: dict, name: str, link: Link) -> list:
    value = item.get(name)
    if link.many:
        if not isinstance(value, list):
            return []
        if link.url_key:
            return [entry.get(link.url_key) for entry in value if isinstance(entry, dict)]
        return list(value)
    return [value]


def attach(resolver: Resolver, item: dict, name: str, link: Link) -> list[dict]:
    """Put the resolved ``name`` of ``item`` under its ``_expand`` (an object, ``{}``, or an array without the
    objects that could not be shown); returns the embedded objects, for the next level."""
    embedded = item.setdefault("_expand", {})
    existing = embedded.get(name)
    if link.many:
        if not isinstance(existing, list):
            existing = [resolved for url in _link_urls(item, name, link) if (resolved := resolver.get(link.kind, url))]
            embedded[name] = existing
        return existing
    if not isinstance(existing, dict):
        existing = resolver.get(link.kind, item.get(name))
        embedded[name] = existing
    return [existing] if existing else []


def expand(items: list[dict], root: str, paths: Iterable[Path], graph: Graph, request) -> None:
    """Embed every path into ``items`` (JSON objects of kind ``root``), level by level."""
    paths = list(paths)
    if not paths or not items:
        return
    resolver = Resolver(graph, request)
    frontier: list[tuple[dict, str, Path]] = [(item, root, path) for item in items for path in paths]
    while frontier:
        wanted: dict[str, list] = {}
        for item, kind, path in frontier:
            link = graph[kind].links[path[0]]
            wanted.setdefault(link.kind, []).extend(_link_urls(item, path[0], link))
        resolver.resolve(wanted)
        deeper: list[tuple[dict, str, Path]] = []
        for item, kind, path in frontier:
            link = graph[kind].links[path[0]]
            children = attach(resolver, item, path[0], link)
            if len(path) > 1:
                deeper.extend((child, link.kind, path[1:]) for child in children)
        frontier = deeper
