from django.apps import AppConfig


class AutorisatiesConfig(AppConfig):
    name = "zgw.autorisaties"
    label = "autorisaties"
    verbose_name = "Autorisaties"

    def ready(self) -> None:
        from zgw.common.auth import register_client_provider
        from zgw.common.exceptions import register_unique_rule
        from zgw.common.references import register_resource

        from .models import Applicatie
        from .selectors import ApplicatieClientProvider

        register_client_provider(ApplicatieClientProvider())
        register_resource("autorisaties", "applicaties", Applicatie)
        # ac-001 under concurrency: the constraint decides, the answer is the rule's 400
        taken = "Deze clientId is al in gebruik bij een andere applicatie."
        register_unique_rule("autorisaties_clientidentifier_client_id_key", "clientIds", "clientId-exists", taken)
        register_unique_rule("autorisaties_clientcredential_client_id_key", "clientIds", "clientId-exists", taken)
