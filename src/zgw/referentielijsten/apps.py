from django.apps import AppConfig


class ReferentielijstenConfig(AppConfig):
    name = "zgw.referentielijsten"
    label = "referentielijsten"
    verbose_name = "Referentielijsten"
