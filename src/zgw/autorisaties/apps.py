from django.apps import AppConfig


class AutorisatiesConfig(AppConfig):
    name = "zgw.autorisaties"
    label = "autorisaties"
    verbose_name = "Autorisaties"

    def ready(self) -> None:
        from zgw.common.auth import register_client_provider
        from zgw.common.references import register_resource

        from .models import Applicatie
        from .selectors import ApplicatieClientProvider

        register_client_provider(ApplicatieClientProvider())
        register_resource("autorisaties", "applicaties", Applicatie)
