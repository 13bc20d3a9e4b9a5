"""Ordered id lists of paginated lists, kept in the worker's memory: ``count`` and deep pages without a scan.

A page of a list needs two answers from the database that grow with the data: the number of matching rows
(``COUNT(*)``) and, for page N, the ids after skipping ``(N-1) * size`` rows (``OFFSET``). At 100,000 zaken each is a
scan of tens of thousands of index entries, on every request. This module answers both from the ordered primary keys
of the filtered queryset, fetched once and kept per worker process, keyed by the query's SQL and parameters (which
carry the client's autorisaties and filters).

Freshness: every write to a tracked app (``track``) increments that app's version number in the shared cache (Redis
in production), when it is made and again after its commit. A cached list is used only while the versions it was
built under are current, so a list never misses a committed write once the writer has its response. Versions are
read before the ids are fetched, and a list built between the two increments is retired by the second one. As a
safety net for writes that bypass the ORM (SQL by hand), entries also expire after ``ZGW_LIST_CACHE_TTL`` seconds.

Memory: ids are kept as 8-byte integers, at most ``ZGW_LIST_CACHE_MAX_IDS`` (4 million, 32 MB) per worker over at
most 256 lists, the least recently used dropped first; a list longer than a quarter of that is not kept.

Enabled by ``ZGW_LIST_CACHE`` (default: on when ``CACHE_URL`` points at a shared cache). With a per-process cache
and several workers it must stay off: one worker would not see another's increments.

Without it (:class:`SeekIds`, ``ZGW_LIST_SEEK``): nothing is kept in the worker. The shared cache holds, per list
(query SQL and parameters, database name) and under the same version numbers, the exact ``count`` and the first id
of each page served so far (a few bytes each), so every worker and every instance shares them. A page whose first
id is known is read with a seek (``id <= first ORDER BY id DESC LIMIT size + 1``) instead of an ``OFFSET``; the one
extra row is the next page's first id. Unknown pages (and orderings other than the primary key) use ``OFFSET`` once.
"""

from __future__ import annotations

import hashlib
import random
import threading
import time
from array import array
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save

from . import safecache
from .aftercommit import after_commit

MAX_ENTRIES = 256

_entries: OrderedDict[tuple, tuple[tuple, float, array]] = OrderedDict()
_lock = threading.Lock()
_tracked: dict[type, str] = {}


def enabled() -> bool:
    return settings.ZGW_LIST_CACHE


def _version_key(tag: str) -> str:
    return f"zgw:listversion:{tag}"


def versions(tags: Iterable[str]) -> tuple | None:
    """The current version of each tag; a missing one (never written, or evicted) starts at a random number.

    ``None`` while the shared cache is unavailable: then no kept list can be trusted.
    """
    keys = [_version_key(tag) for tag in tags]
    found = safecache.get_many(keys)
    result = []
    for key in keys:
        value = found.get(key)
        if value is None:
            safecache.add(key, random.getrandbits(62), timeout=None)
            value = safecache.get(key)
        if value is None:
            return None
        result.append(value)
    return tuple(result)


def bump(tag: str) -> None:
    """Retire every cached list that depends on ``tag`` (in all workers)."""
    key = _version_key(tag)
    try:
        done = safecache.incr(key) is not None
    except ValueError:  # no version yet: any fresh random number retires nothing that exists
        done = safecache.add(key, random.getrandbits(62), timeout=None) or safecache.available()
    if not done:  # cache down: retire the lists of every worker as soon as it answers again
        safecache.retry_when_available(f"listcache:{tag}", lambda: bump(tag))


def bump_on_commit(tag: str, using: str = DEFAULT_DB_ALIAS) -> None:
    """Record a write to ``tag``: bump now and again after the commit.

    The second bump retires a list that a concurrent reader built from the pre-commit data under the first bump's
    version; the first one makes the write visible to reads inside the same transaction (and in test cases, which
    never commit). Until the commit the transaction's own lists are not kept (see :func:`_wrote_in_transaction`).
    """
    conn = connections[using]
    if conn.in_atomic_block:
        conn.zgw_listcache_dirty = True
    bump(tag)

    def committed() -> None:
        conn.zgw_listcache_dirty = False  # the rows are everyone's now
        bump(tag)

    after_commit(committed, name="listcache.bump", using=using)


class IdList:
    """A list of primary keys that Django's paginator can page through like a queryset."""

    def __init__(self, ids: Sequence[int]):
        self.ids = ids

    def count(self) -> int:
        return len(self.ids)

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, item):
        return self.ids[item]

    def __iter__(self):
        return iter(self.ids)


def ids(qs: QuerySet, tags: tuple[str, ...]) -> IdList | QuerySet:
    """The primary keys of ``qs`` in its order: from memory when current, else fetched (and kept).

    ``tags`` name the apps whose writes can change the result. Disabled, this is ``qs.values_list("pk")``.
    """
    pks = qs.values_list("pk", flat=True)
    if not enabled():
        return SeekIds(qs, tags) if settings.ZGW_LIST_SEEK else pks
    if _wrote_in_transaction(connections[qs.db]):
        return pks
    try:
        sql, params = pks.query.sql_with_params()
    except EmptyResultSet:  # a condition that matches nothing (e.g. ``pk__in=[]``): no query at all
        return IdList([])
    key = (qs.db, sql, _hashable(params))
    current = versions(tags)
    if current is None:  # cache unavailable: the database answers, and lists kept so far may miss writes
        clear()
        return pks
    now = time.monotonic()
    with _lock:
        entry = _entries.get(key)
        if entry is not None and entry[0] == current and entry[1] > now:
            _entries.move_to_end(key)
            return IdList(entry[2])
    fetched = array("q", pks)  # 8 bytes per id
    budget = settings.ZGW_LIST_CACHE_MAX_IDS
    if len(fetched) <= budget // 4:
        with _lock:
            _entries[key] = (current, now + settings.ZGW_LIST_CACHE_TTL, fetched)
            _entries.move_to_end(key)
            kept = sum(len(entry[2]) for entry in _entries.values())
            while len(_entries) > MAX_ENTRIES or kept > budget:
                kept -= len(_entries.popitem(last=False)[1][2])
    return IdList(fetched)


MAX_PAGE_STARTS = 2000  # per list and data version (a few bytes each)
SEEK_ORDERS = {("-pk",): "lte", ("-id",): "lte", ("pk",): "gte", ("id",): "gte"}


class SeekIds:
    """The ids of ``qs`` for Django's paginator: ``count`` and page boundaries remembered in the shared cache.

    Each answer is stored with the versions of ``tags`` read *before* the query that produced it, so a write that
    commits later (it bumps them) retires it in every process; a transaction that wrote reads and stores nothing.
    """

    def __init__(self, qs: QuerySet, tags: tuple[str, ...]):
        self.pks = qs.values_list("pk", flat=True)
        query = qs.query
        order = tuple(query.order_by) or (tuple(qs.model._meta.ordering) if query.default_ordering else ())
        self.lookup = SEEK_ORDERS.get(order) if not query.distinct else None
        self.tags = tags
        self.conn = connections[qs.db]
        try:
            sql, params = self.pks.query.sql_with_params()
        except EmptyResultSet:  # a condition that matches nothing: no query at all
            self.key = None
        else:
            text = f"{self.conn.settings_dict['NAME']}|{sql}|{_hashable(params)!r}"
            self.key = "zgw:listseek:" + hashlib.sha1(text.encode()).hexdigest()
        self._entry: dict | None | bool = False  # False: not read yet; None: nothing may be read or stored

    def _load(self) -> dict | None:
        """This list's entry (``count``, ``at``: page offset → first id) valid under the current versions.

        One round trip to the cache for the versions and the entry together.
        """
        if self._entry is not False:
            return self._entry
        if _wrote_in_transaction(self.conn):
            self._entry = None
            return None
        version_keys = [_version_key(tag) for tag in self.tags]
        found = safecache.get_many([*version_keys, self.key])
        current = tuple(found.get(key) for key in version_keys)
        if None in current:  # a version never written (or evicted), or the cache is down
            current = versions(self.tags)
        stored = found.get(self.key)
        if current is None:
            self._entry = None
        elif isinstance(stored, dict) and stored.get("versions") == current:
            self._entry = stored
        else:
            self._entry = {"versions": current, "count": None, "at": {}}
        return self._entry

    def _get(self, name: str | int) -> Any:
        entry = self._load()
        if entry is None:
            return None
        return entry["count"] if name == "count" else entry["at"].get(name)

    def _put(self, name: str | int, value: Any) -> None:
        """Remember ``value`` (when new); concurrent writers of one entry may lose a page start, never mix versions."""
        entry = self._load()
        if entry is None or self._get(name) == value:
            return
        if name == "count":
            entry["count"] = value
        elif len(entry["at"]) < MAX_PAGE_STARTS:
            entry["at"][name] = value
        safecache.set(self.key, entry, timeout=settings.ZGW_LIST_CACHE_TTL)

    def count(self) -> int:
        if self.key is None:
            return 0
        found = self._get("count")
        if found is None:
            found = self.pks.count()
            self._put("count", found)
        return found

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, item: slice) -> list[int]:
        start, stop = item.start or 0, item.stop
        if self.key is None or stop is None or stop <= start:
            return [] if self.key is None else list(self.pks[item])
        if self.lookup is None:  # not ordered by the primary key alone: OFFSET
            return list(self.pks[start:stop])
        size = stop - start
        first = self._get(start) if start else None
        if start and first is None:
            found = list(self.pks[start : stop + 1])  # once per page and data version
            if found:
                self._put(start, found[0])
        else:
            narrowed = self.pks.filter(**{f"pk__{self.lookup}": first}) if start else self.pks
            found = list(narrowed[: size + 1])
        if len(found) > size:  # the next page's first id, for free
            self._put(stop, found[size])
        return found[:size]


def clear() -> None:
    """Forget every kept list of this process (tests)."""
    with _lock:
        _entries.clear()


def _hashable(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return tuple(_hashable(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _hashable(v)) for k, v in value.items()))
    return value


def _wrote_in_transaction(conn) -> bool:
    """Has this connection's open transaction written to a tracked app? Then its lists are its own: not kept.

    (A rollback increments nothing, so a list built from uncommitted rows must never be stored.)
    """
    if not conn.in_atomic_block:
        conn.zgw_listcache_dirty = False
        return False
    return getattr(conn, "zgw_listcache_dirty", False)


def _on_write(sender, using: str = DEFAULT_DB_ALIAS, **kwargs) -> None:
    tag = _tracked.get(sender)
    if tag is not None:
        bump_on_commit(tag, using)


def track(app_label: str, tag: str | None = None) -> None:
    """Bump ``tag`` (default: the app label) after every committed ORM write to a model of ``app_label``.

    Signals see every save and delete of the ORM, cascades included; ``QuerySet.update``/``bulk_create`` bypass them,
    so code that uses those on a tracked app calls :func:`bump_on_commit` itself.
    """
    for model in apps.get_app_config(app_label).get_models():
        _tracked[model] = tag or app_label
        # per sender: a receiver for every model would stop Django's fast (signal-free) deletes project-wide
        post_save.connect(_on_write, sender=model, dispatch_uid=f"zgw-listcache-save-{model._meta.label}")
        post_delete.connect(_on_write, sender=model, dispatch_uid=f"zgw-listcache-delete-{model._meta.label}")
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            _tracked[through] = tag or app_label
            m2m_changed.connect(_on_write, sender=through, dispatch_uid=f"zgw-listcache-m2m-{through._meta.label}")
