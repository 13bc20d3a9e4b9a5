"""Response headers every API answer carries."""

from __future__ import annotations

from django.conf import settings


class APIVersionMiddleware:
    """Set ``API-version`` on every response under ``/<api>/api/v1/`` (also errors and 404s)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.versions = settings.ZGW_API_VERSIONS

    def __call__(self, request):
        response = self.get_response(request)
        path = request.path_info
        slash = path.find("/", 1)
        if slash > 1 and path.startswith("/api/v1", slash):
            version = self.versions.get(path[1:slash])
            if version:
                response["API-version"] = version
        return response
