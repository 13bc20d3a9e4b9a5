"""ZaakObject ``objectTypeOverigeDefinitie`` (zaken.md §ZaakObject, OAS description of the field).

The definitie names an objecttype resource (``url``) and two jq expressions: ``schema`` selects a JSON Schema from
that resource, ``objectData`` selects the object's data from the zaakobject's ``object`` resource. The data must
validate against the schema (``invalid-schema``); anything else that goes wrong (an unreachable URL, a jq expression
that does not compile or selects nothing) is ``invalid``.
"""

from __future__ import annotations

from typing import Any

import jq
import jsonschema
from rest_framework.exceptions import ErrorDetail, ValidationError

from zgw.common.references import RemoteFetchError, fetch_json

FIELD = "objectTypeOverigeDefinitie"


def _invalid(name: str, message: str, code: str = "invalid") -> ValidationError:
    return ValidationError({name: [ErrorDetail(message, code=code)]})


def _select(expression: str, document: Any, what: str) -> Any:
    try:
        return jq.compile(expression).input_value(document).first()
    except (ValueError, StopIteration) as exc:
        raise _invalid(FIELD, f"De jq-expressie voor {what} is ongeldig of selecteert niets: {exc}")


def _fetch(url: str, name: str) -> Any:
    try:
        return fetch_json(url)
    except RemoteFetchError as exc:
        raise _invalid(name, exc.message, exc.code)


def validate_object_type_overige_definitie(definitie: dict, object_url: str) -> None:
    """Fetch the objecttype and the object, select schema and data with jq, and validate the data."""
    if not object_url:
        raise _invalid("object", "Bij objectTypeOverigeDefinitie is een object-URL vereist.", "required")
    objecttype = _fetch(definitie["url"], FIELD)
    schema = _select(definitie["schema"], objecttype, "schema")
    data = _select(definitie["objectData"], _fetch(object_url, "object"), "objectData")
    try:
        jsonschema.validate(data, schema)
    except jsonschema.SchemaError as exc:
        raise _invalid(FIELD, f"Het geselecteerde schema is geen geldig JSON-schema: {exc.message}")
    except jsonschema.ValidationError as exc:
        raise _invalid("object", f"De objectgegevens voldoen niet aan het schema: {exc.message}", "invalid-schema")
