"""Generated identificaties (``ZAAK-…``, ``DOCUMENT-…``, ``BESLUIT-…``) from one counter table, race-free.

Each number comes from a single upsert on ``IdentificatieCounter``::

    INSERT … VALUES (kind, organisatie, year, 1)
    ON CONFLICT (kind, organisatie, year) DO UPDATE SET last = <table>.last + 1 RETURNING last

One statement both creates a missing row and increments an existing one, so there is no get-or-create race and no
separate ``SELECT … FOR UPDATE``. The upsert locks the counter row until the surrounding transaction ends: concurrent
creates for the same (kind, organisatie, year) queue behind it instead of handing out the same number, and a rolled
back create gives its number back. Works on PostgreSQL and on SQLite >= 3.35 (``RETURNING``).
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import NotSupportedError, connections, router, transaction

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


def _next_number(kind: str, organisatie: str, year: int) -> int:
    """Increment the counter of (kind, organisatie, year) and return the new value; the row stays locked until the
    transaction ends."""
    using = router.db_for_write(IdentificatieCounter)
    connection = connections[using]
    with connection.cursor() as cursor:
        cursor.execute(_increment_sql(connection), [kind, organisatie, year])
        return int(cursor.fetchone()[0])


def next_identificatie(
    kind: str,
    organisatie: str,
    year: int,
    format: Callable[[int], str],
    is_taken: Callable[[str], bool],
) -> str:
    """The next free identificatie ``format(n)`` for (kind, organisatie, year).

    Numbers whose identificatie a client already chose (``is_taken``) are skipped. Call it inside the transaction
    that stores the object, as late as possible: the counter row stays locked until that transaction ends. Outside
    a transaction it opens its own (``atomic(savepoint=False)`` adds no queries when nested).
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

    The same counter and row lock as :func:`next_identificatie` (numbers handed out one way are never handed out
    the other way); call it inside the transaction that stores what the numbers are for.
    """
    using = router.db_for_write(IdentificatieCounter)
    connection = connections[using]
    with transaction.atomic(using=using, savepoint=False), connection.cursor() as cursor:
        cursor.execute(_block_sql(connection), [kind, organisatie, year, count, count])
        last = int(cursor.fetchone()[0])
    return range(last - count + 1, last + 1)
