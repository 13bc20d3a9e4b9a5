from django.apps import AppConfig


class TestappConfig(AppConfig):
    name = "tests.testapp"
    label = "testapp"

    def ready(self):
        from zgw.common.references import register_resource

        from .models import Thing, ThingType

        register_resource("testapi", "thingtypes", ThingType)
        register_resource("testapi", "things", Thing)
