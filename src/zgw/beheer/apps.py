from django.apps import AppConfig


class BeheerConfig(AppConfig):
    """Operations that span components (declarative set-up). Top of the import graph: may import every app."""

    name = "zgw.beheer"
    label = "beheer"
    verbose_name = "Beheer"
