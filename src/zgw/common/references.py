"""URL references between resources (common.md §11).

A reference is an absolute URL. When it points at this server it resolves to a database row (by the resource
registry below); when it points elsewhere it is fetched over HTTP with the credentials of a configured
:class:`~zgw.common.models.Service`, validated and cached.

Components register the models behind their collections in ``AppConfig.ready``::

    register_resource("catalogi", "zaaktypen", ZaakType)
"""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.db import DatabaseError, models

from . import safecache

logger = logging.getLogger(__name__)

UUID_RE = r"[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}"
_LOCAL_PATH = re.compile(rf"^/(?P<api>[a-z]+)/api/v1/(?P<collection>[a-z_-]+)/(?P<uuid>{UUID_RE})/?$")

_registry: dict[tuple[str, str], type[models.Model]] = {}
_reverse_registry: dict[type[models.Model], tuple[str, str]] = {}


def register_resource(api: str, collection: str, model: type[models.Model]) -> None:
    """Declare that ``/<api>/api/v1/<collection>/<uuid>`` identifies a row of ``model`` (by its ``uuid``)."""
    _registry[(api, collection)] = model
    _reverse_registry[model] = (api, collection)


def registered_model(api: str, collection: str) -> type[models.Model] | None:
    return _registry.get((api, collection))


def is_valid_url(url: str) -> bool:
    """An absolute http(s) URL with a host and no white space (internal host names without a TLD are fine)."""
    if not isinstance(url, str) or not url or any(ch.isspace() for ch in url):
        return False
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a malformed port
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


# --- Base URLs --------------------------------------------------------------------------------------------------


_site_base: tuple[float, str] = (0.0, "")
SITE_BASE_URL_TTL = 30.0


def configured_base_url() -> str:
    """``ZGW_BASE_URL``, else the base URL stored in :class:`SiteConfiguration` (memoised for 30 s), else ""."""
    global _site_base
    if settings.ZGW_BASE_URL:
        return settings.ZGW_BASE_URL
    loaded_at, value = _site_base
    now = time.monotonic()
    if now - loaded_at > SITE_BASE_URL_TTL:
        from .models import SiteConfiguration

        try:
            value = (SiteConfiguration.objects.filter(pk=1).values_list("base_url", flat=True).first() or "")
        except DatabaseError:  # no table yet (before migrate)
            value = ""
        value = value.rstrip("/")
        _site_base = (now, value)
    return value


def forget_configured_base_url() -> None:
    global _site_base
    _site_base = (0.0, "")


def request_base_url(request=None) -> str:
    """The scheme and host (plus optional path prefix) under which resource URLs are built."""
    configured = configured_base_url()
    if configured:
        return configured
    if request is None:
        return "http://localhost:8000"
    cached = getattr(request, "_zgw_base_url", None)
    if cached is None:
        django_request = getattr(request, "_request", request)
        cached = f"{django_request.scheme}://{django_request.get_host()}"
        request._zgw_base_url = cached
    return cached


def resource_url(request, api: str, collection: str, uuid: Any) -> str:
    return f"{request_base_url(request)}/{api}/api/v1/{collection}/{uuid}"


def object_url(request, obj: models.Model) -> str:
    api, collection = _reverse_registry[type(obj)]
    return resource_url(request, api, collection, obj.uuid)


def _local_bases(request=None) -> set[str]:
    bases = {b.lower() for b in settings.ZGW_EXTRA_LOCAL_BASE_URLS}
    if configured_base_url():
        bases.add(configured_base_url().lower())
    if request is not None:
        bases.add(request_base_url(request).lower())
    return bases


def local_path(url: str, request=None) -> str | None:
    """The path of ``url`` if it points at this server, else ``None``.

    A URL is local when it starts with a configured base URL, the request's own base, or its host is one of
    ``ALLOWED_HOSTS`` (wildcards excepted).
    """
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    lowered = url.lower()
    for base in _local_bases(request):
        if lowered.startswith(base + "/"):
            return url[len(base) :]
    host = parts.hostname or ""
    allowed = [h for h in settings.ALLOWED_HOSTS if h not in ("*",) and not h.startswith(".")]
    hostport = parts.netloc.lower()
    if host in allowed or hostport in allowed:
        return parts.path
    return None


@dataclass(frozen=True)
class LocalMatch:
    api: str
    collection: str
    uuid: str
    model: type[models.Model] | None


def match_local(url: str, request=None) -> LocalMatch | None:
    path = local_path(url, request)
    if path is None:
        return None
    found = _LOCAL_PATH.match(path)
    if not found:
        return LocalMatch("", "", "", None)
    api, collection, uuid = found.group("api"), found.group("collection"), found.group("uuid")
    return LocalMatch(api, collection, uuid.lower(), _registry.get((api, collection)))


def normalise_ref(url: str, request=None) -> str:
    """A host-independent key for a reference: the path for local URLs, the URL itself otherwise."""
    path = local_path(url, request)
    return path.rstrip("/") if path is not None else url


# --- Remote fetching ----------------------------------------------------------------------------------------------


class RemoteFetchError(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def _auth_headers_for(url: str) -> dict[str, str]:
    from .models import Service  # local import: models import this module's helpers

    service = Service.for_url(url)
    return service.auth_headers() if service else {}


def fetch_json(url: str, *, use_cache: bool = True) -> Any:
    """GET ``url`` (following redirects) with our credentials for its service; return the JSON body.

    Raises :class:`RemoteFetchError` with code ``bad-url`` (no 200) or ``invalid-resource`` (no JSON).
    """
    cache_key = f"zgw:remote:{url}"
    if use_cache:
        cached = safecache.get(cache_key)
        if cached is not None:
            return cached
    try:
        response = requests.get(
            url,
            headers={"Accept": "application/json", **_auth_headers_for(url)},
            timeout=settings.REMOTE_FETCH_TIMEOUT,
        )
    except requests.RequestException as exc:
        raise RemoteFetchError("bad-url", f"De URL {url} kon niet opgehaald worden: {exc}")
    if response.status_code != 200:
        raise RemoteFetchError("bad-url", f"De URL {url} gaf status {response.status_code}.")
    try:
        data = response.json()
    except ValueError:
        raise RemoteFetchError("invalid-resource", f"De URL {url} gaf geen JSON.")
    if use_cache:
        safecache.set(cache_key, data, settings.REMOTE_CACHE_SECONDS)
    return data


def remote_call(
    method: str, url: str, *, json: Any = None, params: dict | None = None, ok: tuple[int, ...] = (200,)
) -> requests.Response:
    """An uncached call to another API with our credentials for its service (as :func:`fetch_json`).

    Raises :class:`RemoteFetchError` with code ``bad-url`` when the call fails or answers a status not in ``ok``;
    callers map it onto their own error.
    """
    try:
        response = requests.request(
            method,
            url,
            json=json,
            params=params,
            headers={"Accept": "application/json", **_auth_headers_for(url)},
            timeout=settings.REMOTE_FETCH_TIMEOUT,
        )
    except requests.RequestException as exc:
        raise RemoteFetchError("bad-url", f"{method} {url} mislukte: {exc}")
    if response.status_code not in ok:
        raise RemoteFetchError("bad-url", f"{method} {url} gaf status {response.status_code}.")
    return response


def json_of(response: requests.Response) -> Any:
    """The JSON body of a :func:`remote_call` response; :class:`RemoteFetchError` ``invalid-resource`` if none."""
    try:
        return response.json()
    except ValueError:
        raise RemoteFetchError("invalid-resource", f"{response.request.method} {response.url} gaf geen JSON.")


def results_of(data: Any, *, strict: bool = False) -> list[dict]:
    """The objects of a paginated (``{"results": [...]}``) or plain list body.

    Anything that is not a list of objects is skipped, or with ``strict`` raises :class:`RemoteFetchError`
    ``invalid-resource``.
    """
    if isinstance(data, dict):
        data = data.get("results", [])
    if strict and not (isinstance(data, list) and all(isinstance(item, dict) for item in data)):
        raise RemoteFetchError("invalid-resource", "De opgehaalde lijst heeft niet de verwachte vorm.")
    return [item for item in data if isinstance(item, dict)] if isinstance(data, list) else []


def validate_remote_shape(data: Any, required: tuple[str, ...]) -> None:
    """Check that a fetched object has the required properties of the expected resource."""
    if not isinstance(data, dict) or any(name not in data for name in required):
        raise RemoteFetchError("invalid-resource", "De opgehaalde resource heeft niet de verwachte vorm.")
