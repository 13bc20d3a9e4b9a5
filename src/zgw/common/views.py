from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
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


# The APIs on the landing page, in the order a newcomer meets them; referentielijsten has no Swagger UI of its own.
LANDING_APIS = [
    ("catalogi", "Catalogi API", True),
    ("zaken", "Zaken API", True),
    ("documenten", "Documenten API", True),
    ("besluiten", "Besluiten API", True),
    ("autorisaties", "Autorisaties API", True),
    ("notificaties", "Notificaties API", True),
    ("referentielijsten", "Referentielijsten API (ingebouwd)", False),
]


def landing(request) -> HttpResponse:
    """``/``: the API roots, their documentation and the admin, instead of a redirect to a login form."""
    apis = [
        {
            "root": f"/{name}/api/v1/",
            "title": title,
            "version": settings.ZGW_API_VERSIONS.get(name, ""),
            "schema": schema,
        }
        for name, title, schema in LANDING_APIS
    ]
    return render(request, "zgw/index.html", {"apis": apis, "admin_url": reverse("admin:index")})
