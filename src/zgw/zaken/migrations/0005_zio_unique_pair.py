"""(zaak, informatieobject) unique on zaakinformatieobjecten, as a database constraint (issue 19 finding 9).

Before the constraint, duplicates that concurrent creates left behind are removed: per pair the oldest row (lowest
id) stays, the later copies (same zaak, same document) go, and their uuids are printed so an operator can trace them.
"""

from django.db import migrations, models
from django.db.models import Count, Min


def remove_duplicate_pairs(apps, schema_editor):
    ZIO = apps.get_model("zaken", "ZaakInformatieObject")
    removed = []
    for fields, condition in (
        (("zaak_id", "informatieobject_id"), models.Q(informatieobject__isnull=False)),
        (("zaak_id", "informatieobject_url"), ~models.Q(informatieobject_url="")),
    ):
        groups = (
            ZIO.objects.filter(condition).values(*fields).annotate(n=Count("id"), keep=Min("id")).filter(n__gt=1)
        )
        for group in groups:
            pair = {field: group[field] for field in fields}
            extra = ZIO.objects.filter(**pair).exclude(id=group["keep"])
            removed.extend(str(u) for u in extra.values_list("uuid", flat=True))
            extra.delete()
    if removed:
        print(f"\n  zaken.0005: removed {len(removed)} duplicate zaakinformatieobjecten: {', '.join(removed)}")


class Migration(migrations.Migration):
    dependencies = [
        ("documenten", "0005_identificatie_counter_to_common"),
        ("zaken", "0004_geo_box_index"),
    ]

    operations = [
        migrations.RunPython(remove_duplicate_pairs, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="zaakinformatieobject",
            constraint=models.UniqueConstraint(
                condition=models.Q(("informatieobject__isnull", False)),
                fields=("zaak", "informatieobject"),
                name="zaken_zio_local_unique",
            ),
        ),
        migrations.AddConstraint(
            model_name="zaakinformatieobject",
            constraint=models.UniqueConstraint(
                condition=models.Q(("informatieobject_url", ""), _negated=True),
                fields=("zaak", "informatieobject_url"),
                name="zaken_zio_remote_unique",
            ),
        ),
    ]
