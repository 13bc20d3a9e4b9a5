"""A Redoc page that requests nothing outside this server.

drf-spectacular's ``redoc.html`` links Google Fonts, and Redoc's bundle (drf-spectacular-sidecar) renders an ``<img>``
in the menu footer whose ``src`` is ``https://cdn.redoc.ly/redoc/logo-mini.svg``, with no option to turn it off.
Hiding the image with CSS does not stop the browser from fetching it, so the bundle is served here with that URL
replaced by an empty inline SVG (and the image hidden), and the page template leaves the fonts link out.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

import drf_spectacular_sidecar
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.templatetags.static import static
from django.urls import reverse
from drf_spectacular.views import SpectacularRedocView

SIDECAR_BUNDLE = "redoc/bundles/redoc.standalone.js"
REMOTE_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg"
EMPTY_SVG = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'/%3E"
SOURCE_MAP = "sourceMappingURL=redoc.standalone.js.map"


@lru_cache(maxsize=1)
def _bundle() -> tuple[bytes, str]:
    """The sidecar's Redoc bundle with the remote logo replaced, and its ETag (computed once per process)."""
    path = Path(drf_spectacular_sidecar.__file__).parent / "static" / "drf_spectacular_sidecar" / SIDECAR_BUNDLE
    text = path.read_text(encoding="utf-8")
    if REMOTE_LOGO not in text:  # a Redoc upgrade moved it: fail loudly rather than serve a page that goes online
        raise RuntimeError(f"{REMOTE_LOGO} not found in {path}; review zgw.common.redoc for this Redoc version")
    text = text.replace(REMOTE_LOGO, EMPTY_SVG)
    # the source map stays beside the original bundle in the static files
    text = text.replace(SOURCE_MAP, "sourceMappingURL=" + static(f"drf_spectacular_sidecar/{SIDECAR_BUNDLE}.map"))
    content = text.encode("utf-8")
    return content, '"' + hashlib.sha256(content).hexdigest()[:32] + '"'


def redoc_bundle(request: HttpRequest) -> HttpResponse:
    """``redoc.standalone.js`` without its one request to cdn.redoc.ly."""
    content, etag = _bundle()
    if request.headers.get("If-None-Match") == etag:
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(content, content_type="application/javascript; charset=utf-8")
    response["ETag"] = etag
    response["Cache-Control"] = "public, max-age=86400"
    return response


class OfflineRedocView(SpectacularRedocView):
    """drf-spectacular's Redoc view on our template and our copy of the bundle."""

    template_name = "zgw/redoc.html"

    @staticmethod
    def _redoc_standalone() -> str:
        return reverse("redoc-bundle")
