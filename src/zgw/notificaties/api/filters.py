from django_filters import rest_framework as filters

from zgw.common.filters import ZGWFilterSet

from ..models import Kanaal


class KanaalFilter(ZGWFilterSet):
    naam = filters.CharFilter(
        field_name="naam",
        help_text='Naam van het KANAAL (ook wel "Exchange" genoemd) dat de bron vertegenwoordigd.',
    )

    class Meta:
        model = Kanaal
        fields = ("naam",)
