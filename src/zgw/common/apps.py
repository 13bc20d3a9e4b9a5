from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "zgw.common"
    label = "common"
    verbose_name = "Gedeelde ZGW-voorzieningen"
