"""The Besluiten resources as kinds of the shared ``expand`` graph (``zgw.common.expand``).

Registered under ``"besluiten"`` in the app's ``AppConfig.ready`` so that an API beside this one (Zaken expanding
``zaak.besluiten``, say) can take them with ``registered_kinds("besluiten")`` without importing this app. The kinds
only *name* their targets (``besluittype`` of Catalogi, ``zaak`` of Zaken, ``enkelvoudiginformatieobject`` of
Documenten); whoever builds a graph merges the kinds of those APIs in. Nothing here imports Zaken, at import time or
when the factory runs.

A besluit or besluitinformatieobject is shown when the client may read it directly: ``besluiten.lezen`` for the
besluittype (of the besluit), filtered in SQL as the list endpoints do; a remote besluit by its ``besluittype``.
"""

from __future__ import annotations

import uuid as uuid_module
from functools import cache

from zgw.common.expand import Kind, Link
from zgw.common.permissions import Scope, is_allowed_for

from ..constants import BESLUIT_COLLECTION, BIO_COLLECTION, COMPONENT

LEZEN = Scope("besluiten.lezen")
BESLUIT = "besluit"
BIO = "besluitinformatieobject"
# kind names of the other APIs' graphs (catalogi/api/expand.py, zaken/api/expand.py, documenten/api/expand.py)
BESLUITTYPE = "besluittype"
ZAAK = "zaak"
DOCUMENT = "enkelvoudiginformatieobject"


def may_read_besluiten(request) -> bool:
    """Whether the client has ``besluiten.lezen`` at all (checked before any query)."""
    client = getattr(request, "auth", None)
    return bool(client and (client.heeft_alle_autorisaties or "besluiten.lezen" in client.scopes_for(COMPONENT)))


def _load_besluiten(request, uuids: list[uuid_module.UUID]):
    from .. import selectors

    return selectors.authorised_besluiten(selectors.besluiten().filter(uuid__in=uuids), request, LEZEN)


def _load_bios(request, uuids: list[uuid_module.UUID]):
    from .. import selectors

    queryset = selectors.besluitinformatieobjecten().filter(uuid__in=uuids)
    return selectors.authorised_besluitinformatieobjecten(queryset, request, LEZEN)


def render_besluit(request, besluit) -> dict:
    """A besluit as GET /besluiten/{uuid} answers it (without ``_expand``)."""
    from .serializers import BesluitSerializer

    return dict(BesluitSerializer(besluit, context={"request": request}).data)


def render_bio(request, bio) -> dict:
    """A besluitinformatieobject as GET /besluitinformatieobjecten/{uuid} answers it (without ``_expand``)."""
    from .serializers import BesluitInformatieObjectSerializer

    return dict(BesluitInformatieObjectSerializer(bio, context={"request": request}).data)


def _allow_remote_besluit(request, data: dict) -> bool:
    """A besluit of another Besluiten API: the same rule, on the besluittype it names."""
    besluittype = data.get("besluittype")
    return isinstance(besluittype, str) and is_allowed_for(
        getattr(request, "auth", None), COMPONENT, LEZEN, besluittype, "", request
    )


def _allow_remote_bio(request, data: dict) -> bool:
    """A remote besluitinformatieobject does not name its besluittype: only a client with every right sees it."""
    client = getattr(request, "auth", None)
    return bool(client and client.heeft_alle_autorisaties)


@cache
def kinds() -> dict[str, Kind]:
    """``besluit`` and ``besluitinformatieobject``; their links point at kinds of Catalogi, Zaken and Documenten."""
    return {
        BESLUIT: Kind(
            links={"besluittype": Link(BESLUITTYPE), "zaak": Link(ZAAK)},
            collections=frozenset({BESLUIT_COLLECTION}),
            load=_load_besluiten,
            render=render_besluit,
            permitted=may_read_besluiten,
            allow_remote=_allow_remote_besluit,
        ),
        BIO: Kind(
            links={"informatieobject": Link(DOCUMENT), "besluit": Link(BESLUIT)},
            collections=frozenset({BIO_COLLECTION}),
            load=_load_bios,
            render=render_bio,
            permitted=may_read_besluiten,
            allow_remote=_allow_remote_bio,
        ),
    }
