from django.apps import AppConfig


class DocumentenConfig(AppConfig):
    name = "zgw.documenten"
    label = "documenten"
    verbose_name = "Documenten"
