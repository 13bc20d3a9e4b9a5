"""Issue 19: the version rules of the main types hold at the database too (PostgreSQL exclusion constraints).

Published versions of one zaaktype identificatie (ztc-016), of one besluittype omschrijving and of one
informatieobjecttype omschrijving within a catalogus may not overlap in validity (both bounds inclusive, an empty
eindeGeldigheid open-ended). The services check this under a row lock on the catalogus; these constraints are the
backstop for every other writer (admin, import, a future code path) and are answered as 400 ``overlap``.

Existing data: the migration does not change published versions. If published versions already overlap, it stops
with the list of conflicting versions; end the older version (``eindeGeldigheid`` the day before the newer one's
``beginGeldigheid``, allowed on a published version) and migrate again. Rows with eindeGeldigheid before
beginGeldigheid (refused by the API) are left out of the constraint instead of failing the write.

SQLite (development only) gets no constraint; the service check still applies. ``btree_gist`` is a trusted
extension (PostgreSQL ≥ 13): the database owner may create it without superuser rights.
"""

from django.db import migrations

# (constraint, table, key column)
CONSTRAINTS = (
    ("catalogi_zaaktype_versies_geen_overlap", "catalogi_zaaktype", "identificatie"),
    ("catalogi_besluittype_versies_geen_overlap", "catalogi_besluittype", "omschrijving"),
    ("catalogi_informatieobjecttype_versies_geen_overlap", "catalogi_informatieobjecttype", "omschrijving"),
)


def _valid(t: str = "") -> str:
    """The rows the constraint covers: published, with a well-formed validity (``t``: table alias with its dot)."""
    return (
        f"{t}concept = false AND ({t}datum_einde_geldigheid IS NULL "
        f"OR {t}datum_einde_geldigheid >= {t}datum_begin_geldigheid)"
    )


def _range(t: str = "") -> str:
    return f"daterange({t}datum_begin_geldigheid, {t}datum_einde_geldigheid, '[]')"


def _overlaps(cursor, table: str, key: str) -> list[tuple]:
    cursor.execute(
        f"""SELECT a.uuid, b.uuid, a.{key} FROM {table} a JOIN {table} b
            ON a.catalogus_id = b.catalogus_id AND a.{key} = b.{key} AND a.id < b.id
            WHERE {_valid("a.")} AND {_valid("b.")} AND {_range("a.")} && {_range("b.")}"""
    )
    return cursor.fetchall()


def add_constraints(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        conflicts = [(table, *row) for _name, table, key in CONSTRAINTS for row in _overlaps(cursor, table, key)]
        if conflicts:
            listed = "\n".join(f"  {table}: {a} and {b} ({key!r})" for table, a, b, key in conflicts)
            raise RuntimeError(
                "Published versions overlap in validity; end the older version of each pair (eindeGeldigheid) and "
                f"run the migration again:\n{listed}"
            )
        cursor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
        for name, table, key in CONSTRAINTS:
            cursor.execute(
                f"ALTER TABLE {table} ADD CONSTRAINT {name} EXCLUDE USING gist "
                f"(catalogus_id WITH =, {key} WITH =, {_range()} WITH &&) WHERE ({_valid()})"
            )


def drop_constraints(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for name, table, _key in CONSTRAINTS:
            cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("catalogi", "0003_zaaktypenrelatie_identificatie")]

    operations = [migrations.RunPython(add_constraints, drop_constraints)]
