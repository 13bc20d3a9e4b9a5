"""The read-only Referentielijsten API (procestypen, resultaten, resultaattypeomschrijvingen), served from the
bundled data so that a fresh installation validates selectielijst references without network access."""

from __future__ import annotations

from django.http import Http404
from rest_framework import exceptions
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import APIView

from zgw.common.references import request_base_url

from . import store


def api_root(request) -> str:
    return request_base_url(request) + store.API_PATH


class _PublicView(APIView):
    """Public reference data: no authentication, read only."""

    authentication_classes: list = []
    permission_classes: list = []
    public = True
    http_method_names = ["get", "head", "options"]


class ProcesTypenView(_PublicView):
    def get(self, request):
        jaar = request.query_params.get("jaar")
        records = store.procestypen()
        if jaar:
            if not jaar.isdigit():
                raise exceptions.ValidationError({"jaar": [exceptions.ErrorDetail("Geef een jaartal.", "invalid")]})
            records = [r for r in records if str(r["jaar"]) == jaar]
        root = api_root(request)
        return Response([store.render("procestypen", r, root) for r in records])


class ResultaatTypeOmschrijvingenView(_PublicView):
    def get(self, request):
        root = api_root(request)
        return Response(
            [store.render("resultaattypeomschrijvingen", r, root) for r in store.resultaattypeomschrijvingen()]
        )


class ResultatenPagination(PageNumberPagination):
    page_size = 100


class ResultatenView(_PublicView):
    def get(self, request):
        records = store.resultaten()
        proces_type = request.query_params.get("proces_type") or request.query_params.get("procesType")
        if proces_type:
            uuid = proces_type.rstrip("/").rsplit("/", 1)[-1].lower()
            records = [r for r in records if r["procesType"].lower() == uuid]
        root = api_root(request)
        paginator = ResultatenPagination()
        page = paginator.paginate_queryset(records, request, view=self)
        return paginator.get_paginated_response([store.render("resultaten", r, root) for r in page])


class DetailView(_PublicView):
    collection = ""

    def get(self, request, uuid: str):
        record = store.get(self.collection, uuid)
        if record is None:
            raise Http404
        return Response(store.render(self.collection, record, api_root(request)))
