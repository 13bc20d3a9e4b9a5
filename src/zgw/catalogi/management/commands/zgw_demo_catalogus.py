"""``manage.py zgw_demo_catalogus [--base-url URL] [--json]``: create the published demo catalogus (idempotent)
and print the zaaktype URL."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand

from zgw.catalogi.demo import create_demo_catalogus
from zgw.common.references import configured_base_url


class Command(BaseCommand):
    help = "Create a published demo catalogus with a realistic zaaktype and print the zaaktype URL."

    def add_arguments(self, parser):
        parser.add_argument("--base-url", default="", help="Public base URL (default: ZGW_BASE_URL / site config).")
        parser.add_argument("--json", action="store_true", help="Print every created URL as JSON.")

    def handle(self, *args, base_url: str = "", json: bool = False, **options):  # noqa: A002
        base = (base_url or configured_base_url() or "http://localhost:8000").rstrip("/")
        result = create_demo_catalogus(base)
        if json:
            self.stdout.write(_dumps(result))
        else:
            self.stdout.write(result["zaaktype"])


def _dumps(value) -> str:
    return json.dumps(value, indent=2)
