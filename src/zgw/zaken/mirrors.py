"""zrc-024 / zrc-025: mirror ZaakVerzoek / ZaakContactMoment into the remote Verzoeken / Contactmomenten API.

The remote resource must resolve (``bad-url`` otherwise); the relation is mirrored as
``objectverzoeken`` / ``objectcontactmomenten`` ``{object, objectType: "zaak", <kind>}`` on the API root of the
referenced resource. A failing mirror call → 400 ``pending-relations`` and the request is rolled back.
"""

from __future__ import annotations

from dataclasses import dataclass

from rest_framework.exceptions import ErrorDetail, ValidationError

from zgw.common.references import RemoteFetchError, fetch_json, json_of, remote_call, results_of


@dataclass(frozen=True)
class MirrorKind:
    field: str  # "verzoek" / "contactmoment"
    collection: str  # "verzoeken" / "contactmomenten"
    api_name: str

    @property
    def mirror_collection(self) -> str:
        return f"object{self.collection}"


VERZOEK = MirrorKind("verzoek", "verzoeken", "Verzoeken API")
CONTACTMOMENT = MirrorKind("contactmoment", "contactmomenten", "Contactmomenten API")


def _error(name: str, message: str, code: str) -> ValidationError:
    return ValidationError({name: [ErrorDetail(message, code=code)]})


def api_root(url: str, kind: MirrorKind) -> str:
    """``https://host/api/v1/verzoeken/<uuid>`` → ``https://host/api/v1``."""
    marker = f"/{kind.collection}/"
    return url.rsplit(marker, 1)[0] if marker in url else url.rsplit("/", 2)[0]


def validate_remote(url: str, kind: MirrorKind) -> None:
    """The referenced verzoek/contactmoment must be fetchable JSON with a ``url``."""
    try:
        data = fetch_json(url)
    except RemoteFetchError as exc:
        raise _error(kind.field, exc.message, exc.code)
    if not isinstance(data, dict) or "url" not in data:
        raise _error(kind.field, f"De URL is geen geldig object uit de {kind.api_name}.", "invalid-resource")


def mirror(url: str, zaak_url: str, kind: MirrorKind) -> None:
    try:
        remote_call(
            "POST",
            f"{api_root(url, kind)}/{kind.mirror_collection}",
            json={"object": zaak_url, "objectType": "zaak", kind.field: url},
            ok=(200, 201),
        )
    except RemoteFetchError:
        raise _error(kind.field, f"De relatie kon niet gespiegeld worden in de {kind.api_name}.", "pending-relations")


def unmirror(url: str, zaak_url: str, kind: MirrorKind) -> None:
    try:
        found = remote_call(
            "GET", f"{api_root(url, kind)}/{kind.mirror_collection}", params={"object": zaak_url, kind.field: url}
        )
        for item in results_of(json_of(found), strict=True):
            remote_call("DELETE", item["url"], ok=(200, 204, 404))
    except (RemoteFetchError, KeyError, TypeError, AttributeError):
        raise _error(
            "nonFieldErrors", f"De relatie kon niet verwijderd worden in de {kind.api_name}.", "pending-relations"
        )
