"""A GiST index on the bounding box of zaakgeometrie (PostgreSQL only): ``_zoek``'s ``within`` finds its candidates
through it instead of checking the rows of the autorisatie index one by one. Other databases keep the B-tree on the
four bbox columns (``zaken_geo_bbox``). The expression must stay equal to ``api/search.py``'s ``BOX``."""

from django.db import migrations

BOX = "box(point(geo_min_x, geo_min_y), point(geo_max_x, geo_max_y))"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS zaken_geo_box ON zaken_zaak USING gist ({BOX})")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS zaken_geo_box")


class Migration(migrations.Migration):
    dependencies = [("zaken", "0003_identificatie_counter_to_common")]

    operations = [migrations.RunPython(create, drop)]
