"""Root URLs: one API root per component, each with its own OpenAPI document."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from zgw.common.schema_views import component_schema_urls
from zgw.common.views import landing

COMPONENTS = [
    # (api root name, urlconf module, title)
    ("autorisaties", "zgw.autorisaties.api.urls", "Autorisaties API"),
    ("catalogi", "zgw.catalogi.api.urls", "Catalogi API"),
    ("zaken", "zgw.zaken.api.urls", "Zaken API"),
    ("documenten", "zgw.documenten.api.urls", "Documenten API"),
    ("besluiten", "zgw.besluiten.api.urls", "Besluiten API"),
    ("notificaties", "zgw.notificaties.api.urls", "Notificaties API"),
]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("zgw.common.urls")),
    path("", landing, name="landing"),
    # the built-in, read-only Referentielijsten (Selectielijst) API, served from bundled data
    path("referentielijsten/api/v1/", include("zgw.referentielijsten.urls")),
]

for api, urlconf, title in COMPONENTS:
    urlpatterns += [
        path(
            f"{api}/api/v1/",
            include(
                component_schema_urls(
                    api=api, urlconf=urlconf, title=title, version=settings.ZGW_API_VERSIONS[api]
                )
            ),
        ),
        path(f"{api}/api/v1/", include(urlconf)),
    ]

handler404 = "zgw.common.exceptions.handler404"
handler500 = "zgw.common.exceptions.handler500"
