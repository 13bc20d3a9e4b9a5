"""The Catalogi types as kinds of the ``expand`` graph (``zgw.common.expand``), for the APIs that expand into them.

Every URL field a Catalogi type renders that points at another Catalogi object is a link, so an expanded type can
be expanded further (``zaaktype.statustypen``, ``informatieobjecttype.besluittypen.zaaktypen``). URLs into other
registries (Referentielijsten: ``selectielijstProcestype``, ``resultaattypeomschrijving``, ``selectielijstklasse``;
``productenOfDiensten``, ``objecttype``, ``broncatalogus``/``bronzaaktype``) are no links. Objects are rendered by the
Catalogi API's own serializers, loaded with its own querysets (one query plus fixed prefetches per kind and level;
the relations by name of a loaded batch are resolved together, :mod:`zgw.catalogi.relations`).

The Catalogi API itself answers ``expand`` on every GET (Catalogi 1.3.2, the ``…Expanded`` schemas): :func:`expand`.
"""

from __future__ import annotations

import datetime
import time
import uuid as uuid_module
from collections.abc import Callable, Hashable
from functools import cache

from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers

from zgw.common import expand as engine
from zgw.common.expand import Kind, Link

API = "catalogi"

# kind → (collection, JSON field → (target kind, many, url key))
_LINKS: dict[str, tuple[str, dict[str, tuple[str, bool, str | None]]]] = {
    "catalogus": (
        "catalogussen",
        {
            "zaaktypen": ("zaaktype", True, None),
            "besluittypen": ("besluittype", True, None),
            "informatieobjecttypen": ("informatieobjecttype", True, None),
        },
    ),
    "zaaktype": (
        "zaaktypen",
        {
            "catalogus": ("catalogus", False, None),
            "statustypen": ("statustype", True, None),
            "resultaattypen": ("resultaattype", True, None),
            "eigenschappen": ("eigenschap", True, None),
            "roltypen": ("roltype", True, None),
            "zaakobjecttypen": ("zaakobjecttype", True, None),
            "informatieobjecttypen": ("informatieobjecttype", True, None),
            "besluittypen": ("besluittype", True, None),
            "deelzaaktypen": ("zaaktype", True, None),
            "gerelateerdeZaaktypen": ("zaaktype", True, "zaaktype"),
        },
    ),
    "statustype": (
        "statustypen",
        {
            "zaaktype": ("zaaktype", False, None),
            "catalogus": ("catalogus", False, None),
            "eigenschappen": ("eigenschap", True, None),
        },
    ),
    "roltype": ("roltypen", {"zaaktype": ("zaaktype", False, None), "catalogus": ("catalogus", False, None)}),
    "resultaattype": (
        "resultaattypen",
        {
            "zaaktype": ("zaaktype", False, None),
            "catalogus": ("catalogus", False, None),
            "besluittypen": ("besluittype", True, None),
            "informatieobjecttypen": ("informatieobjecttype", True, None),
        },
    ),
    "eigenschap": (
        "eigenschappen",
        {
            "zaaktype": ("zaaktype", False, None),
            "catalogus": ("catalogus", False, None),
            "statustype": ("statustype", False, None),
        },
    ),
    "zaakobjecttype": (
        "zaakobjecttypen",
        {
            "zaaktype": ("zaaktype", False, None),
            "catalogus": ("catalogus", False, None),
            "statustypen": ("statustype", True, None),
            "resultaattypen": ("resultaattype", True, None),
        },
    ),
    "informatieobjecttype": (
        "informatieobjecttypen",
        {
            "catalogus": ("catalogus", False, None),
            "zaaktypen": ("zaaktype", True, None),
            "besluittypen": ("besluittype", True, None),
        },
    ),
    "zaaktypeinformatieobjecttype": (
        "zaaktype-informatieobjecttypen",
        {
            "zaaktype": ("zaaktype", False, None),
            "catalogus": ("catalogus", False, None),
            "informatieobjecttype": ("informatieobjecttype", False, None),
            "statustype": ("statustype", False, None),
        },
    ),
    "besluittype": (
        "besluittypen",
        {
            "catalogus": ("catalogus", False, None),
            "zaaktypen": ("zaaktype", True, None),
            "informatieobjecttypen": ("informatieobjecttype", True, None),
            "resultaattypen": ("resultaattype", True, None),
        },
    ),
}


def may_read(request) -> bool:
    """Whether the client may read the Catalogi API at all — what ``CatalogiPermission`` grants a direct GET:
    ``catalogi.lezen``, or (ztc-014) ``zaken.lezen`` in a zrc or ``documenten.lezen`` in a drc autorisatie."""
    client = getattr(request, "auth", None)
    if client is None or getattr(request, "user", None) is None:
        return False
    if client.heeft_alle_autorisaties:
        return True
    return (
        "catalogi.lezen" in client.scopes_for("ztc")
        or "zaken.lezen" in client.scopes_for("zrc")
        or "documenten.lezen" in client.scopes_for("drc")
    )


@cache
def _sources() -> dict[str, tuple[Callable, type[serializers.Serializer]]]:
    """Queryset and serializer per kind (built on first use: the app registry must be ready)."""
    from .. import selectors as s
    from . import serializers as cs

    return {
        "catalogus": (s.catalogus_queryset, cs.CatalogusSerializer),
        "zaaktype": (s.zaaktype_queryset, cs.ZaakTypeSerializer),
        "statustype": (s.statustype_queryset, cs.StatusTypeSerializer),
        "roltype": (s.roltype_queryset, cs.RolTypeSerializer),
        "resultaattype": (s.resultaattype_queryset, cs.ResultaatTypeSerializer),
        "eigenschap": (s.eigenschap_queryset, cs.EigenschapSerializer),
        "zaakobjecttype": (s.zaakobjecttype_queryset, cs.ZaakObjectTypeSerializer),
        "informatieobjecttype": (s.informatieobjecttype_queryset, cs.InformatieObjectTypeSerializer),
        "besluittype": (s.besluittype_queryset, cs.BesluitTypeSerializer),
        "zaaktypeinformatieobjecttype": (s.ziot_queryset, cs.ZaakTypeInformatieObjectTypeSerializer),
    }


# kinds whose relations by name are resolved per loaded batch (relations.annotate)
_BY_NAME = {
    "zaaktype": "zaaktype",
    "besluittype": "besluittype",
    "informatieobjecttype": "informatieobjecttype",
    "zaaktypeinformatieobjecttype": "ziot",
}


def _loader(name: str) -> Callable:
    def load(request, uuids: list[uuid_module.UUID]):
        from .. import relations

        objs = list(_sources()[name][0]().filter(uuid__in=uuids))
        if name in _BY_NAME:
            relations.annotate(objs, _BY_NAME[name], None, request)
        return objs

    return load


def _renderer(name: str) -> Callable:
    def render(request, obj) -> dict:
        return dict(_sources()[name][1](obj, context={"request": request}).data)

    return render


def render(kind: str, obj, request) -> dict:
    """One Catalogi object as the Catalogi API answers it."""
    return _renderer(kind)(request, obj)


def memo_key(request) -> Hashable | None:
    """Under which key a rendered Catalogi type may be reused (``zgw.common.expand.Memo``), or ``None``.

    Only with the list cache on (a shared cache): its ``catalogi`` version moves with every committed ORM write to
    the Catalogi models, in every process. The key also holds what the rendering depends on besides the row: the base
    URL of the request (absolute URLs) and today's date (the relations by name), and, like the kept lists, a
    ``ZGW_LIST_CACHE_TTL`` period as the safety net for changes that bypass the ORM.
    """
    from django.conf import settings

    from zgw.common import listcache

    if not listcache.enabled() or getattr(request, "build_absolute_uri", None) is None:
        return None
    version = listcache.versions([API])
    if version is None:
        return None
    period = int(time.time() // max(1, settings.ZGW_LIST_CACHE_TTL))
    return version, request.build_absolute_uri("/"), datetime.date.today(), period


@cache
def kinds() -> dict[str, Kind]:
    """The Catalogi part of an ``expand`` graph: merge it into the graph of the API that expands into Catalogi."""
    return {
        name: Kind(
            links={field: Link(target, many, key) for field, (target, many, key) in links.items()},
            collections=frozenset({(API, collection)}),
            load=_loader(name),
            render=_renderer(name),
            permitted=may_read,
            memo=memo_key,
        )
        for name, (collection, links) in _LINKS.items()
    }


EXPAND_PARAMETER = OpenApiParameter(
    "expand",
    str,
    OpenApiParameter.QUERY,
    description="Haal details van gelinkte resources direct op. Als je meerdere resources tegelijk wilt ophalen kun "
    "je deze scheiden met een komma. Voor het ophalen van resources die een laag dieper genest zijn wordt de "
    "punt-notatie gebruikt.",
)


def parse(value, root: str) -> list[tuple[str, ...]]:
    """The paths of an ``expand`` query parameter on a Catalogi GET (400 ``invalid-expand-field`` on an unknown
    field, DECISIONS.md)."""
    if not root:
        return []
    return engine.parse(value, kinds(), root, max_depth=None)


def expand(data: list[dict], root: str, paths: list[tuple[str, ...]], request) -> None:
    """Embed every path into the serialized Catalogi objects ``data`` (of kind ``root``), nested under ``_expand``.

    Every embedded object passes the Catalogi read rule (:func:`may_read`), the same as a direct GET."""
    if paths:
        engine.expand(data, root, paths, kinds(), request)
