"""The sub-resource lists cost a constant number of queries, whatever the page size (zrc-006 filter in SQL)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from zgw.autorisaties.services import AutorisatieData

from .conftest import CRS, cat_url, create_zaak, post

pytestmark = pytest.mark.django_db

LISTS = ["statussen", "rollen", "zaakobjecten", "klantcontacten", "resultaten"]


def _fill(client, zaaktype, statustypen, roltype, resultaattype, count: int) -> None:
    for _ in range(count):
        zaak = create_zaak(client, zaaktype)["url"]
        bodies = {
            "statussen": {
                "zaak": zaak,
                "statustype": cat_url("statustypen", statustypen[0]),
                "datumStatusGezet": "2024-03-02T10:00:00Z",
            },
            "rollen": {
                "zaak": zaak,
                "betrokkeneType": "medewerker",
                "roltype": cat_url("roltypen", roltype),
                "roltoelichting": "x",
                "betrokkeneIdentificatie": {"identificatie": "m1", "achternaam": "Jansen"},
            },
            "zaakobjecten": {"zaak": zaak, "objectType": "pand", "object": "https://bag.example.nl/pand/1"},
            "klantcontacten": {"zaak": zaak, "datumtijd": "2024-01-01T10:00:00Z"},
            "resultaten": {"zaak": zaak, "resultaattype": cat_url("resultaattypen", resultaattype)},
        }
        for collection, body in bodies.items():
            assert post(client, collection, body).status_code == 201, collection


def _queries(client, collection: str) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(f"/zaken/api/v1/{collection}", **CRS)
    assert response.status_code == 200
    body = response.json()
    return len(ctx), len(body["results"] if isinstance(body, dict) else body)


@pytest.mark.parametrize("collection", LISTS)
def test_sub_resource_list_query_count_is_constant(
    superuser_client, make_api_client, zaaktype, statustypen, roltype, resultaattype, collection
):
    client = make_api_client(
        autorisaties=[
            AutorisatieData(
                component="zrc",
                scopes=["zaken.lezen"],
                zaaktype=cat_url("zaaktypen", zaaktype),
                max_vertrouwelijkheidaanduiding="zeer_geheim",
            )
        ]
    )
    _fill(superuser_client, zaaktype, statustypen, roltype, resultaattype, 2)
    _queries(client, collection)  # warm the client's autorisatie cache
    small, seen_small = _queries(client, collection)
    _fill(superuser_client, zaaktype, statustypen, roltype, resultaattype, 4)
    large, seen_large = _queries(client, collection)
    assert (seen_small, seen_large) == (2, 6)
    assert large == small
    assert large <= 8
