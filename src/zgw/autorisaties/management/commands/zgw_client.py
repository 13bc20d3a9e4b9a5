"""Create or update a client credential and its applicatie.

    python manage.py zgw_client CLIENT_ID SECRET --all
    python manage.py zgw_client CLIENT_ID SECRET --component zrc --scopes zaken.lezen,zaken.aanmaken \\
        --type https://host/catalogi/api/v1/zaaktypen/<uuid> --max-vertrouwelijkheid zaakvertrouwelijk
    python manage.py zgw_client CLIENT_ID SECRET --all --alleen-gereed-voor-publicatie   # a Woo publication portal

Keep this interface stable: conformance tooling drives it.
"""

from django.core.management.base import BaseCommand, CommandError

from zgw.autorisaties import services
from zgw.autorisaties.services import TYPE_FIELD_BY_COMPONENT, AutorisatieData


class Command(BaseCommand):
    help = "Create or update a JWT-ZGW client credential with all or specific autorisaties."

    def add_arguments(self, parser):
        parser.add_argument("client_id")
        parser.add_argument("secret")
        parser.add_argument("--label", default=None, help="Label of the applicatie (default: the client id).")
        parser.add_argument("--all", action="store_true", help="Give the applicatie heeftAlleAutorisaties.")
        parser.add_argument("--component", choices=["ac", "nrc", "zrc", "ztc", "drc", "brc"])
        parser.add_argument("--scopes", default="", help="Comma-separated scopes for --component.")
        parser.add_argument("--type", action="append", default=[], help="Type URL (repeatable) for zrc/drc/brc.")
        parser.add_argument("--max-vertrouwelijkheid", default="", help="maxVertrouwelijkheidaanduiding.")
        parser.add_argument(
            "--alleen-gereed-voor-publicatie",
            action="store_true",
            help="alleenIsGereedVoorPublicatie (Autorisaties 1.1.0): read only documents with "
            "isGereedVoorPublicatie = true. Without it the flag is cleared.",
        )

    def handle(self, *args, **options):
        autorisaties: list[AutorisatieData] = []
        if not options["all"]:
            component = options["component"]
            if not component:
                raise CommandError("Give --all, or --component with --scopes.")
            scopes = [s.strip() for s in options["scopes"].split(",") if s.strip()]
            type_field = TYPE_FIELD_BY_COMPONENT.get(component)
            for type_url in options["type"] or [""]:
                data = AutorisatieData(
                    component=component,
                    scopes=scopes,
                    max_vertrouwelijkheidaanduiding=options["max_vertrouwelijkheid"],
                )
                if type_field:
                    setattr(data, type_field, type_url)
                autorisaties.append(data)
        try:
            applicatie = services.ensure_client(
                options["client_id"],
                options["secret"],
                label=options["label"],
                heeft_alle_autorisaties=options["all"],
                autorisaties=autorisaties,
                alleen_is_gereed_voor_publicatie=options["alleen_gereed_voor_publicatie"],
            )
        except Exception as exc:  # ValidationError from the ac rules: show it plainly
            raise CommandError(str(getattr(exc, "detail", exc)))
        self.stdout.write(f"Client '{options['client_id']}' -> applicatie {applicatie.uuid} ({applicatie.label})")
