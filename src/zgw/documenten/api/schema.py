"""OpenAPI details of the Documenten API: operation ids (incl. HEAD) and the documented request headers."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample, OpenApiParameter

from zgw.common.schema import ZGWAutoSchema

IF_NONE_MATCH = OpenApiParameter(
    "If-None-Match",
    str,
    OpenApiParameter.HEADER,
    description="Voer een voorwaardelijk verzoek uit. Deze header moet één of meerdere ETag-waardes bevatten van "
    "resources die de consumer gecached heeft. Indien de waarde van de ETag van de huidige resource voorkomt in "
    "deze set, dan antwoordt de provider met een lege HTTP 304 request. Zie "
    "[MDN](https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/If-None-Match) voor meer informatie.",
    examples=[
        OpenApiExample("OneValue", value='"79054025255fb1a26e4bc422aef54eb4"', summary="Eén ETag-waarde"),
        OpenApiExample(
            "MultipleValues",
            value='"79054025255fb1a26e4bc422aef54eb4", "e4d909c290d0fb1ca068ffaddf22cbd0"',
            summary="Meerdere ETag-waardes",
        ),
    ],
)
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


def content_type(*media_types: str) -> OpenApiParameter:
    return OpenApiParameter(
        "Content-Type",
        str,
        OpenApiParameter.HEADER,
        required=True,
        enum=list(media_types),
        description="Content type van de verzoekinhoud.",
    )


JSON_CONTENT_TYPE = content_type("application/json")


class DocumentenAutoSchema(ZGWAutoSchema):
    def _get_parameters(self):
        params = super()._get_parameters()
        if self.method == "HEAD":  # HEAD documents only the path and If-None-Match, as the OAS does
            params = [p for p in params if p.get("in") != "query"]
        return params

    def get_operation_id(self):
        prefix = getattr(self.view, "operation_prefix", "")
        if self.method == "HEAD" and prefix:
            return f"{prefix}_headers"
        custom = getattr(self.view, "operation_ids", {}).get(getattr(self.view, "action", None))
        if custom:
            return custom
        if prefix:
            return f"{prefix}_{self.view.action}"
        return super().get_operation_id()


def standard_headers(view, method: str, action: str | None) -> list[OpenApiParameter]:
    """The header parameters the official document lists for an operation of ``view``."""
    params: list[OpenApiParameter] = []
    if method in ("get", "head") and action == "retrieve" and getattr(view, "etag_enabled", False):
        params.append(IF_NONE_MATCH)
    if method in ("post", "put", "patch") and action in getattr(view, "json_body_actions", ()):
        params.append(JSON_CONTENT_TYPE)
    if getattr(view, "audit_headers", False) and action in ("create", "update", "partial_update", "destroy"):
        params += [LOGRECORD, TOELICHTING]
    return params
