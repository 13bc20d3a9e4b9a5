from django.http import HttpResponse
from django.utils.html import escape

from .exceptions import TITLES


def error_type(request, name: str) -> HttpResponse:
    """The page a Problem-JSON ``type`` points at."""
    known = {
        "ValidationError": (400, "De invoer is ongeldig; zie invalidParams."),
        "NotAuthenticated": (401, "Authenticatie ontbreekt."),
        "AuthenticationFailed": (401, "De authenticatie is mislukt."),
        "JWTAuthenticationFailed": (401, "De JWT is ongeldig."),
        "PermissionDenied": (403, "Onvoldoende rechten."),
        "NotFound": (404, "Het object bestaat niet."),
        "MethodNotAllowed": (405, "De methode is niet toegestaan."),
        "NotAcceptable": (406, "De gevraagde representatie is niet beschikbaar."),
        "PreconditionFailed": (412, "Een vereiste header ontbreekt."),
        "UnsupportedMediaType": (415, "Het media type wordt niet ondersteund."),
        "Throttled": (429, "Te veel verzoeken."),
        "APIException": (500, "Interne fout."),
    }
    status, text = known.get(name, (None, "Onbekend fouttype."))
    title = TITLES.get(status, name) if status else name
    html = f"<h1>{escape(name)}</h1><p>{escape(title)}</p><p>{escape(text)}</p>"
    return HttpResponse(html, status=200 if status else 404)
