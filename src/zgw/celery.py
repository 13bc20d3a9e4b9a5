"""The Celery application: notification delivery and periodic sweeps run here."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zgw.settings")

app = Celery("zgw")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
