"""``manage.py zgw_catalogus_export CATALOGUS_UUID -o file.zip``: export a catalogus with all its types."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from zgw.catalogi.catalogus_io import export_catalogus
from zgw.catalogi.models import Catalogus


class Command(BaseCommand):
    help = "Exporteer een catalogus met al zijn typen als ZIP met JSON-bestanden (API-representaties)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("uuid", help="UUID van de catalogus")
        parser.add_argument("-o", "--output", required=True, help="pad van het ZIP-bestand")
        parser.add_argument("--base-url", default=None, help="basis-URL van de URLs in de export")

    def handle(self, *args, **options) -> None:
        try:
            catalogus = Catalogus.objects.get(uuid=options["uuid"])
        except (Catalogus.DoesNotExist, ValueError, ValidationError) as exc:
            raise CommandError(f"Catalogus {options['uuid']} niet gevonden.") from exc
        content = export_catalogus(catalogus, options["base_url"])
        with open(options["output"], "wb") as handle:
            handle.write(content)
        self.stdout.write(f"Catalogus {catalogus.domein} geëxporteerd naar {options['output']} ({len(content)} bytes)")
