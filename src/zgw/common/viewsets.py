"""Base viewsets with the ZGW conventions; components keep their own viewsets thin on top of these.

* 405 for a method the path does not offer comes before authentication (common.md §5).
* ``Location`` on 201; ``ETag``/``If-None-Match``/``HEAD`` on details that declare ``etag_enabled``.
* Writes go through the component's services: viewsets call ``perform_*`` hooks that the component implements.
"""

from __future__ import annotations

import hashlib
import json

from django.db import DatabaseError, transaction
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.response import Response

from .pagination import ZGWPagination
from .references import UUID_RE


def compute_etag(data) -> str:
    """Strong ETag over the JSON representation, keys sorted (common.md §9)."""
    payload = json.dumps(data, sort_keys=True, separators=(",", ":"), default=str).encode()
    return f'"{hashlib.md5(payload, usedforsecurity=False).hexdigest()}"'


class ZGWGenericViewSet(viewsets.GenericViewSet):
    lookup_field = "uuid"
    lookup_value_regex = UUID_RE
    pagination_class = ZGWPagination
    component: str = ""
    required_scopes: dict = {}
    etag_enabled: bool = False

    # Views whose writes call a remote API that reads our rows back (mirrored relations, common.md §11.2) must
    # commit first and compensate on failure; they set this to False and manage their transactions themselves.
    atomic_requests: bool = True

    def dispatch(self, request, *args, **kwargs):
        """One transaction per write request; an error answer rolls everything back (nothing half-written)."""
        if request.method in ("GET", "HEAD", "OPTIONS") or not self.atomic_requests:
            return super().dispatch(request, *args, **kwargs)
        try:
            with transaction.atomic():
                response = super().dispatch(request, *args, **kwargs)
                if response.status_code >= 400:
                    transaction.set_rollback(True)
        except DatabaseError as exc:
            # the COMMIT failed after the view's own error handling (a connection terminated or lost before it,
            # a deferred constraint): answer through the same handler, so a lost connection is a 503, not a 500
            return self.finalize_response(self.request, self.handle_exception(exc), *args, **kwargs)
        return response

    def initial(self, request, *args, **kwargs):
        method = request.method.lower()
        if method not in self.http_method_names or not hasattr(self, method):
            raise exceptions.MethodNotAllowed(request.method)
        super().initial(request, *args, **kwargs)

    def get_success_headers(self, data) -> dict:
        try:
            return {"Location": str(data["url"])}
        except (TypeError, KeyError):
            return {}

    # ---- caching -------------------------------------------------------------------------------------------
    def _etag_response(self, request, data) -> Response:
        etag = compute_etag(data)
        candidates = [
            tag.strip() for tag in request.headers.get("If-None-Match", "").split(",") if tag.strip()
        ]
        if etag in candidates or "*" in candidates:
            return Response(status=status.HTTP_304_NOT_MODIFIED, headers={"ETag": etag})
        return Response(data, headers={"ETag": etag})


class RetrieveWithETagMixin:
    """``GET`` (and ``HEAD``) of one object, with ``ETag`` and ``If-None-Match`` when ``etag_enabled``."""

    def retrieve(self, request, *args, **kwargs):
        instance = self.get_object()
        data = self.get_serializer(instance).data
        if self.etag_enabled:
            return self._etag_response(request, data)
        return Response(data)


class ListMixin(mixins.ListModelMixin):
    pass


class CreateMixin(mixins.CreateModelMixin):
    pass


class UpdateMixin(mixins.UpdateModelMixin):
    pass


class DestroyMixin(mixins.DestroyModelMixin):
    pass
