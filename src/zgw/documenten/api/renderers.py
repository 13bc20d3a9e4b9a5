"""Renderers of the download endpoint: the content itself is a FileResponse; these only let content negotiation
accept binary ``Accept`` headers (and render error bodies as JSON whatever was asked)."""

from __future__ import annotations

from zgw.common.renderers import JSONRenderer


class BinaryRenderer(JSONRenderer):
    media_type = "application/octet-stream"
    format = "bin"


class AnyMediaTypeRenderer(JSONRenderer):
    """Matches any ``Accept`` (``application/pdf``, ``image/*``, …): a document can be of any type."""

    media_type = "*/*"
    format = "any"
