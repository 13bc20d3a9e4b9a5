"""Mounted under ``/referentielijsten/api/v1/`` (by the root urls) — or include :data:`root_urlpatterns` at ``/``."""

from django.urls import include, path, re_path

from zgw.common.references import UUID_RE

from .views import DetailView, ProcesTypenView, ResultaatTypeOmschrijvingenView, ResultatenView

urlpatterns = [
    path("procestypen", ProcesTypenView.as_view(), name="referentielijsten-procestypen"),
    re_path(
        rf"^procestypen/(?P<uuid>{UUID_RE})$",
        DetailView.as_view(collection="procestypen"),
        name="referentielijsten-procestype",
    ),
    path("resultaten", ResultatenView.as_view(), name="referentielijsten-resultaten"),
    re_path(
        rf"^resultaten/(?P<uuid>{UUID_RE})$",
        DetailView.as_view(collection="resultaten"),
        name="referentielijsten-resultaat",
    ),
    path(
        "resultaattypeomschrijvingen",
        ResultaatTypeOmschrijvingenView.as_view(),
        name="referentielijsten-resultaattypeomschrijvingen",
    ),
    re_path(
        rf"^resultaattypeomschrijvingen/(?P<uuid>{UUID_RE})$",
        DetailView.as_view(collection="resultaattypeomschrijvingen"),
        name="referentielijsten-resultaattypeomschrijving",
    ),
]

root_urlpatterns = [path("referentielijsten/api/v1/", include(urlpatterns))]
