"""Accept-Crs / Content-Crs negotiation for the zaak endpoints (common.md §8, errata zrc-content-crs-*)."""

from __future__ import annotations

from rest_framework import exceptions

from zgw.common.exceptions import PreconditionFailed, is_html_request

CRS = "EPSG:4326"


def check_crs(request) -> None:
    method = request.method
    if method in ("POST", "PUT", "PATCH"):
        content = request.headers.get("Content-Crs")
        if not content:
            raise PreconditionFailed("Content-Crs header ontbreekt.")
        if content != CRS:
            raise exceptions.NotAcceptable(f"CRS '{content}' wordt niet ondersteund.")
    if method in ("GET", "HEAD", "POST", "PUT", "PATCH"):
        accept = request.headers.get("Accept-Crs")
        if not accept and is_html_request(request):
            # a person in a browser cannot set the header: show the only CRS there is (API clients keep the 412)
            accept = CRS
        if not accept:
            raise PreconditionFailed("Accept-Crs header ontbreekt.")
        if accept != CRS:
            raise exceptions.NotAcceptable(f"CRS '{accept}' wordt niet ondersteund.")


class CrsMixin:
    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        check_crs(request)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code < 400 and request.method != "DELETE":
            response["Content-Crs"] = CRS
        return response
