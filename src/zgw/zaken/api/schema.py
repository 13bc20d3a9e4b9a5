"""Schema details of the Zaken API: operation ids (incl. HEAD) and the request headers the spec documents."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter

from zgw.common.schema import ZGWAutoSchema
from zgw.documenten.api.schema import IF_NONE_MATCH, JSON_CONTENT_TYPE, LOGRECORD, TOELICHTING

ACCEPT_CRS = OpenApiParameter(
    "Accept-Crs",
    str,
    OpenApiParameter.HEADER,
    required=True,
    enum=["EPSG:4326"],
    description="Het gewenste 'Coordinate Reference System' (CRS) van de geometrie in het antwoord (response body). "
    "Volgens de GeoJSON spec is WGS84 de default (EPSG:4326 is hetzelfde als WGS84).",
)
CONTENT_CRS = OpenApiParameter(
    "Content-Crs",
    str,
    OpenApiParameter.HEADER,
    required=True,
    enum=["EPSG:4326"],
    description="Het 'Coordinate Reference System' (CRS) van de geometrie in de vraag (request body). Volgens de "
    "GeoJSON spec is WGS84 de default (EPSG:4326 is hetzelfde als WGS84).",
)
EXPAND = OpenApiParameter(
    "expand",
    str,
    OpenApiParameter.QUERY,
    description="Haal details van gelinkte resources direct op. Als je meerdere resources tegelijk wilt ophalen kun "
    "je deze scheiden met een komma. Voor het ophalen van resources die een laag dieper genest zijn wordt de "
    "punt-notatie gebruikt.",
)
PAGE = OpenApiParameter(
    "page", int, OpenApiParameter.QUERY, description="Een pagina binnen de gepagineerde set resultaten."
)

WRITES = ("create", "update", "partial_update", "destroy")


CONTENT_CRS_HEADER = {
    "schema": {"type": "string", "enum": ["EPSG:4326"]},
    "description": "Het 'Coordinate Reference System' (CRS) van de geometrie in de vraag (request body). Volgens de "
    "GeoJSON spec is WGS84 de default (EPSG:4326 is hetzelfde als WGS84).",
}


class ZakenAutoSchema(ZGWAutoSchema):
    def _get_response_for_code(self, serializer, status_code, media_types=None, direction="response"):
        response = super()._get_response_for_code(serializer, status_code, media_types, direction)
        if getattr(self.view, "geo", False) and str(status_code) in ("200", "201"):
            response.setdefault("headers", {})["Content-Crs"] = CONTENT_CRS_HEADER
        # response headers a view declares per (action, status), e.g. X-Warning on zaakeigenschap_create (1.7.0)
        extra = getattr(self.view, "extra_response_headers", {}).get(
            (getattr(self.view, "action", None), str(status_code))
        )
        if extra:
            response.setdefault("headers", {}).update(extra)
        return response

    def _get_parameters(self):
        params = super()._get_parameters()
        if self.method == "HEAD":
            params = [p for p in params if p.get("in") != "query"]
        return params

    def get_override_parameters(self):
        params = list(super().get_override_parameters())
        method = self.method.lower()
        action = getattr(self.view, "action", None)
        if method in ("get", "head") and action == "retrieve" and getattr(self.view, "etag_enabled", False):
            params.append(IF_NONE_MATCH)
        if method in ("post", "put", "patch"):
            params.append(JSON_CONTENT_TYPE)
        no_audit = getattr(self.view, "no_audit_headers", ())
        if action in WRITES and action not in no_audit and action != "_zoek":
            params += [LOGRECORD, TOELICHTING]
        if getattr(self.view, "geo", False):
            if action == "_zoek":
                params.append(PAGE)
            params.append(ACCEPT_CRS)
            if method in ("post", "put", "patch"):
                params.append(CONTENT_CRS)
            if action in ("list", "retrieve") and method == "get":
                params.append(EXPAND)
        return params

    def get_operation_id(self):
        prefix = getattr(self.view, "operation_prefix", "")
        if not prefix:
            return super().get_operation_id()
        if self.method == "HEAD":
            return f"{prefix}_headers"
        action = getattr(self.view, "action", None)
        if action == "_zoek":
            return "zaak__zoek"
        action = getattr(self.view, "operation_names", {}).get(action, action)  # zaaknotitie_read/_delete (1.7.0)
        return f"{prefix}_{action}"


def _distribute_over_variants(node, schemas: dict):
    """Rewrite ``allOf: [$ref: <polymorphic X>, extra]`` as a ``$ref`` to ``XExpanded``, a ``oneOf`` over its variants.

    ``Rol`` is served as a ``oneOf`` (discriminator ``betrokkeneType``) over its variants; an ``allOf`` over a
    ``oneOf`` is valid OpenAPI but code generators (openapi-python-client) refuse it. ``RolExpanded`` here is a
    ``oneOf`` of ``<variant>Expanded`` = ``allOf: [<variant>, extra]``, with the same discriminator: the same
    documents match both spellings.
    """
    if isinstance(node, list):
        return [_distribute_over_variants(item, schemas) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _distribute_over_variants(value, schemas) for key, value in node.items()}
    parts = node.get("allOf")
    if not (parts and len(parts) == 2 and "$ref" in parts[0]):
        return node
    name = parts[0]["$ref"].rsplit("/", 1)[-1]
    target = schemas.get(name, {})
    if "oneOf" not in target or not all("$ref" in variant for variant in target["oneOf"]):
        return node
    extra = {"type": "object", **parts[1]}
    expanded = {}
    for variant in target["oneOf"]:
        variant_name = variant["$ref"].rsplit("/", 1)[-1]
        schemas[f"{variant_name}Expanded"] = {"allOf": [variant, extra]}
        expanded[variant["$ref"]] = f"#/components/schemas/{variant_name}Expanded"
    wrapper = {"oneOf": [{"$ref": ref} for ref in expanded.values()]}
    if "discriminator" in target:
        discriminator = dict(target["discriminator"])
        mapping = discriminator.get("mapping", {})
        discriminator["mapping"] = {value: expanded.get(ref, ref) for value, ref in mapping.items()}
        wrapper["discriminator"] = discriminator
    schemas[f"{name}Expanded"] = wrapper
    rest = {key: value for key, value in node.items() if key != "allOf"}
    return {"$ref": f"#/components/schemas/{name}Expanded", **rest}


# dotted: drf-spectacular imports them; expand_components writes ZaakExpanded/ZaakEmbedded and the other Expanded
POSTPROCESSING_HOOKS = ["zgw.zaken.api.expand_schema.expand_components"]
