"""Test settings: the real settings plus a tiny app that exercises the shared machinery on its own."""

from zgw.settings import *  # noqa: F403
from zgw.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "tests.testapp"]
ROOT_URLCONF = "tests.urls"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
