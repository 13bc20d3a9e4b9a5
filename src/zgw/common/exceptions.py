"""Problem-JSON errors (common.md §5) for every 4xx/5xx answer of the APIs."""

from __future__ import annotations

import logging
import re
import uuid
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.db import DataError, IntegrityError, InterfaceError, OperationalError
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from rest_framework import exceptions, status
from rest_framework.response import Response

logger = logging.getLogger(__name__)

PROBLEM_CONTENT_TYPE = "application/problem+json"

TITLES = {
    400: "Invalid input.",
    401: "Authenticatiegegevens ontbreken of zijn ongeldig.",
    403: "U heeft geen toestemming om deze actie uit te voeren.",
    404: "Niet gevonden.",
    405: "Methode niet toegestaan.",
    406: "Kan niet voldoen aan de opgegeven Accept header.",
    409: "Conflict.",
    410: "Gone.",
    412: "Precondition failed.",
    413: "De request body is te groot.",
    415: "Ongeldige media type.",
    429: "Te veel verzoeken.",
    500: "Er is een serverfout opgetreden.",
    503: "De dienst is tijdelijk niet beschikbaar.",
}


class DatabaseUnavailable(exceptions.APIException):
    """The database connection broke during the request (restart, failover, a terminated backend): nothing was
    committed, so the client may retry — a 503 with ``Retry-After``, not a 500."""

    status_code = 503
    default_detail = "De database is tijdelijk niet bereikbaar; probeer het opnieuw."
    default_code = "database-unavailable"
    wait = 1


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = "Precondition failed."
    default_code = "precondition_failed"


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "De request body is te groot (zie DATA_UPLOAD_MAX_MEMORY_SIZE; grote bestanden via bestandsdelen)."
    default_code = "request_too_large"


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "Conflict."
    default_code = "conflict"


_SNAKE = re.compile(r"(?<=[a-z0-9])_([a-z0-9])")


def camelize(name: str) -> str:
    """``max_vertrouwelijkheidaanduiding`` -> ``maxVertrouwelijkheidaanduiding``; ``a__b`` stays as it is."""
    if name.startswith("_"):
        return name
    return _SNAKE.sub(lambda m: m.group(1).upper(), name)


def flatten_errors(detail: Any, prefix: str = "") -> list[dict[str, str]]:
    """Turn DRF's nested error structure into ``invalidParams`` entries with dotted camelCase names."""
    params: list[dict[str, str]] = []
    if isinstance(detail, dict):
        for key, value in detail.items():
            if key in ("non_field_errors", "nonFieldErrors", "__all__"):
                name = prefix or "nonFieldErrors"
            else:
                key = camelize(str(key))
                name = f"{prefix}.{key}" if prefix else key
            params.extend(flatten_errors(value, name))
    elif isinstance(detail, list):
        if all(isinstance(item, (str, exceptions.ErrorDetail)) for item in detail):
            for item in detail:
                params.extend(flatten_errors(item, prefix))
        else:
            for index, item in enumerate(detail):
                if item in ({}, [], None):
                    continue
                params.extend(flatten_errors(item, f"{prefix}.{index}" if prefix else str(index)))
    else:
        code = getattr(detail, "code", None) or "invalid"
        params.append({"name": prefix or "nonFieldErrors", "code": str(code), "reason": str(detail)})
    return params


def error_type_url(request, exc_name: str) -> str:
    from .references import request_base_url

    return f"{request_base_url(request)}/ref/fouten/{exc_name}/"


def problem_body(
    request,
    *,
    status_code: int,
    code: str,
    title: str,
    detail: str,
    exc_name: str,
    invalid_params: list | None = None,
) -> dict:
    body = {
        "type": error_type_url(request, exc_name),
        "code": code,
        "title": title,
        "status": status_code,
        "detail": detail,
        "instance": f"urn:uuid:{uuid.uuid4()}",
    }
    if invalid_params is not None:
        body["invalidParams"] = invalid_params
    return body


# Unique rules enforced by a database constraint: constraint name -> (invalidParams name, code, reason). The checks in
# the services answer the sequential case; this answers the race they cannot see (two transactions at once).
_UNIQUE_RULES: dict[str, tuple[str, str, str]] = {}
UNIQUE_SQLSTATES = ("23505", "23P01")  # unique_violation, exclusion_violation


def register_unique_rule(constraint: str, name: str, code: str = "unique", reason: str = "") -> None:
    """Answer a violation of database constraint ``constraint`` as a 400 ``code`` on ``name``, never a 500."""
    _UNIQUE_RULES[constraint] = (name, code, reason or "Het object is niet uniek.")


def unique_violation(exc: IntegrityError) -> exceptions.ValidationError | None:
    """The validation error for a unique or exclusion violation (PostgreSQL 23505, 23P01); ``None`` for any other
    integrity error."""
    cause = exc.__cause__
    if getattr(cause, "sqlstate", None) not in UNIQUE_SQLSTATES and getattr(cause, "pgcode", None) not in (
        UNIQUE_SQLSTATES
    ):
        if "UNIQUE constraint failed" not in str(exc):  # SQLite (development)
            return None
    diag = getattr(cause, "diag", None)
    constraint = getattr(diag, "constraint_name", None) or ""
    name, code, reason = _UNIQUE_RULES.get(constraint, ("nonFieldErrors", "unique", "Het object is niet uniek."))
    return exceptions.ValidationError({name: [exceptions.ErrorDetail(reason, code=code)]})


def is_html_request(request) -> bool:
    """True when content negotiation chose the browsable API (a person in a browser asked for ``text/html``)."""
    renderer = getattr(request, "accepted_renderer", None)
    return renderer is not None and getattr(renderer, "format", "") == "api"


def problem_exception_handler(exc: Exception, context: dict) -> Response | None:
    """DRF exception handler: every error becomes a Problem body.

    API clients get it as ``application/problem+json``; a browser that negotiated the browsable API gets the same
    body rendered as an HTML page labelled ``text/html``.
    """
    request = context.get("request")
    response = _problem_response(exc, request)
    if request is not None and is_html_request(request):
        response.content_type = None  # the HTML renderer's own media type
    return response


def _problem_response(exc: Exception, request) -> Response:
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, RequestDataTooBig):
        exc = PayloadTooLarge()
    elif isinstance(exc, (ProtectedError, RestrictedError)):  # before IntegrityError: they subclass it
        exc = Conflict(
            detail="Het object kan niet verwijderd worden: andere objecten verwijzen ernaar.", code="protected"
        )
    elif isinstance(exc, IntegrityError):
        exc = unique_violation(exc) or exc
    elif isinstance(exc, DataError):  # a value the database cannot hold (a NUL byte, out of range): bad input
        logger.info("Input the database refused: %s", exc)
        exc = exceptions.ValidationError(
            {"nonFieldErrors": [exceptions.ErrorDetail("Een waarde kan niet opgeslagen of gezocht worden.", "invalid")]}
        )
    elif isinstance(exc, (OperationalError, InterfaceError)):
        logger.warning("Database unavailable during an API request: %s", exc)
        exc = DatabaseUnavailable()

    if not isinstance(exc, exceptions.APIException):
        logger.exception("Unhandled error in API view", exc_info=exc)
        body = problem_body(
            request,
            status_code=500,
            code="error",
            title=TITLES[500],
            detail="Er is een interne fout opgetreden.",
            exc_name="APIException",
        )
        return Response(body, status=500, content_type=PROBLEM_CONTENT_TYPE)

    headers: dict[str, str] = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header
    if getattr(exc, "wait", None):
        headers["Retry-After"] = str(int(exc.wait))

    if isinstance(exc, exceptions.ValidationError):
        invalid = flatten_errors(exc.detail)
        body = problem_body(
            request,
            status_code=400,
            code="invalid",
            title=TITLES[400],
            detail="De invoer is ongeldig.",
            exc_name="ValidationError",
            invalid_params=invalid,
        )
        return Response(body, status=400, content_type=PROBLEM_CONTENT_TYPE, headers=headers)

    detail = exc.detail
    if isinstance(detail, (list, dict)):
        code = "invalid"
        detail_text = "; ".join(p["reason"] for p in flatten_errors(detail))
    else:
        code = getattr(detail, "code", None) or exc.default_code
        detail_text = str(detail)
    status_code = exc.status_code
    title = TITLES.get(status_code, str(exc.default_detail))
    body = problem_body(
        request,
        status_code=status_code,
        code=str(code),
        title=title,
        detail=detail_text,
        exc_name=type(exc).__name__,
        # every 400 is a ValidatieFout, which requires invalidParams (e.g. a body that is no valid JSON)
        invalid_params=[{"name": "nonFieldErrors", "code": str(code), "reason": detail_text}]
        if status_code == 400
        else None,
    )
    return Response(body, status=status_code, content_type=PROBLEM_CONTENT_TYPE, headers=headers)


def wants_html(request) -> bool:
    """A browser asking for a page: ``text/html`` in Accept before any JSON type (Django-level errors)."""
    accept = request.headers.get("Accept", "")
    html = accept.find("text/html")
    if html < 0:
        return False
    json_at = [i for i in (accept.find("application/json"), accept.find("application/problem+json")) if i >= 0]
    return not json_at or html < min(json_at)


def _plain_problem(request, status_code: int, code: str, exc_name: str, detail: str) -> HttpResponse:
    body = problem_body(
        request,
        status_code=status_code,
        code=code,
        title=TITLES[status_code],
        detail=detail,
        exc_name=exc_name,
    )
    if wants_html(request):
        html = render_to_string("zgw/problem.html", {"problem": body, "path": request.path}, request=request)
        return HttpResponse(html, status=status_code, content_type="text/html; charset=utf-8")
    return JsonResponse(body, status=status_code, content_type=PROBLEM_CONTENT_TYPE)


def handler404(request, exception=None):
    """Django-level 404 (e.g. a path id that is no UUID): a Problem under the APIs, HTML elsewhere."""
    if "/api/v1" in request.path:
        return _plain_problem(request, 404, "not_found", "NotFound", "Niet gevonden.")
    from django.views.defaults import page_not_found

    return page_not_found(request, exception)


def handler500(request):
    if "/api/v1" in request.path:
        return _plain_problem(request, 500, "error", "APIException", "Er is een interne fout opgetreden.")
    from django.views.defaults import server_error

    return server_error(request)
