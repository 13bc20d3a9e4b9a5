"""Pages every component shares: error-type documentation and the scope overview."""

from django.urls import path

from . import health, observability, redoc, views

urlpatterns = [
    path("ref/fouten/<str:name>/", views.error_type, name="error-type"),
    path("health/live", health.live, name="health-live"),
    path("health/ready", health.ready, name="health-ready"),
    path("health/ready/<slug:component>", health.ready, name="health-ready-component"),
    path("metrics", observability.metrics_view, name="metrics"),
    path("ref/redoc/redoc.standalone.js", redoc.redoc_bundle, name="redoc-bundle"),
]
