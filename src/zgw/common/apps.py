from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "zgw.common"
    label = "common"
    verbose_name = "Gedeelde ZGW-voorzieningen"

    def ready(self) -> None:
        from .observability import connect_celery_signals

        connect_celery_signals()
