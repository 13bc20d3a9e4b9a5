"""OpenAPI generation per component (drf-spectacular), shaped like the official ZGW documents.

Every operation documents the Problem-JSON error responses, the ``API-version`` header, ``Location`` on 201,
``ETag`` on cacheable details, and its scopes. The views that serve the documents are in
:mod:`zgw.common.schema_views` (kept apart: DRF imports this module while loading its settings).
"""

from __future__ import annotations

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import force_instance, is_patched_serializer

from .permissions import required_scope

ERROR_STATUSES = (400, 401, 403, 404, 406, 409, 410, 415, 429, 500)

FOUT = {
    "type": "object",
    "required": ["code", "title", "status", "detail", "instance"],
    "properties": {
        "type": {
            "type": "string",
            "description": "URI referentie naar het type fout, bedoeld voor developers",
        },
        "code": {"type": "string", "description": "Systeemcode die het type fout aangeeft"},
        "title": {"type": "string", "description": "Generieke titel voor het type fout"},
        "status": {"type": "integer", "description": "De HTTP status code"},
        "detail": {"type": "string", "description": "Extra informatie bij de fout, indien beschikbaar"},
        "instance": {
            "type": "string",
            "description": "URI met referentie naar dit specifiek voorkomen van de fout. Deze kan gebruikt worden "
            "in combinatie met server logs, bijvoorbeeld.",
        },
    },
}
FIELD_VALIDATION_ERROR = {
    "type": "object",
    "required": ["name", "code", "reason"],
    "properties": {
        "name": {"type": "string", "description": "Naam van het veld met ongeldige gegevens"},
        "code": {"type": "string", "description": "Systeemcode die het type fout aangeeft"},
        "reason": {"type": "string", "description": "Uitleg wat er precies fout is met de gegevens"},
    },
}
VALIDATIE_FOUT = {
    "type": "object",
    "required": [*FOUT["required"], "invalidParams"],
    "properties": {
        **FOUT["properties"],
        "invalidParams": {"type": "array", "items": {"$ref": "#/components/schemas/FieldValidationError"}},
    },
}

API_VERSION_HEADER = {
    "schema": {"type": "string"},
    "description": "Geeft een specifieke API-versie aan in de context van een specifieke aanroep. Voorbeeld: 1.2.1.",
}
LOCATION_HEADER = {
    "schema": {"type": "string", "format": "uri"},
    "description": "URL waar de resource leeft.",
}
ETAG_HEADER = {
    "schema": {"type": "string"},
    "description": "De ETag berekend op de response body JSON. Indien twee resources exact dezelfde ETag hebben, "
    "dan zijn deze resources identiek aan elkaar. Je kan de ETag gebruiken om te bepalen of een resource "
    "gewijzigd is.",
}


class ZGWAutoSchema(AutoSchema):
    """Adds the ZGW conventions to every operation."""

    def _is_detail(self) -> bool:
        return "{" in self.path

    def _map_basic_serializer(self, serializer, direction):
        """Bodies also list ``documented_required`` as required: fields the pinned OAS requires but the server
        accepts absent (DECISIONS.md, input leniency); answers always carry them. The document keeps saying what
        the pinned one says, while the server accepts what the newest one allows."""
        result = super()._map_basic_serializer(serializer, direction)
        instance = force_instance(serializer)
        documented = getattr(instance, "documented_required", ())
        if documented and not is_patched_serializer(instance, direction):
            properties = result.get("properties", {})
            required = set(result.get("required", [])) | {name for name in documented if name in properties}
            result["required"] = sorted(required)
        return result

    def get_override_parameters(self):
        params = list(super().get_override_parameters())
        extra = getattr(self.view, "get_extra_schema_parameters", None)
        if extra:
            params.extend(extra(self.method.lower(), getattr(self.view, "action", None)))
        return params

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for status_code in ERROR_STATUSES + tuple(getattr(self.view, "extra_error_statuses", ())):
            key = str(status_code)
            if key in responses:
                continue
            name = "ValidatieFout" if status_code == 400 else "Fout"
            responses[key] = {
                "description": _DESCRIPTIONS.get(status_code, ""),
                "content": {"application/problem+json": {"schema": {"$ref": f"#/components/schemas/{name}"}}},
            }
        return responses

    def _get_response_for_code(self, serializer, status_code, media_types=None, direction="response"):
        response = super()._get_response_for_code(serializer, status_code, media_types, direction)
        headers = response.setdefault("headers", {})
        headers["API-version"] = API_VERSION_HEADER
        if str(status_code) == "201":
            headers["Location"] = LOCATION_HEADER
        if (
            str(status_code) == "200"
            and getattr(self.view, "etag_enabled", False)
            and self._is_detail()
            and self.method in ("GET", "HEAD")
        ):
            headers["ETag"] = ETAG_HEADER
        return response

    def get_auth(self):
        scope = required_scope(self.view, getattr(self.view, "action", None))
        if getattr(self.view, "public", False):
            return []
        return [{"JWT-Claims": scope.labels() if scope is not None else []}]

    def get_operation_id(self):
        custom = getattr(self.view, "operation_ids", {}).get(getattr(self.view, "action", None))
        return custom or super().get_operation_id()


_DESCRIPTIONS = {
    400: "Bad request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not found",
    406: "Not acceptable",
    409: "Conflict",
    410: "Gone",
    412: "Precondition failed",
    415: "Unsupported media type",
    429: "Too many requests",
    500: "Internal server error",
}


def _postprocess_errors(result, generator, request, public):
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas.setdefault("Fout", FOUT)
    schemas.setdefault("ValidatieFout", VALIDATIE_FOUT)
    schemas.setdefault("FieldValidationError", FIELD_VALIDATION_ERROR)
    for path_item in result.get("paths", {}).values():
        for operation in path_item.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            for parameter in operation.get("parameters", []):
                if parameter.get("in") == "path" and parameter["name"].endswith("uuid"):
                    parameter["schema"] = {"type": "string", "format": "uuid"}
            for response in operation["responses"].values():
                response.setdefault("headers", {}).setdefault("API-version", API_VERSION_HEADER)
    return result
