"""Apply a declarative set-up file: ``python manage.py zgw_setup deployment.yaml`` (see zgw/beheer/setup.py)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from rest_framework.exceptions import ValidationError

from zgw.beheer import setup


class Command(BaseCommand):
    help = "Apply a YAML file with applicaties, credentials, services, kanalen, abonnementen and the site base URL."

    def add_arguments(self, parser):
        parser.add_argument("path", help="YAML file, or - for standard input")

    def handle(self, *args, **options):
        text = self.stdin.read() if options["path"] == "-" else Path(options["path"]).read_text()
        try:
            report = setup.apply(setup.load(text))
        except setup.SetupError as exc:
            raise CommandError(str(exc))
        except ValidationError as exc:
            raise CommandError(f"invalid: {exc.detail}")
        for outcome in ("created", "updated", "unchanged"):
            for what in getattr(report, outcome):
                self.stdout.write(f"{outcome:9} {what}")
        self.stdout.write(
            f"{len(report.created)} created, {len(report.updated)} updated, {len(report.unchanged)} unchanged"
        )
