"""``expand`` for the Documenten API (common.md §12, drc-011..014).

Enkelvoudiginformatieobjecten expand ``informatieobjecttype``; gebruiksrechten and verzendingen ``informatieobject``
(and through it ``informatieobject.informatieobjecttype``). From the informatieobjecttype on, every Catalogi URL
field can be followed (``informatieobjecttype.catalogus``, ``informatieobjecttype.besluittypen.zaaktypen``: drc-011
allows the related Catalogi types), to any depth (Documenten 1.6.0 release notes and OAS; drc-012's three levels are
not applied, docs/decisions.md), up to the engine's recursion limit. Objectinformatieobjecten (1.6.0) expand
``informatieobject`` like gebruiksrechten and verzendingen. Anything else is a 400 ``invalid-expand-field`` (drc-013,
DECISIONS.md).

The resolution is the shared one (``zgw.common.expand``): for the whole page at once, one load per kind and level.
"""

from __future__ import annotations

import uuid as uuid_module
from functools import cache

from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import ResolvedComponent
from rest_framework import serializers

from zgw.catalogi.api.expand import kinds as catalogi_kinds
from zgw.common import expand as engine
from zgw.common.expand import Kind, Link
from zgw.common.permissions import Scope
from zgw.common.references import object_url

# Documenten 1.6.0+: the expanded type is Catalogi 1.3.2's InformatieObjectTypeExpanded (it can nest further). The
# served Catalogi document may not have that component (Catalogi 1.3.1 does not), so this document defines it itself:
# the Catalogi InformatieObjectType plus an ``_expand`` object (see ExpandFieldExtension).
EXPANDED_TYPE_COMPONENT = "InformatieObjectTypeExpanded"
CATALOGI_INFORMATIEOBJECTTYPE = {
    "$ref": "https://raw.githubusercontent.com/VNG-Realisatie/gemma-zaken/master/api-specificatie/ztc/"
    "current_version/openapi.yaml#/components/schemas/InformatieObjectType"
}
# drc-012's "at most 3 levels" contradicts the 1.6 release notes and the nested OAS schemas: paths of any depth are
# followed, up to the engine's recursion limit (docs/decisions.md "Documenten expand depth")
MAX_DEPTH = None
DOCUMENT = "enkelvoudiginformatieobject"
RELATION = "informatieobjectrelatie"  # gebruiksrechten and verzendingen: both expand their informatieobject
EIO_EXPAND = DOCUMENT
SUB_EXPAND = RELATION
LEZEN = Scope("documenten.lezen")


def _may_read_documenten(request) -> bool:
    client = getattr(request, "auth", None)
    return bool(client and (client.heeft_alle_autorisaties or "documenten.lezen" in client.scopes_for("drc")))


def _load_documents(request, uuids: list[uuid_module.UUID]):
    """Documents the client may read (drc autorisatie in SQL, as a direct read)."""
    from .. import selectors

    return selectors.visible_documents(request.auth, LEZEN, request).filter(uuid__in=uuids)


def _render_document(request, document) -> dict:
    from .render import render_document

    return render_document(document, request)


@cache
def graph() -> dict[str, Kind]:
    """The Documenten resources plus the Catalogi types."""
    return {
        **catalogi_kinds(),
        DOCUMENT: Kind(
            links={"informatieobjecttype": Link("informatieobjecttype")},
            collections=frozenset({("documenten", "enkelvoudiginformatieobjecten")}),
            load=_load_documents,
            render=_render_document,
            permitted=_may_read_documenten,
        ),
        RELATION: Kind(links={"informatieobject": Link(DOCUMENT)}),
    }


def parse_expand(value: str | None, root: str) -> frozenset[str]:
    """The requested paths of ``root`` (``EIO_EXPAND`` or ``SUB_EXPAND``), each with its parents, as dotted
    strings (``a.b`` also expands ``a``)."""
    return engine.with_parents(engine.parse(value, graph(), root, max_depth=MAX_DEPTH))


def _type_url(version, request) -> str:
    if version.informatieobjecttype_id:
        return object_url(request, version.informatieobjecttype)
    return version.informatieobjecttype_url or ""


def _siblings(field: serializers.Field, instance) -> list:
    """Every instance the serializer tree renders in this response (a page), so a level is resolved once."""
    parent = field.parent
    holder = getattr(parent, "parent", None)
    if isinstance(holder, serializers.ListSerializer) and holder.instance is not None:
        items = list(holder.instance)
        if any(item is instance for item in items):
            return items
    return [instance]


def expand_batch(root: str, instances: list, paths: list[tuple[str, ...]], context: dict) -> dict[int, dict]:
    """``_expand`` of every instance, keyed by ``id(instance)``."""
    request = context.get("request")
    results: dict[int, dict] = {}
    if root == DOCUMENT:
        stubs = [{"informatieobjecttype": _type_url(version, request)} for version in instances]
        engine.expand(stubs, DOCUMENT, paths, graph(), request)
        for version, stub in zip(instances, stubs, strict=True):
            results[id(version)] = stub.get("_expand", {})
        return results
    # the documents of a page are joined by the page's query (selectors.with_expanded_document): rendered from there
    from .render import render_document

    documents = [render_document(instance.informatieobject, request) for instance in instances]
    deeper = [path[1:] for path in paths if len(path) > 1]
    engine.expand(documents, DOCUMENT, deeper, graph(), request)
    for instance, document in zip(instances, documents, strict=True):
        results[id(instance)] = {"informatieobject": document}
    return results


class ExpandField(serializers.Field):
    """The read-only ``_expand`` object, filled from ``context["expand"]`` for the whole page at its first item."""

    def __init__(self, schema_properties: dict, **kwargs):
        self.schema_properties = schema_properties
        self.expand_root = DOCUMENT if "informatieobjecttype" in schema_properties else RELATION
        super().__init__(**kwargs)

    def to_representation(self, instance) -> dict:
        requested = self.context.get("expand") or frozenset()
        if not requested:
            return {}
        done = self.context.setdefault("_expanded", {})
        if id(instance) not in done:
            paths = [tuple(path.split(".")) for path in sorted(requested)]
            done.update(expand_batch(self.expand_root, _siblings(self, instance), paths, self.context))
        return done.get(id(instance), {})


class ExpandFieldExtension(OpenApiSerializerFieldExtension):
    target_class = ExpandField

    def map_serializer_field(self, auto_schema, direction):
        properties = {}
        for name, schema in self.target.schema_properties.items():
            if isinstance(schema, type):  # a serializer class: reference its component
                schema = auto_schema.resolve_serializer(schema, direction).ref
            elif schema == CATALOGI_INFORMATIEOBJECTTYPE:
                schema = _expanded_type_ref(auto_schema)
            properties[name] = schema
        return {"type": "object", "properties": properties, "readOnly": True}


def _expanded_type_ref(auto_schema) -> dict:
    """``InformatieObjectTypeExpanded`` as a component of this document: the Catalogi type with its ``_expand``."""
    component = ResolvedComponent(
        name=EXPANDED_TYPE_COMPONENT,
        type=ResolvedComponent.SCHEMA,
        object=EXPANDED_TYPE_COMPONENT,
        schema={
            "allOf": [
                CATALOGI_INFORMATIEOBJECTTYPE,
                {"properties": {"_expand": {"type": "object", "readOnly": True}}},
            ]
        },
    )
    auto_schema.registry.register_on_missing(component)
    return component.ref
