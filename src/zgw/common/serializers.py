"""Serializer building blocks: camelCase field names, resource URLs and URL references."""

from __future__ import annotations

import copy
from typing import Any

from django.core.validators import URLValidator as _DjangoURLValidator
from django.db import models
from django.utils.functional import cached_property
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.utils.serializer_helpers import BindingDict

from .exceptions import camelize
from .references import (
    RemoteFetchError,
    fetch_json,
    is_valid_url,
    match_local,
    object_url,
    resource_url,
    validate_remote_shape,
)


class URLField(serializers.URLField):
    """An absolute http(s) URL. Unlike Django's validator it accepts internal host names without a TLD
    (``http://openzaak:8000/...``), which ZGW deployments use between containers."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.validators = [v for v in self.validators if not isinstance(v, _DjangoURLValidator)]
        self.validators.append(_validate_url)


def _validate_url(value: str) -> None:
    if not is_valid_url(value):
        raise serializers.ValidationError("Voer een geldige URL in.", code="invalid")


_FIELD_TEMPLATES: dict[type, dict[str, serializers.Field]] = {}


def _clone(field: serializers.Field) -> serializers.Field:
    """A shallow copy of an unbound template field, with its own child (ListField, ListSerializer, many relations)
    pointing at it: ``context`` and ``root`` walk ``parent``, so nothing of one request leaks into another."""
    new = copy.copy(field)
    state = new.__dict__
    state.pop("fields", None)  # a nested serializer binds its own fields on first use
    for attr in ("child", "child_relation"):
        child = state.get(attr)
        if child is not None:
            child = _clone(child)
            child.parent = new
            state[attr] = child
    return new


class FieldTemplateMixin:
    """Build a serializer class's fields once, not per instance.

    DRF deep-copies every declared field (re-running each field's ``__init__``) for every serializer instance, which
    was the largest piece of Python work of a create. Here ``get_fields()`` runs once per class and is kept unbound;
    each instance binds shallow copies. Only for classes whose ``get_fields()`` does not depend on the instance
    (context, instance, partial), and fields are not to be mutated after binding (none here are).
    """

    @cached_property
    def fields(self) -> BindingDict:
        template = _FIELD_TEMPLATES.get(type(self))
        if template is None:
            template = _FIELD_TEMPLATES[type(self)] = dict(self.get_fields())  # type: ignore[attr-defined]
        fields = BindingDict(self)
        for name, field in template.items():
            fields[name] = _clone(field)
        return fields


class Serializer(FieldTemplateMixin, serializers.Serializer):
    """``serializers.Serializer`` with its fields built once per class (:class:`FieldTemplateMixin`)."""


class ModelSerializer(FieldTemplateMixin, serializers.ModelSerializer):
    """``serializers.ModelSerializer`` with its fields built once per class (:class:`FieldTemplateMixin`)."""


class CamelModelSerializer(ModelSerializer):
    """A ModelSerializer whose JSON names are the camelCase form of the model's snake_case field names.

    ``Meta.fields`` lists the snake_case names; declared fields may use either spelling. Error keys and the
    generated OpenAPI schema follow the camelCase names, exactly as the ZGW specs spell them.
    """

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        renamed: dict[str, serializers.Field] = {}
        for name, field in fields.items():
            camel = camelize(name)
            if camel != name and field.source is None:
                field.source = name
            renamed[camel] = field
        return renamed


@extend_schema_field(
    {
        "type": "string",
        "format": "uri",
        "readOnly": True,
        "maxLength": 1000,
        "minLength": 1,
        "description": "URL-referentie naar dit object. Dit is de unieke identificatie en locatie van dit object.",
    }
)
class SelfURLField(serializers.Field):
    """The read-only ``url`` of a resource: ``<base>/<api>/api/v1/<collection>/<uuid>``."""

    def __init__(self, api: str, collection: str, **kwargs):
        self.api = api
        self.collection = collection
        kwargs.setdefault("read_only", True)
        kwargs.setdefault("source", "*")
        super().__init__(**kwargs)

    def to_representation(self, value: models.Model) -> str:
        return resource_url(self.context.get("request"), self.api, self.collection, value.uuid)


class Reference:
    """A validated URL reference: a local row or a remote object (with its fetched JSON)."""

    __slots__ = ("url", "obj", "data")

    def __init__(self, url: str, obj: models.Model | None = None, data: Any = None):
        self.url = url
        self.obj = obj
        self.data = data

    @property
    def is_local(self) -> bool:
        return self.obj is not None

    def __repr__(self) -> str:
        return f"Reference({self.url!r}, local={self.is_local})"


def resolve_reference(
    url: str,
    *,
    request,
    model: type[models.Model],
    collection: tuple[str, str],
    remote_required: tuple[str, ...] = ("url",),
    allow_remote: bool = True,
    queryset: models.QuerySet | None = None,
) -> Reference:
    """Resolve ``url`` to a :class:`Reference` or raise a ValidationError with the ZGW codes.

    Local URLs must name a row of ``model`` (``does_not_exist``), in the collection ``collection`` (``bad-url``
    otherwise). Remote URLs are fetched and must be JSON with ``remote_required`` properties.
    """
    if not is_valid_url(url):
        raise serializers.ValidationError("Voer een geldige URL in.", code="bad-url")
    match = match_local(url, request)
    if match is not None:
        if (match.api, match.collection) != collection or match.model is None:
            raise serializers.ValidationError(
                "De URL wijst niet naar een resource van het verwachte type.", code="bad-url"
            )
        qs = queryset if queryset is not None else model._default_manager.all()
        obj = qs.filter(uuid=match.uuid).first()
        if obj is None:
            raise serializers.ValidationError("Het object bestaat niet.", code="does_not_exist")
        return Reference(url, obj=obj)
    if not allow_remote:
        raise serializers.ValidationError("Alleen lokale URLs zijn toegestaan.", code="bad-url")
    try:
        data = fetch_json(url)
        validate_remote_shape(data, remote_required)
    except RemoteFetchError as exc:
        raise serializers.ValidationError(exc.message, code=exc.code)
    return Reference(url, data=data)


@extend_schema_field(OpenApiTypes.URI)
class URLReferenceField(serializers.Field):
    """A reference stored as a foreign key (local) or a URL column (remote).

    ``source`` is the FK attribute; ``url_field`` the model attribute for remote URLs; ``queryset`` (optional) the
    rows a local URL is looked up in. Validated data gets a
    :class:`Reference`; services store ``ref.obj`` or ``ref.url``. ``""`` for an optional one counts as absent
    (common.parsers).
    """

    blank_means_absent = True

    def __init__(
        self,
        *,
        model: type[models.Model],
        collection: tuple[str, str],
        url_field: str | None = None,
        remote_required: tuple[str, ...] = ("url",),
        allow_remote: bool = True,
        max_length: int = 1000,
        queryset: models.QuerySet | None = None,
        **kwargs,
    ):
        self.model = model
        self.queryset = queryset  # a local row is looked up in this one (e.g. with select_related) when given
        self.collection = collection
        self.url_field = url_field
        self.remote_required = remote_required
        self.allow_remote = allow_remote
        self.max_length = max_length
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        obj = super().get_attribute(instance)
        if obj is None and self.url_field:
            return getattr(instance, self.url_field) or None
        return obj

    def to_representation(self, value) -> str | None:
        if value is None or value == "":
            return None
        if isinstance(value, str):
            return value
        return object_url(self.context.get("request"), value)

    def to_internal_value(self, data) -> Reference:
        if not isinstance(data, str):
            raise serializers.ValidationError("Geen geldige URL.", code="invalid")
        if len(data) > self.max_length:
            raise serializers.ValidationError(
                f"Zorg dat dit veld niet meer dan {self.max_length} karakters bevat.", code="max_length"
            )
        return resolve_reference(
            data,
            request=self.context.get("request"),
            model=self.model,
            collection=self.collection,
            remote_required=self.remote_required,
            allow_remote=self.allow_remote,
            queryset=self.queryset,
        )
