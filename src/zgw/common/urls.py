"""Pages every component shares: error-type documentation and the scope overview."""

from django.urls import path

from . import views

urlpatterns = [
    path("ref/fouten/<str:name>/", views.error_type, name="error-type"),
]
