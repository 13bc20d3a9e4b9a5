"""Request headers the Besluiten OAS documents on write operations."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter

LOGRECORD = OpenApiParameter(
    "X-NLX-Logrecord-ID",
    str,
    OpenApiParameter.HEADER,
    description="Identifier of the request, traceable throughout the network",
)
TOELICHTING = OpenApiParameter(
    "X-Audit-Toelichting",
    str,
    OpenApiParameter.HEADER,
    description="Toelichting waarom een bepaald verzoek wordt gedaan",
)
CONTENT_TYPE = OpenApiParameter(
    "Content-Type",
    str,
    OpenApiParameter.HEADER,
    required=True,
    enum=["application/json"],
    description="Content type van de verzoekinhoud.",
)


def write_headers(method: str) -> list[OpenApiParameter]:
    """``Content-Type`` on writes with a body, the NLX/audit headers on every write."""
    if method in ("post", "put", "patch"):
        return [CONTENT_TYPE, LOGRECORD, TOELICHTING]
    if method == "delete":
        return [LOGRECORD, TOELICHTING]
    return []
