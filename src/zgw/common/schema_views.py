"""Serving a component's OpenAPI document, Swagger UI and Redoc (offline, via drf-spectacular-sidecar)."""

from __future__ import annotations

from types import SimpleNamespace

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView


def component_schema_urls(*, api: str, urlconf: str, title: str, version: str, description: str = "") -> list:
    """URL patterns for a component's OpenAPI document and documentation pages (relative to its API root)."""
    schema_urlconf = SimpleNamespace(urlpatterns=[path(f"{api}/api/v1/", include(urlconf))])
    settings = {
        "TITLE": title,
        "VERSION": version,
        "DESCRIPTION": description,
        # paths relative to the server URL, as in the official documents: servers + path is the real URL
        "SERVERS": [{"url": f"/{api}/api/v1"}],
        "SCHEMA_PATH_PREFIX": f"/{api}/api/v1",
        "SCHEMA_PATH_PREFIX_TRIM": True,
        "POSTPROCESSING_HOOKS": [
            "drf_spectacular.hooks.postprocess_schema_enums",
            "zgw.common.schema._postprocess_errors",
        ],
    }
    schema_view = SpectacularAPIView.as_view(urlconf=schema_urlconf, custom_settings=settings)
    name = f"{api}-schema"
    return [
        path("schema/openapi.yaml", schema_view, name=name),
        path("schema/openapi.json", schema_view, {"format": "json"}, name=f"{name}-json"),
        path("openapi.yaml", schema_view, name=f"{name}-root-yaml"),
        path("openapi.json", schema_view, {"format": "json"}, name=f"{name}-root-json"),
        path("schema/", SpectacularSwaggerView.as_view(url_name=name), name=f"{api}-swagger"),
        path("schema/redoc/", SpectacularRedocView.as_view(url_name=name), name=f"{api}-redoc"),
    ]
