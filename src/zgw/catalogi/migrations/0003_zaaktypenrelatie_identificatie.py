"""ZaakTypenRelatie.zaaktype_identificatie (Catalogi 1.3.3 ``zaaktypeIdentificatie``), filled for existing rows."""

import re

from django.db import migrations, models

_UUID = re.compile(r"/zaaktypen/([0-9a-fA-F-]{36})/?$")


def fill_identificaties(apps, schema_editor):
    """A gerelateerd zaaktype of this server (URL ending in /zaaktypen/<uuid>) gets that zaaktype's identificatie;
    rows pointing elsewhere stay empty."""
    relatie_model = apps.get_model("catalogi", "ZaakTypenRelatie")
    zaaktype_model = apps.get_model("catalogi", "ZaakType")
    relaties = list(relatie_model.objects.filter(zaaktype_identificatie=""))
    uuids = {}
    for relatie in relaties:
        match = _UUID.search(relatie.gerelateerd_zaaktype)
        if match:
            uuids[relatie.pk] = match.group(1).lower()
    known = dict(
        (str(u), i)
        for u, i in zaaktype_model.objects.filter(uuid__in=set(uuids.values())).values_list("uuid", "identificatie")
    )
    changed = []
    for relatie in relaties:
        identificatie = known.get(uuids.get(relatie.pk, ""))
        if identificatie:
            relatie.zaaktype_identificatie = identificatie
            changed.append(relatie)
    relatie_model.objects.bulk_update(changed, ["zaaktype_identificatie"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("catalogi", "0002_subtype_unique_names"),
    ]

    operations = [
        migrations.AddField(
            model_name="zaaktypenrelatie",
            name="zaaktype_identificatie",
            field=models.CharField(blank=True, max_length=50),
        ),
        migrations.RunPython(fill_identificaties, migrations.RunPython.noop),
    ]
