"""Fields and validators shared by the Zaken serializers: URL references, schema snippets, RSIN and resource URLs."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.fields import SkipField

from zgw.common.references import is_valid_url, resource_url
from zgw.common.serializers import URLReferenceField

from ..models import Zaak

ZAAK_COLLECTION = ("zaken", "zaken")


@extend_schema_field({"type": "string", "format": "uri", "maxLength": 1000})
class RefField(URLReferenceField):
    """URLReferenceField documented with the spec's maxLength."""


@extend_schema_field({"type": "string", "format": "uri", "minLength": 1, "maxLength": 1000})
class ZaakRefField(URLReferenceField):
    """A reference to a zaak of this API (minLength 1 as the spec)."""


@extend_schema_field({"type": "string", "format": "uri", "minLength": 1, "maxLength": 1000})
class HoofdzaakField(ZaakRefField):
    """zrc-013: the hoofdzaak is a zaak of this server; a URL that matches no zaak route here (another host, another
    resource) is ``no_match``, as DRF's hyperlinked fields answer and VNG's suite checks (DECISIONS.md)."""

    def to_internal_value(self, data):
        try:
            return super().to_internal_value(data)
        except serializers.ValidationError as exc:
            codes = exc.get_codes()
            if codes == ["bad-url"] and isinstance(data, str) and is_valid_url(data):
                raise serializers.ValidationError(
                    "Ongeldige hyperlink - De URL verwijst niet naar een zaak van deze API.", code="no_match"
                ) from exc
            raise


@extend_schema_field({"type": "string", "format": "uri", "maxLength": 200})
class OmitWhenAbsentMixin:
    """An optional reference the official document does not mark ``nullable`` (and types ``format: uri``, so ``""``
    is no value either): absent, the key is left out of the answer (docs/decisions.md); ``""`` in a request means
    absent (DECISIONS.md: empty optional URL fields)."""

    def get_attribute(self, instance):
        value = super().get_attribute(instance)
        if value is None or value == "":
            raise SkipField
        return value

    def to_internal_value(self, data):
        if data == "":
            return None
        return super().to_internal_value(data)


@extend_schema_field({"type": "string", "format": "uri", "maxLength": 200})
class GezetdoorField(OmitWhenAbsentMixin, URLReferenceField):
    """The rol that set the status (the spec limits it to 200 characters)."""


@extend_schema_field({"type": "string", "format": "uri", "maxLength": 1000})
class ZaakObjectTypeField(OmitWhenAbsentMixin, RefField):
    """``zaakobject.zaakobjecttype``: optional, not nullable in the document."""


def zaak_field(**kwargs) -> URLReferenceField:
    """The zaak of a sub-resource; its zaaktype comes along (the autorisatie check needs its URL: no second query)."""
    kwargs.setdefault("queryset", Zaak.objects.select_related("zaaktype"))
    return ZaakRefField(
        model=Zaak, collection=ZAAK_COLLECTION, allow_remote=False, help_text="URL-referentie naar de ZAAK.", **kwargs
    )


def type_field(model, collection: str, source: str, **kwargs) -> URLReferenceField:
    return RefField(
        model=model,
        collection=("catalogi", collection),
        url_field=f"{source}_url",
        **kwargs,
    )


class StrictDictField(serializers.DictField):
    """A JSON object (a list or scalar gives 400 ``invalid``)."""

    def to_internal_value(self, data):
        if not isinstance(data, dict):
            raise serializers.ValidationError("Verwacht een object.", code="invalid")
        return dict(data)


@extend_schema_field({"type": "string", "format": "duration"})
class DurationStringField(serializers.CharField):
    """An ISO-8601 duration kept as text."""


URI_LIST = {"type": "array", "items": {"type": "string", "format": "uri"}, "readOnly": True, "uniqueItems": True}
URI_LIST_1000 = {
    "type": "array",
    "items": {"type": "string", "format": "uri", "minLength": 1, "maxLength": 1000},
    "readOnly": True,
    "uniqueItems": True,
}
URI_NULLABLE = {"type": "string", "format": "uri", "readOnly": True, "nullable": True}


def _urls(request, api: str, collection: str, items) -> list[str]:
    return [resource_url(request, api, collection, item.uuid) for item in items]


def validate_resource_url(url: str, required: tuple[str, ...], request, local: tuple[str, str] | None = None) -> str:
    """The URL must resolve (local row or remote 200 with the expected properties): ``bad-url``/``invalid-resource``."""
    from zgw.common.references import RemoteFetchError, fetch_json, match_local, validate_remote_shape

    match = match_local(url, request)
    if match is not None:
        if local is not None and (match.api, match.collection) != local:
            raise serializers.ValidationError("De URL wijst niet naar het verwachte type resource.", code="bad-url")
        if match.model is not None and not match.model._default_manager.filter(uuid=match.uuid).exists():
            raise serializers.ValidationError("De resource bestaat niet.", code="bad-url")
        return url
    try:
        validate_remote_shape(fetch_json(url), required)
    except RemoteFetchError as exc:
        raise serializers.ValidationError(exc.message, code=exc.code)
    return url


def validate_rsin(value: str) -> str:
    """RSIN: 9 digits that pass the 11-proef."""
    if len(value) != 9 or not value.isdigit():
        raise serializers.ValidationError("Een RSIN moet 9 cijfers lang zijn.", code="invalid-length")
    total = sum(int(d) * w for d, w in zip(value[:8], range(9, 1, -1), strict=True)) - int(value[8])
    if total % 11 != 0:
        raise serializers.ValidationError("Onjuist RSIN.", code="invalid")
    return value


def _nfe(message: str, code: str) -> serializers.ValidationError:
    return serializers.ValidationError({"nonFieldErrors": [serializers.ErrorDetail(message, code=code)]})
