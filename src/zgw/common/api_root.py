"""The API root of each component (``/zaken/api/v1/``): links to its collections and its schema, or the schema.

What a client gets depends on its ``Accept`` header:

- ``application/json``: the links, as a DRF API root (collection name → absolute URL, plus ``schema``).
- ``text/html`` (a browser): the same links in DRF's browsable page.
- ``application/vnd.oai.openapi``, ``application/yaml`` (and ``x-yaml``/``text/yaml``): the OpenAPI document as YAML;
  ``application/vnd.oai.openapi+json``: as JSON.
- anything else (``*/*``, no header: curl, requests, gemma-zds-client): one JSON object holding the links *and* the
  OpenAPI document. gemma-zds-client 2.x loads its schema from the API root itself by default (``oas_location=""``,
  a plain ``requests.get``), so the root must be a document it can use; readers of a DRF API root find their links.

The root is public (no token), as in the reference implementations; zgw-consumers' connection check GETs it.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from django.http import HttpResponse
from drf_spectacular.renderers import OpenApiJsonRenderer, OpenApiYamlRenderer
from drf_spectacular.settings import patched_settings, spectacular_settings
from rest_framework.exceptions import NotAcceptable
from rest_framework.permissions import AllowAny
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

YAML_TYPES = ("application/vnd.oai.openapi", "application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml")
OAS_JSON_TYPE = "application/vnd.oai.openapi+json"


def generate_document(request: Request | None, *, urlconf: Any, custom_settings: dict) -> dict:
    """The component's OpenAPI document, generated as its ``schema/openapi.*`` endpoints serve it."""
    with patched_settings(custom_settings):
        generator = spectacular_settings.DEFAULT_GENERATOR_CLASS(urlconf=urlconf, api_version=None)
        return generator.get_schema(request=request, public=spectacular_settings.SERVE_PUBLIC)


def negotiate(accept: str) -> str:
    """Which answer the ``Accept`` header asks for: ``links``, ``html``, ``yaml``, ``oas-json`` or ``combined``.

    Media ranges are tried by quality (then in the order sent); ``*/*`` and ``application/*`` mean the combined
    answer. An ``Accept`` naming only types the root cannot produce raises 406.
    """
    ranges: list[tuple[float, int, str]] = []
    for position, part in enumerate((accept or "*/*").split(",")):
        media, *params = (piece.strip() for piece in part.split(";"))
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if media and quality > 0:
            ranges.append((-quality, position, media.lower()))
    for _quality, _position, media in sorted(ranges):
        if media in YAML_TYPES:
            return "yaml"
        if media == OAS_JSON_TYPE:
            return "oas-json"
        if media == "application/json":
            return "links"
        if media in ("text/html", "application/xhtml+xml"):
            return "html"
        if media in ("*/*", "application/*"):
            return "combined"
    if not ranges:
        return "combined"
    raise NotAcceptable()


class APIRootView(APIView):
    """``GET``/``HEAD`` of a component's API root; see the module docstring for the answers."""

    api: str = ""
    urlconf: str = ""
    schema_urlconf: Any = None
    custom_settings: dict = {}

    authentication_classes: list = []
    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer, BrowsableAPIRenderer]
    schema = None  # not an operation of the API

    def perform_content_negotiation(self, request: Request, force: bool = False):
        # the OpenAPI media types are answered in get(); DRF's own renderers only cover the links
        return super().perform_content_negotiation(request, force=True)

    def get_view_name(self) -> str:
        return self.custom_settings.get("TITLE") or f"{self.api} API"

    def links(self, request: Request) -> dict[str, str]:
        root = request.build_absolute_uri(f"/{self.api}/api/v1/")
        router = getattr(import_module(self.urlconf), "router", None)
        # top-level collections only (nested registrations carry a parent's lookup in their prefix)
        prefixes = [prefix for prefix, _viewset, _basename in getattr(router, "registry", []) if "/" not in prefix]
        return {**{prefix: f"{root}{prefix}" for prefix in prefixes}, "schema": f"{root}schema/openapi.yaml"}

    def get(self, request: Request, *args: Any, **kwargs: Any) -> HttpResponse:
        answer = negotiate(request.META.get("HTTP_ACCEPT", ""))
        if answer in ("links", "html"):
            return Response(self.links(request))
        content_type = {
            "yaml": "application/vnd.oai.openapi",
            "oas-json": OAS_JSON_TYPE,
            "combined": "application/json",
        }[answer]
        if request.method == "HEAD":  # the headers only; no need to generate the document
            return HttpResponse(content_type=content_type)
        document = generate_document(request, urlconf=self.schema_urlconf, custom_settings=self.custom_settings)
        if answer == "yaml":
            body = OpenApiYamlRenderer().render(document)
        elif answer == "oas-json":
            body = OpenApiJsonRenderer().render(document, renderer_context={})
        else:
            body = OpenApiJsonRenderer().render({**self.links(request), **document}, renderer_context={})
        return HttpResponse(body, content_type=content_type)
