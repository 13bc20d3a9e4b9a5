"""A minimal Django project that consumes the ZGW APIs through zgw-consumers (its own SQLite database).

zgw-consumers' ``Service`` model and its app dependencies do not belong in the server's settings, so the consumer
runs in a subprocess with this module as ``DJANGO_SETTINGS_MODULE`` (see ``consumer_flow.py``).
"""

import os
from pathlib import Path

WORK_DIR = Path(os.environ["ZGW_CONSUMER_DIR"])

SECRET_KEY = "consumer-test-only"
DEBUG = False
USE_TZ = True
TIME_ZONE = "UTC"
INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "simple_certmanager",
    "privates",
    "solo",
    "zgw_consumers",
]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(WORK_DIR / "consumer.sqlite3")}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
PRIVATE_MEDIA_ROOT = str(WORK_DIR / "private-media")
PRIVATE_MEDIA_URL = "/private-media/"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
