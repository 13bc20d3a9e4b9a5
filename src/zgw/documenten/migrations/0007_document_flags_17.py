"""Documenten 1.5.0-1.7.0 fields. Existing versions get the defaults of the standard: ``inhoudIsVervallen`` and
``isGereedVoorPublicatie`` ``null`` (not known), ``tonenAanInitiator`` ``false``; so an application limited to
documents ready for publication sees none of the existing documents until they are marked."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('documenten', '0006_dutch_labels'),
    ]

    operations = [
        migrations.AddField(
            model_name='enkelvoudiginformatieobject',
            name='is_gereed_voor_publicatie',
            field=models.BooleanField(blank=True, null=True, verbose_name='is gereed voor publicatie'),
        ),
        migrations.AddField(
            model_name='enkelvoudiginformatieobjectversie',
            name='inhoud_is_vervallen',
            field=models.BooleanField(blank=True, null=True, verbose_name='inhoud is vervallen'),
        ),
        migrations.AddField(
            model_name='enkelvoudiginformatieobjectversie',
            name='is_gereed_voor_publicatie',
            field=models.BooleanField(blank=True, null=True, verbose_name='is gereed voor publicatie'),
        ),
        migrations.AddField(
            model_name='enkelvoudiginformatieobjectversie',
            name='tonen_aan_initiator',
            field=models.BooleanField(default=False, verbose_name='tonen aan initiator'),
        ),
    ]
