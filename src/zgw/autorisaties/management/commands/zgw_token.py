"""Print a JWT-ZGW token for a client id: ``python manage.py zgw_token CLIENT_ID``."""

from django.core.management.base import BaseCommand, CommandError

from zgw.autorisaties.models import ClientCredential
from zgw.common.auth import make_token


class Command(BaseCommand):
    help = "Print a JWT (HS256) for a registered client id."

    def add_arguments(self, parser):
        parser.add_argument("client_id")
        parser.add_argument("--user-id", default="")
        parser.add_argument("--user-representation", default="")

    def handle(self, *args, **options):
        credential = ClientCredential.objects.filter(client_id=options["client_id"]).first()
        if credential is None:
            raise CommandError(f"Unknown client id '{options['client_id']}' (create it with zgw_client).")
        self.stdout.write(
            make_token(
                credential.client_id,
                credential.secret,
                user_id=options["user_id"],
                user_representation=options["user_representation"],
            )
        )
