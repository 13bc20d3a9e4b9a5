"""JWT-ZGW authentication (common.md §3) and the interface through which it learns about clients.

The shared app sits at the bottom of the import graph, so it cannot import the Autorisaties app that owns the
credentials and Applicaties. Instead the Autorisaties app registers a :class:`ClientProvider` at start-up
(``AppConfig.ready``) and this module asks it for secrets and resolved autorisaties.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Protocol

import jwt
from django.conf import settings
from rest_framework import authentication, exceptions

from .constants import VERTROUWELIJKHEID_ORDER


@dataclass(frozen=True)
class Grant:
    """One Autorisatie of an Applicatie: scopes on a component, optionally limited to a type and a level."""

    component: str
    scopes: frozenset[str]
    type_ref: str = ""  # normalised type reference (local path or remote URL), "" when not type-scoped
    max_vertrouwelijkheid: str = ""

    def allows_level(self, level: str) -> bool:
        if not self.max_vertrouwelijkheid:
            return True
        return VERTROUWELIJKHEID_ORDER.get(level, 99) <= VERTROUWELIJKHEID_ORDER.get(
            self.max_vertrouwelijkheid, -1
        )


@dataclass(frozen=True)
class ClientAuth:
    """What a client may do: the resolved Applicatie of a JWT client id."""

    client_id: str
    applicatie_uuid: str = ""
    label: str = ""
    heeft_alle_autorisaties: bool = False
    grants: tuple[Grant, ...] = ()
    # Autorisaties 1.1.0 alleenIsGereedVoorPublicatie: read only documents marked ready for publication
    alleen_is_gereed_voor_publicatie: bool = False

    def grants_for(self, component: str) -> list[Grant]:
        return [grant for grant in self.grants if grant.component == component]

    def scopes_for(self, component: str) -> frozenset[str]:
        scopes: set[str] = set()
        for grant in self.grants_for(component):
            scopes |= grant.scopes
        return frozenset(scopes)


@dataclass
class ZGWUser:
    """The authenticated caller: a client application, plus the end user named in the token (audit trail)."""

    client_id: str
    user_id: str = ""
    user_representation: str = ""
    claims: dict = field(default_factory=dict)
    is_authenticated: bool = True
    is_active: bool = True
    is_staff: bool = False
    is_superuser: bool = False
    is_anonymous: bool = False

    def __str__(self) -> str:
        return self.client_id


class ClientProvider(Protocol):
    def get_secret(self, client_id: str) -> str | None: ...

    def get_client(self, client_id: str) -> ClientAuth | None: ...


_provider: ClientProvider | None = None


def register_client_provider(provider: ClientProvider) -> None:
    global _provider
    _provider = provider


def get_client_provider() -> ClientProvider:
    if _provider is None:  # pragma: no cover - configuration error
        raise RuntimeError("No ClientProvider registered (is zgw.autorisaties installed?)")
    return _provider


class JWTAuthenticationFailed(exceptions.AuthenticationFailed):
    default_detail = "De JWT is ongeldig."


def _fail(code: str, detail: str) -> JWTAuthenticationFailed:
    return JWTAuthenticationFailed(detail=detail, code=code)


def decode_token(token: str) -> tuple[str, dict]:
    """Validate a JWT-ZGW token; return (client_id, claims) or raise JWTAuthenticationFailed."""
    try:
        unverified = jwt.decode(token, options={"verify_signature": False})
    except jwt.PyJWTError:
        raise _fail("jwt-decode-error", "De JWT kon niet gedecodeerd worden.")
    if not isinstance(unverified, dict):
        raise _fail("jwt-decode-error", "De JWT kon niet gedecodeerd worden.")
    client_id = unverified.get("client_id") or unverified.get("iss")
    if not client_id or not isinstance(client_id, str):
        raise _fail("missing-client-identifier", "Client identifier ontbreekt in de JWT (client_id of iss).")
    secret = get_client_provider().get_secret(client_id)
    if not secret:
        raise _fail("invalid-client-identifier", f"Client identifier '{client_id}' is onbekend.")
    leeway = settings.JWT_LEEWAY
    try:
        claims = jwt.decode(
            token,
            secret,
            algorithms=["HS256"],
            leeway=leeway,
            options={"require": ["iat"], "verify_aud": False},
        )
    except jwt.InvalidSignatureError:
        raise _fail("invalid-jwt-signature", "De JWT-signature is ongeldig.")
    except jwt.MissingRequiredClaimError:
        raise _fail("jwt-missing-iat-claim", "De JWT mist de 'iat' claim.")
    except jwt.PyJWTError as exc:
        raise _fail(f"jwt-{type(exc).__name__.lower()}", f"De JWT is ongeldig: {exc}.")
    max_age = settings.JWT_MAX_AGE
    if max_age:
        try:
            issued_at = float(claims["iat"])
        except (TypeError, ValueError):
            raise _fail("jwt-invalidissuedaterror", "De 'iat' claim is geen tijdstip.")
        if time.time() - issued_at >= max_age + leeway:
            raise _fail("jwt-expired", "De JWT is verlopen (iat te oud).")
    return client_id, claims


class JWTAuthentication(authentication.BaseAuthentication):
    """DRF authentication for ``Authorization: Bearer <JWT-ZGW>``.

    No header: not authenticated (the permission check then answers 401). A header that is present but wrong:
    401 with a specific ``code``. ``request.auth`` becomes the resolved :class:`ClientAuth` (or ``None`` when the
    client id has a secret but no Applicatie: every permission check then fails with 403).
    """

    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request)
        if not header:
            return None
        parts = header.split()
        if parts[0].lower() != self.keyword.lower().encode():
            raise _fail("jwt-decode-error", "Authorization header moet van de vorm 'Bearer <JWT>' zijn.")
        if len(parts) != 2:
            raise _fail("jwt-decode-error", "Authorization header moet van de vorm 'Bearer <JWT>' zijn.")
        try:
            token = parts[1].decode()
        except UnicodeDecodeError:
            raise _fail("jwt-decode-error", "De JWT kon niet gedecodeerd worden.")
        client_id, claims = decode_token(token)
        user = ZGWUser(
            client_id=client_id,
            user_id=str(claims.get("user_id") or "")[:255],
            user_representation=str(claims.get("user_representation") or "")[:255],
            claims=claims,
        )
        return user, get_client_provider().get_client(client_id)

    def authenticate_header(self, request) -> str:
        return 'Bearer realm="api"'


def make_token(
    client_id: str, secret: str, *, user_id: str = "", user_representation: str = "", iat: int | None = None
) -> str:
    """Build a JWT-ZGW token (used by ``zgw_token``, the quickstart and tests)."""
    payload = {
        "iss": client_id,
        "client_id": client_id,
        "iat": int(time.time()) if iat is None else iat,
        "user_id": user_id,
        "user_representation": user_representation,
    }
    return jwt.encode(payload, secret, algorithm="HS256")


class AdminSessionAuthentication(authentication.SessionAuthentication):
    """The browsable API for a person logged in to the admin (issue 18 §3, docs/decisions.md).

    Only active staff users count. The session maps onto a :class:`ClientAuth` without a JWT client:

    - a superuser gets ``heeftAlleAutorisaties`` (reads and writes, like a client with all rights);
    - any other staff user reads everything (GET, HEAD, OPTIONS) and is refused every write with 403.

    Writes keep Django's CSRF check. Tried after :class:`JWTAuthentication`, so a request that carries a Bearer
    token is judged by the token alone, and a 401 still announces ``WWW-Authenticate: Bearer``.
    """

    def authenticate(self, request):
        django_user = getattr(request._request, "user", None)
        if django_user is None or not django_user.is_active or not django_user.is_staff:
            return None
        self.enforce_csrf(request)
        return session_identity(django_user, request.method)


def session_identity(django_user, method: str) -> tuple[ZGWUser, ClientAuth]:
    """The (user, client) pair an admin session stands for; see :class:`AdminSessionAuthentication`."""
    client_id = f"admin:{django_user.get_username()}"
    may_write = bool(django_user.is_superuser)
    reading = method.upper() in ("GET", "HEAD", "OPTIONS")
    user = ZGWUser(
        client_id=client_id,
        user_id=django_user.get_username(),
        user_representation=django_user.get_full_name() or django_user.get_username(),
        is_staff=True,
        is_superuser=may_write,
    )
    client = ClientAuth(
        client_id=client_id,
        label=f"Beheer-sessie van {django_user.get_username()}",
        heeft_alle_autorisaties=may_write or reading,
    )
    return user, client
