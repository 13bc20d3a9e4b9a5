"""``fields`` on ``POST /zaken/_zoek`` (zrc-029, Zaken 1.6+): choose the attributes and the related resources of
each zaak in one element.

``fields`` is an array. A string names an attribute of the zaak (``"*"``: all of them); an object maps a relation to
the array of what to show of it, nested the same way (``{"status": ["datumStatusGezet", {"statustype": ["*"]}]}``).
A relation is one of the fields ``expand`` accepts (the 1.7 ``ZaakEmbedded``), at any depth; the group attributes
(``processobject``, ``verlenging``, ``opschorting``) take the names of their sub-attributes the same way. Related
resources come under ``_expand`` exactly as with ``expand``, each reduced to its selection; a relation's own URL
attribute is only shown when it is selected too.

The zaken themselves are read with only what the selection needs: the columns of the selected attributes, and the
URL-list subqueries (rollen, deelzaken, …) only for the lists selected or needed to follow a relation. Related
resources are resolved by the shared expand engine, so each of them passes its own API's autorisatie filter, and
the work is bounded as for ``expand`` (``ZGW_EXPAND_MAX_OBJECTS``).

``fields`` together with ``expand`` (the deprecated body attribute or the query parameter) is a 400 that names both.
Attribute names of the zaak are checked (400 ``invalid-field``); a name may differ in case from the attribute
(``datumstatusgezet``, as the official example writes it). Names inside related resources that the resource does
not have are simply absent from the answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import OuterRef, Subquery
from rest_framework import exceptions

from zgw.common import expand as engine
from zgw.common import listcache

from .. import selectors
from ..models import Status, Zaak
from . import rows
from .serializers import ZaakSerializer

GROUPS = ("processobject", "verlenging", "opschorting")
CODE = "invalid-field"

# attribute → (model fields for .only(), select_related, annotations); the others read their serializer's source
_NEEDS: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "url": (("uuid",), (), ()),
    "zaaktype": (("zaaktype", "zaaktype_url", "zaaktype__uuid"), ("zaaktype",), ()),
    "hoofdzaak": (("hoofdzaak", "hoofdzaak__uuid"), ("hoofdzaak",), ()),
    "resultaat": (("resultaat__uuid",), ("resultaat",), ()),
    "betalingsindicatieWeergave": (("betalingsindicatie",), (), ()),
    "deelzaken": ((), (), ("_deelzaken_uuids",)),
    "eigenschappen": (("uuid",), (), ("_eigenschappen_uuids",)),
    "rollen": ((), (), ("_rollen_uuids",)),
    "zaakinformatieobjecten": ((), (), ("_zio_uuids",)),
    "zaakobjecten": ((), (), ("_zaakobjecten_uuids",)),
    "status": ((), (), ("_status_uuid",)),
}


@dataclass
class Selection:
    """What to show of one resource: attributes (``None``: all), group attributes with their sub-attributes
    (``None``: the whole group) and related resources with their own selection."""

    attrs: set[str] | None = field(default_factory=set)
    groups: dict[str, set[str] | None] = field(default_factory=dict)
    relations: dict[str, Selection] = field(default_factory=dict)

    def paths(self, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
        result = []
        for name, sub in self.relations.items():
            result.append((*prefix, name))
            result.extend(sub.paths((*prefix, name)))
        return result


def _invalid(message: str, code: str = CODE, name: str = "fields") -> exceptions.ValidationError:
    return exceptions.ValidationError({name: [exceptions.ErrorDetail(message, code=code)]})


def _zaak_attributes() -> dict[str, str]:
    return {name.lower(): name for name in rows.ATTRIBUTES}


def _names(value: Any, where: str) -> list:
    if not isinstance(value, list) or not value:
        raise _invalid(f"{where}: verwacht een niet-lege lijst van velden.", "invalid")
    return value


def _parse(value: Any, kind: str, graph: engine.Graph, where: str, known: dict[str, str] | None) -> Selection:
    """One level of the tree; ``known`` (lower-case → name) checks the attribute names (the zaak level)."""
    selection = Selection()
    for item in _names(value, where):
        if item == "*":
            selection.attrs = None
        elif isinstance(item, str):
            name = known.get(item.lower()) if known is not None else item
            if name is None:
                raise _invalid(f"{where}: '{item}' is geen attribuut van deze resource.")
            if selection.attrs is not None:
                selection.attrs.add(name)
        elif isinstance(item, dict) and item:
            for key, sub in item.items():
                if not isinstance(key, str):
                    raise _invalid(f"{where}: ongeldige sleutel.", "invalid")
                links = graph[kind].links
                link = links.get(key) or next((links[n] for n in links if n.lower() == key.lower()), None)
                name = key if key in links else next((n for n in links if n.lower() == key.lower()), key)
                if link is not None:
                    selection.relations[name] = _parse(sub, link.kind, graph, f"{where}.{name}", None)
                elif known is None or key.lower() in GROUPS:
                    group = known.get(key.lower(), key) if known is not None else key
                    subs = _names(sub, f"{where}.{key}")
                    if not all(isinstance(s, str) for s in subs):
                        raise _invalid(f"{where}.{key}: verwacht namen van attributen.", "invalid")
                    selection.groups[group] = None if "*" in subs else set(subs)
                else:
                    raise _invalid(f"{where}: '{key}' is geen relatie of groepsattribuut van deze resource.")
        else:
            raise _invalid(f"{where}: een veld is een naam of een object.", "invalid")
    return selection


def selection(request) -> Selection | None:
    """The ``fields`` of the ``_zoek`` body as a checked tree, ``None`` without it; 400 beside ``expand``."""
    from .expand import ROOT, graph

    body = request.data if isinstance(request.data, dict) else {}
    if "fields" not in body:
        return None
    if body.get("expand") or request.query_params.get("expand"):
        message = "Gebruik 'fields' of 'expand', niet beide."
        raise exceptions.ValidationError(
            {
                "fields": [exceptions.ErrorDetail(message, code="fields-and-expand")],
                "expand": [exceptions.ErrorDetail(message, code="fields-and-expand")],
            }
        )
    tree = _parse(body["fields"], ROOT, graph(), "fields", _zaak_attributes())
    paths = tree.paths()
    if paths:  # the engine's guards (depth, width) on the same paths
        try:
            engine.parse(",".join(".".join(path) for path in paths), graph(), ROOT, max_depth=None)
        except exceptions.ValidationError as exc:
            raise exceptions.ValidationError({"fields": exc.detail["expand"]})
    return tree


def _needed(tree: Selection) -> set[str]:
    """The zaak attributes to render: the selection plus the URL attributes its relations start from."""
    if tree.attrs is None:
        return set(_zaak_attributes().values())
    return {*tree.attrs, *tree.groups, *tree.relations}


def _queryset(ids, attributes: set[str]):
    """The zaken of ``ids`` with the columns, joins and URL-list subqueries of ``attributes`` only."""
    fields = ZaakSerializer().fields
    only: set[str] = {"id"}
    related: set[str] = set()
    annotations: set[str] = set()
    for name in attributes:
        if name in _NEEDS:
            columns, joins, extra = _NEEDS[name]
            only.update(columns)
            related.update(joins)
            annotations.update(extra)
        else:
            only.add(fields[name].source)
    qs = Zaak.objects.filter(pk__in=list(ids)).select_related(*related).only(*only)
    values = {}
    for name in annotations:
        if name == "_status_uuid":
            latest = Status.objects.filter(zaak=OuterRef("pk")).order_by("-datum_status_gezet").values("uuid")[:1]
            values[name] = Subquery(latest)
        else:
            values[name] = selectors._uuid_array(*selectors.AGGREGATED[name])
    return qs.annotate(**values)


def _render_selected(zaken: list[Zaak], attributes: set[str], request) -> list[dict]:
    """The zaken (read with only what ``attributes`` need) rendered by api/rows.py, reduced to ``attributes``."""
    values = [rows.instance_values(zaak, complete=False) for zaak in zaken]
    return [{k: v for k, v in item.items() if k in attributes} for item in rows.render_values(values, request)]


def _pick(obj: dict, names: set[str]) -> dict:
    lower = {key.lower(): key for key in obj}
    return {lower[n.lower()]: obj[lower[n.lower()]] for n in names if n.lower() in lower}


def prune(obj: Any, tree: Selection) -> Any:
    """``obj`` (a rendered resource, with ``_expand``) reduced to ``tree``."""
    if not isinstance(obj, dict) or not obj:
        return obj
    if tree.attrs is None:
        out = {key: value for key, value in obj.items() if key != "_expand"}
    else:
        out = _pick(obj, tree.attrs)
    for group, subs in tree.groups.items():
        value = _pick(obj, {group}).get(group, obj.get(group))
        out[group] = _pick(value, subs) if isinstance(value, dict) and subs is not None else value
    if tree.relations:
        embedded = obj.get("_expand") or {}
        out["_expand"] = {}
        for name, sub in tree.relations.items():
            value = embedded.get(name)
            out["_expand"][name] = [prune(v, sub) for v in value] if isinstance(value, list) else prune(value, sub)
    return out


def render_page(view, tree: Selection, narrow) -> list[dict]:
    """The requested page of ``narrow(visible zaken)``, each zaak reduced to ``tree`` (zrc-029)."""
    from ..services import SCOPE_LEZEN
    from .expand import ROOT, graph

    request = view.request
    lean = selectors.authorised(Zaak.objects.all(), request, SCOPE_LEZEN)
    ids = list(view.paginate_queryset(listcache.ids(narrow(lean), tags=("zaken", "catalogi"))))
    attributes = _needed(tree)
    if connection.vendor == "postgresql":
        found = {zaak.pk: zaak for zaak in _queryset(ids, attributes)}
        items = _render_selected([found[pk] for pk in ids if pk in found], attributes, request)
    else:  # the URL-list subqueries are PostgreSQL's: render the whole zaak, then reduce it
        zaken = {zaak.pk: zaak for zaak in selectors.zaken().filter(pk__in=ids)}
        items = [rows.render_zaak(zaken[pk], request) for pk in ids if pk in zaken]
    paths = tree.paths()
    if paths:
        engine.expand(items, ROOT, paths, graph(), request)
    return [prune(item, tree) for item in items]
