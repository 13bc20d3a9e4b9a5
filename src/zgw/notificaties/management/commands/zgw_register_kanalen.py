from django.core.management.base import BaseCommand, CommandError

from ... import conf
from ...external import register_kanalen_external
from ...services import register_kanalen


class Command(BaseCommand):
    help = "Registreer de kanalen van deze server (idempotent), lokaal en bij NOTIFICATIES_API_ROOT indien gezet."

    def add_arguments(self, parser):
        parser.add_argument("--external-only", action="store_true", help="Alleen bij de externe Notificaties API.")

    def handle(self, *args, external_only: bool = False, **options):
        if not external_only:
            created = register_kanalen()
            self.stdout.write(f"Lokaal aangemaakt: {', '.join(created) or '-'}")
        if conf.EXTERNAL_API_ROOT:
            try:
                created = register_kanalen_external()
            except Exception as exc:
                raise CommandError(f"Registreren bij {conf.EXTERNAL_API_ROOT} mislukt: {exc}") from exc
            self.stdout.write(f"Extern aangemaakt ({conf.EXTERNAL_API_ROOT}): {', '.join(created) or '-'}")
