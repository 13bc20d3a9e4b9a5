"""``expand`` of Besluiten 1.1.0 on ``GET /besluiten[/{uuid}]`` and ``GET /besluitinformatieobjecten[/{uuid}]``.

The shared resolver (``zgw.common.expand``) works on one graph: the Besluiten kinds (``api/kinds.py``), the Zaken
graph (zaken and their sub-resources, with the Catalogi types) and the Documenten kinds. A besluit expands
``besluittype`` and ``zaak``, a besluitinformatieobject ``informatieobject`` and ``besluit``; from there every link
of the target's own graph can be followed (``besluit.zaak.status.statustype``, ``informatieobject.
informatieobjecttype.catalogus``), as deep as the engine's ``MAX_LEVELS`` (Besluiten 1.1.0 sets no depth of its own;
BEHAVIOUR.md §4). Unknown fields → 400 ``invalid-expand-field`` (DECISIONS.md); more objects than
``ZGW_EXPAND_MAX_OBJECTS`` → 400 ``expand-limit``.

Each level is resolved for the whole page at once (one load per kind and level). Every embedded object passes the
judgement of a direct read in its own API (besluiten by besluittype, zaken by zaaktype and level, documents by
informatieobjecttype and level, Catalogi types by read rights on Catalogi); what the client may not see is ``{}``.
Without ``expand`` the bodies are exactly those of 1.0.2 (no ``_expand`` key).
"""

from __future__ import annotations

import dataclasses
from functools import cache

from drf_spectacular.utils import OpenApiParameter

from zgw.common import expand as engine
from zgw.common.expand import Kind
from zgw.common.permissions import Scope, is_allowed_for

from .kinds import DOCUMENT, kinds

DOCUMENTEN_LEZEN = Scope("documenten.lezen")
EXPAND_PARAMETER = OpenApiParameter(
    "expand",
    str,
    OpenApiParameter.QUERY,
    description="Haal details van gelinkte resources direct op. Als je meerdere resources tegelijk wilt ophalen kun "
    "je deze scheiden met een komma. Voor het ophalen van resources die een laag dieper genest zijn wordt de "
    "punt-notatie gebruikt.",
)


def _document_kind(kind: Kind) -> Kind:
    """The Documenten kind, rendering ``{}`` for a document that has no version yet (an identity row only), and a
    document of another Documenten API shown only when the client may read documents of its informatieobjecttype
    and vertrouwelijkheidaanduiding (``documenten.lezen``), as a local one."""
    render = kind.render
    allow_remote = kind.allow_remote

    def render_current(request, document) -> dict | None:
        if render is None or document.latest_version_id is None:
            return None
        return render(request, document)

    def allow_remote_document(request, data: dict) -> bool:
        return allow_remote(request, data) and is_allowed_for(
            getattr(request, "auth", None),
            "drc",
            DOCUMENTEN_LEZEN,
            str(data.get("informatieobjecttype") or ""),
            str(data.get("vertrouwelijkheidaanduiding") or ""),
            request,
        )

    return dataclasses.replace(kind, render=render_current, allow_remote=allow_remote_document)


@cache
def graph() -> dict[str, Kind]:
    """Zaken (with Catalogi), Documenten and Besluiten in one graph (built on first use)."""
    from zgw.documenten.api.expand import graph as documenten_graph
    from zgw.zaken.api.expand import graph as zaken_graph

    merged: dict[str, Kind] = {**documenten_graph(), **zaken_graph()}
    merged[DOCUMENT] = _document_kind(merged[DOCUMENT])
    merged.update(kinds())
    return merged


def parse(value, root: str) -> list[tuple[str, ...]]:
    """The valid paths of an ``expand`` query value from ``root`` (``"besluit"`` or ``"besluitinformatieobject"``)."""
    return engine.parse(value, graph(), root, max_depth=None)


def expand(data: list[dict] | dict, paths: list[tuple[str, ...]], root: str, request) -> None:
    """Embed every path into the serialized besluit(en) or besluitinformatieobject(en), in place."""
    if paths:
        engine.expand(data if isinstance(data, list) else [data], root, paths, graph(), request)
