"""Router for ZGW APIs: no trailing slashes, UUID lookups, ``HEAD`` on cacheable details."""

from __future__ import annotations

from drf_spectacular.generators import EndpointEnumerator, SchemaGenerator
from rest_framework.routers import SimpleRouter


class ZGWRouter(SimpleRouter):
    def __init__(self):
        super().__init__(trailing_slash="")

    def get_method_map(self, viewset, method_map):
        mapping = super().get_method_map(viewset, method_map)
        if mapping.get("get") == "retrieve" and getattr(viewset, "etag_enabled", False):
            mapping["head"] = "retrieve"
        return mapping


class ZGWEndpointEnumerator(EndpointEnumerator):
    """Also document ``HEAD`` where a viewset maps it explicitly (the cacheable details)."""

    def get_allowed_methods(self, callback) -> list[str]:
        methods = super().get_allowed_methods(callback)
        actions = getattr(callback, "actions", None) or {}
        cacheable = getattr(getattr(callback, "cls", None), "etag_enabled", False)
        if cacheable and actions.get("head") == "retrieve" and actions.get("get") == "retrieve":
            methods.append("HEAD")
        return methods


class ZGWSchemaGenerator(SchemaGenerator):
    endpoint_inspector_cls = ZGWEndpointEnumerator
