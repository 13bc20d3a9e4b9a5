"""Create (or reset) the beheerder's admin account; used by ``bin/quickstart``.

    python manage.py zgw_admin_user admin --password-file var/admin-password
    python manage.py zgw_admin_user admin            # asks for the password on the terminal
"""

from __future__ import annotations

import getpass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Create or update a superuser for the admin (and the browsable API)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("username")
        parser.add_argument("--password-file", help="read the password from this file (first line)")
        parser.add_argument("--email", default="")

    def handle(self, *args, username: str, password_file: str | None, email: str, **options) -> None:
        if password_file:
            password = Path(password_file).read_text().strip()
        else:
            password = getpass.getpass(f"Wachtwoord voor {username}: ")
        if len(password) < 12:
            raise CommandError("Het wachtwoord moet minstens 12 tekens lang zijn.")
        user, created = get_user_model().objects.get_or_create(username=username, defaults={"email": email})
        user.is_staff = True
        user.is_superuser = True
        user.is_active = True
        user.set_password(password)
        user.save()
        self.stdout.write(f"{'created' if created else 'updated'} {username}")
