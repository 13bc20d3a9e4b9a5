from django.core.management.base import BaseCommand

from ...dispatch import sweep


class Command(BaseCommand):
    help = "Zet verloren notificaties (outbox-rijen en afleveringen zonder lopende taak) opnieuw in de wachtrij."

    def handle(self, *args, **options):
        result = sweep()
        self.stdout.write(f"outbox: {result['outbox']}, afleveringen: {result['deliveries']}")
