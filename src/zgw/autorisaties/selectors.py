"""Reads of the Autorisaties app, including the cached client resolution every API request uses."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.cache import cache
from django.db.models import QuerySet

from zgw.common.auth import ClientAuth, Grant
from zgw.common.references import normalise_ref

from .models import Applicatie, ClientCredential

_GENERATION_KEY = "zgw:ac:generation"


def applicaties() -> QuerySet[Applicatie]:
    return Applicatie.objects.prefetch_related("client_identifiers", "autorisaties")


def applicatie_for_client_id(client_id: str) -> Applicatie | None:
    return applicaties().filter(client_identifiers__client_id=client_id).first()


def _generation() -> str:
    generation = cache.get(_GENERATION_KEY)
    if generation is None:
        generation = uuid.uuid4().hex
        cache.add(_GENERATION_KEY, generation, None)
        generation = cache.get(_GENERATION_KEY, generation)
    return generation


def invalidate_client_cache() -> None:
    """Called by every write to applicaties/credentials: all cached resolutions become stale at once."""
    cache.set(_GENERATION_KEY, uuid.uuid4().hex, None)


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
    )


class ApplicatieClientProvider:
    """Resolves client ids for the JWT authentication, cached per cache generation."""

    _MISSING = "__none__"

    def get_secret(self, client_id: str) -> str | None:
        key = f"zgw:ac:{_generation()}:secret:{client_id}"
        secret = cache.get(key)
        if secret is None:
            secret = (
                ClientCredential.objects.filter(client_id=client_id).values_list("secret", flat=True).first()
                or self._MISSING
            )
            cache.set(key, secret, settings.AUTORISATIES_CACHE_SECONDS)
        return None if secret == self._MISSING else secret

    def get_client(self, client_id: str) -> ClientAuth | None:
        key = f"zgw:ac:{_generation()}:client:{client_id}"
        cached = cache.get(key)
        if cached is None:
            resolved = build_client_auth(client_id, applicatie_for_client_id(client_id))
            cached = resolved if resolved is not None else self._MISSING
            cache.set(key, cached, settings.AUTORISATIES_CACHE_SECONDS)
        return None if cached == self._MISSING else cached
