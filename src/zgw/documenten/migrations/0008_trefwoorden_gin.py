"""A GIN index on the trefwoorden of every version (PostgreSQL only): the ``trefwoorden`` list filter is a JSON
containment (``trefwoorden @> '["a", "b"]'``, ``api/filters.py``) on the current version, which this index answers
without reading the versions one by one. ``jsonb_path_ops`` is enough for ``@>`` and is smaller than the default
operator class. Other databases (SQLite) have no such index and no JSON containment: nothing is created there."""

from django.db import migrations

INDEX = "documenten_versie_trefwoorden_gin"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON documenten_enkelvoudiginformatieobjectversie "
            "USING gin (trefwoorden jsonb_path_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("documenten", "0007_document_flags_17")]

    operations = [migrations.RunPython(create, drop)]
