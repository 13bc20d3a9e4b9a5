from django.core.management.base import BaseCommand

from ...retention import cleanup


class Command(BaseCommand):
    help = "Verwijder oude, volledig afgeleverde notificaties en gerouteerde outbox-rijen."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=float, help="Bewaartermijn in dagen (standaard NOTIFICATIES_RETENTION_DAYS)."
        )

    def handle(self, *args, days: float | None = None, **options):
        removed = cleanup(days)
        self.stdout.write(f"notificaties: {removed['notificaties']}, outbox: {removed['outbox']}")
