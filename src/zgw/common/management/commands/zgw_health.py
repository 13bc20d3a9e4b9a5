"""``manage.py zgw_health --component web|delivery|worker|beat``: exit 0 when healthy, 1 when not.

For container health checks: ``web`` runs the readiness checks of /health/ready, ``delivery`` those of
/health/ready/delivery, ``worker`` and ``beat`` check that a process of that kind on this host wrote a fresh
heartbeat (see zgw.notificaties.heartbeat).
"""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand

from zgw.common.health import run_checks


class Command(BaseCommand):
    help = "Health check of one component; exit status 0 = healthy, 1 = unhealthy."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--component", choices=["web", "delivery", "worker", "beat"], default="web")

    def handle(self, *args, component: str, **options) -> None:
        if component in ("worker", "beat"):
            from zgw.notificaties.heartbeat import check_process

            try:
                check_process(component)
                healthy, results = True, {"heartbeat": "ok"}
            except Exception as exc:
                healthy, results = False, {"heartbeat": f"error: {type(exc).__name__}: {exc}"}
        else:
            healthy, results = run_checks(component)
        for name, result in results.items():
            self.stdout.write(f"{component} {name}: {result}")
        if not healthy:
            sys.exit(1)
