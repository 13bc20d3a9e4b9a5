from django.core.management.base import BaseCommand

from ...delivery import resend
from ...dispatch import enqueue_deliveries
from ...models import Delivery


class Command(BaseCommand):
    help = "Verstuur mislukte afleveringen opnieuw (alle, of die van één abonnement)."

    def add_arguments(self, parser):
        parser.add_argument("--abonnement", help="UUID van het abonnement.")

    def handle(self, *args, abonnement: str | None = None, **options):
        queryset = Delivery.objects.filter(status=Delivery.Status.failed)
        if abonnement:
            queryset = queryset.filter(abonnement__uuid=abonnement)
        ids = resend(list(queryset.values_list("pk", flat=True)))
        enqueue_deliveries(ids)
        self.stdout.write(f"{len(ids)} aflevering(en) opnieuw ingepland.")
