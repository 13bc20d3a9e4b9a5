"""Catalogus export/import: one ZIP of JSON files holding the Catalogi API representations.

Export serialises with the Catalogi API serializers, so every file holds exactly what the API answers. Import
replays the objects through the Catalogi API views themselves (in-process, as a client with all autorisaties), so the
same validation and services apply as for any API client: one implementation of the ztc rules. Every local URL is
rewritten to the newly created object; other URLs (selectielijst, remote types) are kept. Everything is created as a
concept and the types that were published in the export are published at the end, so the concept state survives.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urlsplit

from django.db import transaction
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory, force_authenticate

from zgw.common.auth import ClientAuth, ZGWUser
from zgw.common.references import configured_base_url

from . import models as m
from . import relations, selectors
from .api import serializers as s
from .api import viewsets as v

FORMAT = "zgw-catalogus-export"
FORMAT_VERSION = 1

# collection: (file name, queryset factory, serializer, viewset); sub-types are ordered per zaaktype, so an import
# (which creates them grouped by zaaktype in file order) exports again in the same order.
SUBTYPE_ORDER = ("zaaktype_id", "id")
COLLECTIONS: list[tuple[str, Callable[[m.Catalogus], Any], type, type]] = [
    (
        "informatieobjecttypen",
        lambda c: selectors.informatieobjecttype_queryset().filter(catalogus=c).order_by("id"),
        s.InformatieObjectTypeSerializer,
        v.InformatieObjectTypeViewSet,
    ),
    (
        "besluittypen",
        lambda c: selectors.besluittype_queryset().filter(catalogus=c).order_by("id"),
        s.BesluitTypeSerializer,
        v.BesluitTypeViewSet,
    ),
    (
        "zaaktypen",
        lambda c: selectors.zaaktype_queryset().filter(catalogus=c).order_by("id"),
        s.ZaakTypeSerializer,
        v.ZaakTypeViewSet,
    ),
    (
        "statustypen",
        lambda c: selectors.statustype_queryset().filter(zaaktype__catalogus=c).order_by(*SUBTYPE_ORDER),
        s.StatusTypeSerializer,
        v.StatusTypeViewSet,
    ),
    (
        "eigenschappen",
        lambda c: selectors.eigenschap_queryset().filter(zaaktype__catalogus=c).order_by(*SUBTYPE_ORDER),
        s.EigenschapSerializer,
        v.EigenschapViewSet,
    ),
    (
        "roltypen",
        lambda c: selectors.roltype_queryset().filter(zaaktype__catalogus=c).order_by(*SUBTYPE_ORDER),
        s.RolTypeSerializer,
        v.RolTypeViewSet,
    ),
    (
        "resultaattypen",
        lambda c: selectors.resultaattype_queryset().filter(zaaktype__catalogus=c).order_by(*SUBTYPE_ORDER),
        s.ResultaatTypeSerializer,
        v.ResultaatTypeViewSet,
    ),
    (
        "zaakobjecttypen",
        lambda c: selectors.zaakobjecttype_queryset().filter(zaaktype__catalogus=c).order_by(*SUBTYPE_ORDER),
        s.ZaakObjectTypeSerializer,
        v.ZaakObjectTypeViewSet,
    ),
    (
        "zaaktype-informatieobjecttypen",
        lambda c: selectors.ziot_queryset().filter(zaaktype__catalogus=c).order_by(*SUBTYPE_ORDER),
        s.ZaakTypeInformatieObjectTypeSerializer,
        v.ZaakTypeInformatieObjectTypeViewSet,
    ),
]
VIEWSETS = {"catalogussen": v.CatalogusViewSet, **{name: viewset for name, _qs, _ser, viewset in COLLECTIONS}}
PUBLISHABLE = ("informatieobjecttypen", "besluittypen", "zaaktypen")


class CatalogusImportError(Exception):
    """The import was refused; nothing was written. ``detail`` holds the API's Problem-JSON (if any)."""

    def __init__(self, message: str, detail: Any = None):
        super().__init__(message)
        self.detail = detail


def default_base_url() -> str:
    return configured_base_url() or "http://localhost:8000"


class _InternalClient:
    """Calls the Catalogi API views in-process as a client with all autorisaties (no HTTP, no JWT)."""

    def __init__(self, base_url: str):
        self.base_url = base_url.rstrip("/")
        self.factory = APIRequestFactory()
        self.user = ZGWUser(client_id="zgw-beheer", user_representation="catalogus import")
        self.auth = ClientAuth(client_id="zgw-beheer", label="catalogus import", heeft_alle_autorisaties=True)

    def django_request(self, method: str = "get", data: Any = None):
        path = urlsplit(self.base_url).path or "/"
        request = getattr(self.factory, method)(path, data=data, format="json" if data is not None else None)
        request._zgw_base_url = self.base_url  # read by references.request_base_url: URLs on the target base
        force_authenticate(request, user=self.user, token=self.auth)
        return request

    def call(self, collection: str, action: str, data: Any = None, uuid: str | None = None) -> dict:
        method = {"create": "post", "partial_update": "patch", "publish": "post"}[action]
        view = VIEWSETS[collection].as_view({method: action})
        kwargs = {"uuid": uuid} if uuid else {}
        response = view(self.django_request(method, data if data is not None else {}), **kwargs)
        if response.status_code >= 400:
            raise CatalogusImportError(
                f"{collection} {action} geweigerd ({response.status_code}): {_problem_text(response.data)}",
                response.data,
            )
        return response.data


def _problem_text(data: Any) -> str:
    if isinstance(data, dict) and data.get("invalidParams"):
        return "; ".join(f"{p.get('name')}: {p.get('reason')}" for p in data["invalidParams"])
    if isinstance(data, dict):
        return str(data.get("detail") or data.get("title") or data)
    return str(data)


# --- Export -----------------------------------------------------------------------------------------------------


BY_NAME_KINDS = {
    "zaaktypen": "zaaktype",
    "besluittypen": "besluittype",
    "informatieobjecttypen": "informatieobjecttype",
    "zaaktype-informatieobjecttypen": "ziot",
}


def _stored(collection: str, rows: list) -> list:
    """Rows whose relations by name render as stored (the versions named at write time), not as the versions valid
    today (Catalogi 1.3.2): an export/import round trip and a new version keep exactly what was named."""
    if collection in BY_NAME_KINDS:
        relations.annotate_stored(rows, BY_NAME_KINDS[collection])
    return rows


def export_catalogus_data(catalogus: m.Catalogus, base_url: str | None = None) -> dict[str, Any]:
    """The export as a dict: ``{"catalogus": {...}, "zaaktypen": [...], ...}`` (API representations)."""
    client = _InternalClient(base_url or default_base_url())
    request = Request(client.django_request())
    context = {"request": request}
    fresh = selectors.catalogus_queryset().get(pk=catalogus.pk)
    data: dict[str, Any] = {"catalogus": dict(s.CatalogusSerializer(fresh, context=context).data)}
    for name, queryset, serializer, _viewset in COLLECTIONS:
        rows = _stored(name, list(queryset(catalogus)))
        data[name] = json.loads(json.dumps(serializer(rows, many=True, context=context).data))
    data["catalogus"] = json.loads(json.dumps(data["catalogus"]))
    return data


def export_catalogus(catalogus: m.Catalogus, base_url: str | None = None) -> bytes:
    """The ZIP: ``manifest.json``, ``catalogus.json`` and one ``<collection>.json`` list per resource."""
    data = export_catalogus_data(catalogus, base_url)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        manifest = {"format": FORMAT, "version": FORMAT_VERSION, "catalogus": data["catalogus"]["url"]}
        archive.writestr("manifest.json", json.dumps(manifest, indent=2))
        for name, content in data.items():
            archive.writestr(f"{name}.json", json.dumps(content, indent=2, ensure_ascii=False))
    return buffer.getvalue()


def read_export(content: bytes) -> dict[str, Any]:
    """Parse a ZIP made by :func:`export_catalogus`; a wrong file gives a :class:`CatalogusImportError`."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
            manifest = json.loads(archive.read("manifest.json")) if "manifest.json" in names else {}
            if manifest.get("format") != FORMAT:
                raise CatalogusImportError("Dit is geen catalogus-export (manifest.json ontbreekt of klopt niet).")
            data = {"catalogus": json.loads(archive.read("catalogus.json"))}
            for name, *_rest in COLLECTIONS:
                data[name] = json.loads(archive.read(f"{name}.json")) if f"{name}.json" in names else []
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise CatalogusImportError(f"Ongeldig exportbestand: {exc}") from exc
    items = [data["catalogus"]]
    for name, *_rest in COLLECTIONS:
        if not isinstance(data[name], list):
            raise CatalogusImportError(f"Ongeldig exportbestand: {name}.json is geen lijst.")
        items += data[name]
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("url"), str):
            raise CatalogusImportError("Ongeldig exportbestand: elk object moet een JSON-object met een 'url' zijn.")
    publishable = [item for name in PUBLISHABLE for item in data[name]]
    if any(not isinstance(item.get("concept"), bool) for item in publishable):
        raise CatalogusImportError("Ongeldig exportbestand: 'concept' ontbreekt bij een type.")
    return data


# --- Import -----------------------------------------------------------------------------------------------------


def _rewrite(value: Any, urls: dict[str, str]) -> Any:
    """Replace every string that is an exported local URL by the URL of the new object."""
    if isinstance(value, str):
        return urls.get(value, value)
    if isinstance(value, list):
        return [_rewrite(item, urls) for item in value]
    if isinstance(value, dict):
        return {key: _rewrite(item, urls) for key, item in value.items()}
    return value


def _uuid(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1]


# fields created empty and filled after all objects exist (they point at objects created later)
DEFERRED = {"zaaktypen": ("deelzaaktypen", "gerelateerdeZaaktypen"), "statustypen": ("eigenschappen",)}
# relations written from the other side
DROPPED = {"besluittypen": ("zaaktypen",)}


def import_catalogus_data(
    data: dict[str, Any],
    *,
    rsin: str | None = None,
    domein: str | None = None,
    base_url: str | None = None,
    progress: Callable[[str], None] | None = None,
) -> m.Catalogus:
    """Create the exported catalogus with new UUIDs in one transaction (all or nothing)."""
    say = progress or (lambda _msg: None)
    client = _InternalClient(base_url or default_base_url())
    urls: dict[str, str] = {}
    with transaction.atomic():
        catalogus_data = dict(data["catalogus"])
        if rsin:
            catalogus_data["rsin"] = rsin
        if domein:
            catalogus_data["domein"] = domein
        created = client.call("catalogussen", "create", _strip(catalogus_data, ()))
        urls[data["catalogus"]["url"]] = created["url"]
        say(f"catalogus {created['domein']} aangemaakt: {created['url']}")
        _create_all(client, data, urls, say)
        _publish_all(client, data, urls, say)
    return m.Catalogus.objects.get(uuid=_uuid(created["url"]))


def _create_all(client: _InternalClient, data: dict, urls: dict[str, str], say: Callable[[str], None]) -> None:
    """Create every object of ``data`` as a concept, in dependency order, and record old URL -> new URL."""
    deferred: list[tuple[str, str, dict]] = []
    for name, *_rest in COLLECTIONS:
        items = data.get(name) or []
        for item in items:
            skip = DEFERRED.get(name, ()) + DROPPED.get(name, ())
            body = _rewrite(_strip(item, skip), urls)
            body.update({key: [] for key in DEFERRED.get(name, ()) if key in item})
            new = client.call(name, "create", body)
            urls[item["url"]] = new["url"]
            later = {key: item[key] for key in DEFERRED.get(name, ()) if item.get(key)}
            if later:
                deferred.append((name, new["url"], later))
        if items:
            say(f"{len(items)} {name} aangemaakt")
    for name, url, later in deferred:
        client.call(name, "partial_update", _rewrite(later, urls), uuid=_uuid(url))


# --- New version of a type (admin action) -------------------------------------------------------------------------

SUBTYPE_COLLECTIONS = [name for name, *_rest in COLLECTIONS if name not in PUBLISHABLE]


def new_version(instance: m.ZaakType | m.InformatieObjectType | m.BesluitType, begin, base_url: str | None = None):
    """A concept copy of a type starting on ``begin`` (with copies of a zaaktype's sub-types), made through the API.

    The copy points at the same besluittypen/informatieobjecttypen; sub-types take the new version's geldigheid.
    """
    collection = {
        m.ZaakType: "zaaktypen",
        m.InformatieObjectType: "informatieobjecttypen",
        m.BesluitType: "besluittypen",
    }
    name = collection[type(instance)]
    client = _InternalClient(base_url or default_base_url())
    context = {"request": Request(client.django_request())}
    serializers = {n: ser for n, _qs, ser, _vs in COLLECTIONS}
    queries = {n: qs for n, qs, _ser, _vs in COLLECTIONS}
    fresh = _stored(name, [queries[name](instance.catalogus).get(pk=instance.pk)])[0]
    item = dict(serializers[name](fresh, context=context).data)
    item.update({"beginGeldigheid": begin.isoformat(), "eindeGeldigheid": None})
    if name == "zaaktypen":
        item["versiedatum"] = begin.isoformat()
    data: dict[str, Any] = {name: [json.loads(json.dumps(item))]}
    if name == "zaaktypen":
        for sub in SUBTYPE_COLLECTIONS:
            rows = _stored(sub, list(queries[sub](instance.catalogus).filter(zaaktype=instance)))
            items = json.loads(json.dumps(serializers[sub](rows, many=True, context=context).data))
            for sub_item in items:
                sub_item.pop("beginGeldigheid", None)
                sub_item.pop("eindeGeldigheid", None)
            data[sub] = items
    urls: dict[str, str] = {}
    with transaction.atomic():
        _create_all(client, data, urls, lambda _msg: None)
    return type(instance).objects.get(uuid=_uuid(urls[item["url"]]))


def _strip(item: dict, skip: Iterable[str]) -> dict:
    """The body to send: no ``url``, no ``skip`` keys, and no nested group that is entirely empty (rows made outside
    the API may hold an all-blank ``omschrijvingGeneriek``; the API reads a missing group as blank)."""
    return {
        key: value
        for key, value in item.items()
        if key not in ("url", *skip) and not (isinstance(value, dict) and _all_blank(value))
    }


def _all_blank(group: dict) -> bool:
    return all(value in ("", None, []) for value in group.values())


def _publish_all(client: _InternalClient, data: dict, urls: dict[str, str], say: Callable[[str], None]) -> None:
    """Publish what was published in the export; repeat for deelzaaktypen that need another one published first."""
    pending = [
        (name, urls[item["url"]]) for name in PUBLISHABLE for item in data.get(name) or [] if not item["concept"]
    ]
    while pending:
        failed: list[tuple[str, str]] = []
        error: CatalogusImportError | None = None
        for name, url in pending:
            try:
                with transaction.atomic():
                    client.call(name, "publish", uuid=_uuid(url))
            except CatalogusImportError as exc:
                failed.append((name, url))
                error = exc
        if error is not None and len(failed) == len(pending):
            raise error
        if len(pending) > len(failed):
            say(f"{len(pending) - len(failed)} typen gepubliceerd")
        pending = failed


def import_catalogus(content: bytes, **kwargs) -> m.Catalogus:
    """Import a ZIP made by :func:`export_catalogus` (see :func:`import_catalogus_data` for the options)."""
    return import_catalogus_data(read_export(content), **kwargs)
