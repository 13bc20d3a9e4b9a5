from django.apps import AppConfig


class CatalogiConfig(AppConfig):
    name = "zgw.catalogi"
    label = "catalogi"
    verbose_name = "Catalogi"
