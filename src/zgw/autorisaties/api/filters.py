from django_filters import rest_framework as filters

from zgw.common.filters import ZGWFilterSet

from ..models import Applicatie


class ApplicatieFilter(ZGWFilterSet):
    clientIds = filters.CharFilter(
        method="filter_client_ids", help_text="Multiple values may be separated by commas."
    )

    class Meta:
        model = Applicatie
        fields: list[str] = []

    def filter_client_ids(self, queryset, name, value):
        """Applicaties that have every one of the given client ids (comma-separated)."""
        for client_id in [v.strip() for v in value.split(",") if v.strip()]:
            queryset = queryset.filter(client_identifiers__client_id=client_id)
        return queryset.distinct()
