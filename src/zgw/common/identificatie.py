"""Generated identificaties (``ZAAK-…``, ``DOCUMENT-…``, ``BESLUIT-…``) from one counter table, race-free.

Each number comes from a single upsert on ``IdentificatieCounter``::

    INSERT … VALUES (kind, organisatie, year, 1)
    ON CONFLICT (kind, organisatie, year) DO UPDATE SET last = <table>.last + 1 RETURNING last

One statement both creates a missing row and increments an existing one, so there is no get-or-create race and no
separate ``SELECT … FOR UPDATE``. Works on PostgreSQL and on SQLite >= 3.35 (``RETURNING``).

Where the upsert runs decides how concurrent creates behave:

* In the request's own transaction, the upsert locks the counter row until that transaction commits: every create
  of one organisation waits for the previous one's whole request (measured: at 8 concurrent zaak creates, ~4 backends
  at any moment wait on that lock). A rolled back create gives its number back.
* With ``ZGW_IDENTIFICATIE_OWN_TRANSACTION`` (opt-in, PostgreSQL only), the upsert runs in autocommit on a second
  connection of the same thread: the lock lasts one statement, so creates run side by side. A create that rolls back
  leaves a gap in the numbering (the standard only asks for unique identificaties; docs/decisions.md).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable

from django.conf import settings
from django.db import InterfaceError, NotSupportedError, OperationalError, connections, router, transaction

from .models import IdentificatieCounter


def _increment_sql(connection) -> str:
    if connection.vendor not in ("postgresql", "sqlite") or not connection.features.can_return_columns_from_insert:
        # a clear message instead of a syntax error (SQLite < 3.35 has no RETURNING, MySQL no ON CONFLICT)
        raise NotSupportedError("Generated identificaties need PostgreSQL or SQLite >= 3.35 (ON CONFLICT … RETURNING).")
    quote = connection.ops.quote_name
    table = quote(IdentificatieCounter._meta.db_table)
    kind, organisatie, year, last = (
        quote(IdentificatieCounter._meta.get_field(name).column) for name in ("kind", "organisatie", "year", "last")
    )
    return (
        f"INSERT INTO {table} ({kind}, {organisatie}, {year}, {last}) VALUES (%s, %s, %s, 1) "
        f"ON CONFLICT ({kind}, {organisatie}, {year}) DO UPDATE SET {last} = {table}.{last} + 1 "
        f"RETURNING {last}"
    )


class _OwnConnections(threading.local):
    """Per thread (and per process: a forked child must not share its parent's socket) one extra autocommit
    connection per database alias, for the counter upserts."""

    def __init__(self) -> None:
        self.pid = os.getpid()
        self.by_alias: dict = {}


_own = _OwnConnections()


def _use_own_connection(connection) -> bool:
    """Only where it helps and is safe: PostgreSQL (row locks across connections; SQLite has one writer anyway),
    inside a transaction (outside one the statement commits at once by itself)."""
    return (
        connection.vendor == "postgresql"
        and connection.in_atomic_block
        and getattr(settings, "ZGW_IDENTIFICATIE_OWN_TRANSACTION", False)
    )


def _own_connection(alias: str):
    if _own.pid != os.getpid():
        _own.pid, _own.by_alias = os.getpid(), {}  # inherited across fork: never touch the parent's socket
    own = _own.by_alias.get(alias)
    if own is None:
        main = connections[alias]
        own = type(main)(dict(main.settings_dict), alias)
        _own.by_alias[alias] = own
    return own


def close_own_connections() -> None:
    """Close this thread's counter connections (tests, shutdown)."""
    for own in _own.by_alias.values():
        own.close()
    _own.by_alias = {}


def _execute_returning(connection, sql: str, params: list) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return int(cursor.fetchone()[0])


def _upsert(sql_for: Callable, params: list) -> int:
    """Run a counter upsert and return its ``last``: in this transaction, or committed at once on the thread's own
    connection (see the module docstring). A dropped own connection (server restart, pgbouncer, idle timeout) is
    reopened once; a second failure propagates like any database error (503)."""
    using = router.db_for_write(IdentificatieCounter)
    connection = connections[using]
    if not _use_own_connection(connection):
        return _execute_returning(connection, sql_for(connection), params)
    own = _own_connection(using)
    try:
        return _execute_returning(own, sql_for(own), params)
    except (OperationalError, InterfaceError):
        own.close()
        return _execute_returning(own, sql_for(own), params)


def _next_number(kind: str, organisatie: str, year: int) -> int:
    """Increment the counter of (kind, organisatie, year) and return the new value."""
    return _upsert(_increment_sql, [kind, organisatie, year])


def next_identificatie(
    kind: str,
    organisatie: str,
    year: int,
    format: Callable[[int], str],
    is_taken: Callable[[str], bool],
) -> str:
    """The next free identificatie ``format(n)`` for (kind, organisatie, year).

    Numbers whose identificatie a client already chose (``is_taken``) are skipped. Call it inside the transaction
    that stores the object; without the own connection (module docstring) as late as possible, since the counter
    row then stays locked until that transaction ends. Outside a transaction it opens its own
    (``atomic(savepoint=False)`` adds no queries when nested).
    """
    with transaction.atomic(using=router.db_for_write(IdentificatieCounter), savepoint=False):
        while True:
            candidate = format(_next_number(kind, organisatie, year))
            if not is_taken(candidate):
                return candidate


def _block_sql(connection) -> str:
    _increment_sql(connection)  # the same support check
    quote = connection.ops.quote_name
    table = quote(IdentificatieCounter._meta.db_table)
    kind, organisatie, year, last = (
        quote(IdentificatieCounter._meta.get_field(name).column) for name in ("kind", "organisatie", "year", "last")
    )
    return (
        f"INSERT INTO {table} ({kind}, {organisatie}, {year}, {last}) VALUES (%s, %s, %s, %s) "
        f"ON CONFLICT ({kind}, {organisatie}, {year}) DO UPDATE SET {last} = {table}.{last} + %s "
        f"RETURNING {last}"
    )


def next_numbers(kind: str, organisatie: str, year: int, count: int) -> range:
    """Take ``count`` consecutive numbers of (kind, organisatie, year) from the counter in one upsert.

    The same counter as :func:`next_identificatie` (numbers handed out one way are never handed out the other way);
    call it inside the transaction that stores what the numbers are for.
    """
    with transaction.atomic(using=router.db_for_write(IdentificatieCounter), savepoint=False):
        last = _upsert(_block_sql, [kind, organisatie, year, count, count])
    return range(last - count + 1, last + 1)
