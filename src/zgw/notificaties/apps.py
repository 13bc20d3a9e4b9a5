from django.apps import AppConfig


class NotificatiesConfig(AppConfig):
    name = "zgw.notificaties"
    label = "notificaties"
    verbose_name = "Notificaties"
