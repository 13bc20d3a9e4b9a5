"""Reads of the Autorisaties app, including the cached client resolution every API request uses."""

from __future__ import annotations

import time
import uuid

from django.conf import settings
from django.db.models import QuerySet

from zgw.common import safecache
from zgw.common.auth import ClientAuth, Grant
from zgw.common.references import normalise_ref

from .models import Applicatie, ClientCredential

_GENERATION_KEY = "zgw:ac:generation"


def applicaties() -> QuerySet[Applicatie]:
    return Applicatie.objects.prefetch_related("client_identifiers", "autorisaties")


def applicatie_for_client_id(client_id: str) -> Applicatie | None:
    return applicaties().filter(client_identifiers__client_id=client_id).first()


def _generation() -> str | None:
    """The current generation; ``None`` while the shared cache is unavailable (then nothing may be memoised)."""
    generation = safecache.get(_GENERATION_KEY)
    if generation is None:
        generation = uuid.uuid4().hex
        safecache.add(_GENERATION_KEY, generation, None)
        generation = safecache.get(_GENERATION_KEY)
    return generation if safecache.available() else None


def invalidate_client_cache() -> None:
    """Called by every write to applicaties/credentials: all cached resolutions become stale at once.

    With the cache down the new generation is written as soon as it answers again (in this process).
    """
    if not safecache.set(_GENERATION_KEY, uuid.uuid4().hex, None):
        safecache.retry_when_available("autorisaties-generation", invalidate_client_cache)


def build_client_auth(client_id: str, applicatie: Applicatie | None) -> ClientAuth | None:
    if applicatie is None:
        return None
    grants = tuple(
        Grant(
            component=autorisatie.component,
            scopes=frozenset(autorisatie.scopes or []),
            type_ref=normalise_ref(autorisatie.type_url) if autorisatie.type_url else "",
            max_vertrouwelijkheid=autorisatie.max_vertrouwelijkheidaanduiding or "",
        )
        for autorisatie in applicatie.autorisaties.all()
    )
    return ClientAuth(
        client_id=client_id,
        applicatie_uuid=str(applicatie.uuid),
        label=applicatie.label,
        heeft_alle_autorisaties=applicatie.heeft_alle_autorisaties,
        grants=grants,
        alleen_is_gereed_voor_publicatie=applicatie.alleen_is_gereed_voor_publicatie,
    )


class ApplicatieClientProvider:
    """Resolves client ids for the JWT authentication.

    Resolutions are memoised in process memory per cache *generation*; a write anywhere bumps the generation in the
    shared cache, so every process drops its memo on its next request. A request costs one cache read (the
    generation) instead of one per lookup.
    """

    def __init__(self) -> None:
        self._generation: str | None = None
        self._since = 0.0
        self._secrets: dict[str, str | None] = {}
        self._clients: dict[str, ClientAuth | None] = {}

    def _current(self) -> None:
        generation = _generation()
        now = time.monotonic()
        if generation is None:  # cache unavailable: every request reads the database, nothing is kept
            self._generation = None
            self._secrets = {}
            self._clients = {}
            return
        # also expire after AUTORISATIES_CACHE_SECONDS, for changes made behind the application's back (raw SQL)
        if generation != self._generation or now - self._since > settings.AUTORISATIES_CACHE_SECONDS:
            self._generation = generation
            self._since = now
            self._secrets = {}
            self._clients = {}

    def get_secret(self, client_id: str) -> str | None:
        self._current()
        secret = self._secrets.get(client_id)
        if secret is None:
            # misses are not memoised: a client created by another process (zgw_client) works at once
            secret = ClientCredential.objects.filter(client_id=client_id).values_list("secret", flat=True).first()
            if secret:
                self._secrets[client_id] = secret
        return secret or None

    def get_client(self, client_id: str) -> ClientAuth | None:
        # get_secret ran just before for this request and refreshed the generation
        if self._generation is None:
            self._current()
        client = self._clients.get(client_id)
        if client is None:
            client = build_client_auth(client_id, applicatie_for_client_id(client_id))
            if client is not None:
                self._clients[client_id] = client
        return client
