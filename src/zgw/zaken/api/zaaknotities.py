"""``/zaaknotities`` (Zaken 1.7.0): serializer, filters, pagination and viewset; the rules are in ../zaaknotities.py."""

from __future__ import annotations

from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, status
from rest_framework.response import Response

from zgw.common.filters import URLReferenceFilter, ZGWFilterSet
from zgw.common.pagination import ZGWPagination
from zgw.common.serializers import SelfURLField, URLReferenceField

from .. import zaaknotities
from ..models import NotitieStatus, NotitieType, Zaak, ZaakNotitie
from ..services import SCOPE_BIJWERKEN, SCOPE_LEZEN
from .schema import ZakenAutoSchema
from .serializers import ZAAK_COLLECTION
from .viewsets import ZaakChildViewSet

AUTEUR = "Naam of identificatie van de auteur van de notitie"
ONDERWERP = "Korte omschrijving of titel van de notitie"
TEKST = "De volledige inhoud of beschrijving van de notitie"
AANMAAKDATUM = "De datum waarop de handeling is gedaan."
WIJZIGINGSDATUM = "Datum en tijd waarop de notitie voor het laatst is gewijzigd"
NOTITIE_TYPE = "Intern mag enkel een medewerker zien, extern mag gezien worden door medewerker en de initiator."


@extend_schema_field({"type": "string", "format": "uri", "description": "URL-referentie naar een ZAAK."})
class GerelateerdAanField(URLReferenceField):
    """The zaak of the note: a zaak of this server (a remote zaak is refused, as for every sub-resource)."""


class ZaakNotitieSerializer(serializers.Serializer):
    url = SelfURLField("zaken", "zaaknotities")
    onderwerp = serializers.CharField(max_length=255, help_text=ONDERWERP)
    tekst = serializers.CharField(help_text=TEKST)
    aangemaaktDoor = serializers.CharField(
        source="aangemaakt_door", max_length=255, required=False, allow_blank=True, help_text=AUTEUR
    )
    notitieType = serializers.ChoiceField(
        source="notitie_type", choices=NotitieType.choices, required=False, help_text=NOTITIE_TYPE
    )
    status = serializers.ChoiceField(choices=NotitieStatus.choices, required=False)
    aanmaakdatum = serializers.DateTimeField(read_only=True, help_text=AANMAAKDATUM)
    wijzigingsdatum = serializers.DateTimeField(read_only=True, help_text=WIJZIGINGSDATUM)
    gerelateerdAan = GerelateerdAanField(source="zaak", model=Zaak, collection=ZAAK_COLLECTION, allow_remote=False)


@extend_schema_field(OpenApiTypes.INT)
class GerelateerdAanFilter(URLReferenceFilter):
    """``gerelateerdAan``: documented ``integer`` as the official document types it, but it takes the zaak's URL
    (the parameter's own description, and the field it filters; docs/decisions.md)."""


def _dates(name: str, field: str, help_text: str) -> dict:
    lookups = {"": "exact", "__gt": "gt", "__gte": "gte", "__lt": "lt", "__lte": "lte"}
    return {
        f"{name}{suffix}": filters.IsoDateTimeFilter(field_name=field, lookup_expr=lookup, help_text=help_text)
        for suffix, lookup in lookups.items()
    }


def _texts(name: str, field: str, help_text: str) -> dict:
    return {
        name: filters.CharFilter(field_name=field, help_text=help_text),
        f"{name}__icontains": filters.CharFilter(field_name=field, lookup_expr="icontains", help_text=help_text),
    }


ZaakNotitieFilter = type(
    "ZaakNotitieFilter",
    (ZGWFilterSet,),
    {
        **_texts("aangemaaktDoor", "aangemaakt_door", AUTEUR),
        **_dates("aanmaakdatum", "aanmaakdatum", AANMAAKDATUM),
        "gerelateerdAan": GerelateerdAanFilter(field_name="zaak", help_text="URL-referentie naar de ZAAK."),
        "notitieType": filters.ChoiceFilter(
            field_name="notitie_type", choices=NotitieType.choices, help_text=NOTITIE_TYPE
        ),
        **_texts("onderwerp", "onderwerp", ONDERWERP),
        "status": filters.ChoiceFilter(field_name="status", choices=NotitieStatus.choices),
        **_texts("tekst", "tekst", TEKST),
        **_dates("wijzigingsdatum", "wijzigingsdatum", WIJZIGINGSDATUM),
        "Meta": type("Meta", (), {"model": ZaakNotitie, "fields": []}),
        "__doc__": "The list filters of ``GET /zaaknotities`` (names as the official document).",
    },
)


class PageSizePagination(ZGWPagination):
    """``page`` and ``pageSize`` (at most 500) documented, as the official document does for zaaknotities."""

    def get_schema_operation_parameters(self, view) -> list[dict]:
        return [
            *super().get_schema_operation_parameters(view),
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": f"Het aantal resultaten terug te geven per pagina. (default: {self.page_size}, "
                f"maximum: {self.max_page_size}).",
                "schema": {"type": "integer"},
            },
        ]


class ZaakNotitieViewSet(ZaakChildViewSet):
    """Notes hang under a zaak: lists are filtered in SQL on the zaak's autorisatie (zrc-006), a detail whose zaak
    the client may not read is a 403 as a direct read of that zaak."""

    operation_prefix = "zaaknotitie"
    operation_names = {"retrieve": "read", "destroy": "delete"}
    schema = ZakenAutoSchema()
    model = ZaakNotitie
    resource = zaaknotities.RESOURCE
    serializer_class = ZaakNotitieSerializer
    filterset_class = ZaakNotitieFilter
    pagination_class = PageSizePagination
    http_method_names = ["get", "post", "put", "patch", "delete", "options"]
    no_audit_headers = ("create", "update", "partial_update", "destroy")
    required_scopes = {
        "list": SCOPE_LEZEN,
        "retrieve": SCOPE_LEZEN,
        "create": SCOPE_BIJWERKEN,
        "update": SCOPE_BIJWERKEN,
        "partial_update": SCOPE_BIJWERKEN,
        "destroy": SCOPE_BIJWERKEN,
    }

    def get_queryset(self):
        qs = ZaakNotitie.objects.select_related("zaak", "zaak__zaaktype")
        if self.action == "list":
            from .. import selectors

            qs = selectors.authorised(qs, self.request, SCOPE_LEZEN, prefix="zaak__")
        return qs

    def create(self, request, *args, **kwargs):
        values = self._validated()
        return self._created(zaaknotities.create_notitie(values, request=request, render=self.render))

    def update(self, request, *args, partial: bool = False, **kwargs):
        instance = self.get_object()
        values = self._validated(instance, partial)
        zaaknotities.update_notitie(instance, values, request=request, render=self.render, partial=partial)
        return Response(self.render(instance))

    def destroy(self, request, *args, **kwargs):
        zaaknotities.destroy_notitie(self.get_object(), request=request, render=self.render)
        return Response(status=status.HTTP_204_NO_CONTENT)
