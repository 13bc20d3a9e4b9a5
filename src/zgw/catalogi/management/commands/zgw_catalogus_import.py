"""``manage.py zgw_catalogus_import file.zip [--rsin ... --domein ...]``: import an exported catalogus."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from zgw.catalogi.catalogus_io import CatalogusImportError, import_catalogus


class Command(BaseCommand):
    help = "Importeer een catalogus-export (nieuwe UUIDs; verwijzingen worden omgezet, selectielijst blijft)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="ZIP-bestand van zgw_catalogus_export")
        parser.add_argument("--rsin", default=None, help="RSIN van de nieuwe catalogus (standaard: uit de export)")
        parser.add_argument("--domein", default=None, help="domein van de nieuwe catalogus (standaard: uit de export)")
        parser.add_argument("--base-url", default=None, help="basis-URL van deze server (standaard ZGW_BASE_URL)")

    def handle(self, *args, **options) -> None:
        try:
            with open(options["file"], "rb") as handle:
                content = handle.read()
        except OSError as exc:
            raise CommandError(str(exc)) from exc
        try:
            catalogus = import_catalogus(
                content,
                rsin=options["rsin"],
                domein=options["domein"],
                base_url=options["base_url"],
                progress=self.stdout.write,
            )
        except CatalogusImportError as exc:
            raise CommandError(f"Import mislukt, er is niets opgeslagen: {exc}") from exc
        self.stdout.write(self.style.SUCCESS(f"Catalogus {catalogus.domein} geïmporteerd: uuid {catalogus.uuid}"))
