"""Serving a component's OpenAPI document, Swagger UI and Redoc (offline: sidecar files, Redoc via redoc.py)."""

from __future__ import annotations

from importlib import import_module
from importlib.util import find_spec
from types import SimpleNamespace

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from .api_root import APIRootView, generate_document
from .operation_texts import register_operations
from .redoc import OfflineRedocView
from .schema_refs import register_document


def component_schema_urls(*, api: str, urlconf: str, title: str, version: str, description: str = "") -> list:
    """URL patterns for a component's API root, OpenAPI document and documentation pages (relative to its root)."""
    package = urlconf.rsplit(".", 1)[0]
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
            *_api_hooks(package),
            "zgw.common.schema_refs.inline_remote_refs",
            "zgw.common.operation_texts.apply_operation_texts",
        ],
    }
    # texts for the API's users live in zgw.<app>.api.operations, beside the urlconf
    register_operations(api, package + ".operations")
    register_document(api, lambda: generate_document(None, urlconf=schema_urlconf, custom_settings=settings))
    schema_view = SpectacularAPIView.as_view(urlconf=schema_urlconf, custom_settings=settings)
    name = f"{api}-schema"
    root_view = APIRootView.as_view(api=api, urlconf=urlconf, schema_urlconf=schema_urlconf, custom_settings=settings)
    return [
        path("", root_view, name=f"{api}-api-root"),
        path("schema/openapi.yaml", schema_view, name=name),
        path("schema/openapi.json", schema_view, {"format": "json"}, name=f"{name}-json"),
        path("openapi.yaml", schema_view, name=f"{name}-root-yaml"),
        path("openapi.json", schema_view, {"format": "json"}, name=f"{name}-root-json"),
        path("schema/", SpectacularSwaggerView.as_view(url_name=name), name=f"{api}-swagger"),
        path("schema/redoc/", OfflineRedocView.as_view(url_name=name), name=f"{api}-redoc"),
    ]


def _api_hooks(package: str) -> list:
    """An API's own postprocessing hooks: ``POSTPROCESSING_HOOKS`` in ``<package>.schema``, when it has one."""
    if find_spec(f"{package}.schema") is None:
        return []
    return list(getattr(import_module(f"{package}.schema"), "POSTPROCESSING_HOOKS", []))
