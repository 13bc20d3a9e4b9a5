from django.apps import AppConfig


class BesluitenConfig(AppConfig):
    name = "zgw.besluiten"
    label = "besluiten"
    verbose_name = "Besluiten"
