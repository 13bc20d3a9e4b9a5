from django.apps import AppConfig


class ZakenConfig(AppConfig):
    name = "zgw.zaken"
    label = "zaken"
    verbose_name = "Zaken"
