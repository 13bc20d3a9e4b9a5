"""Race-free identificatie generation, constant query counts of the sub-resource lists, ETag on sub-resources."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from rest_framework.test import APIClient

from zgw.documenten.models import EnkelvoudigInformatieObject

from .conftest import EIO_LIST, eio_body, path_of

GR = "/documenten/api/v1/gebruiksrechten"
OIO = "/documenten/api/v1/objectinformatieobjecten"
VZ = "/documenten/api/v1/verzendingen"


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL")
def test_generated_identificatie_is_race_free(make_api_client, iotype, settings):
    settings.NOTIFICATIONS_DISABLED = True  # no after-commit delivery threads racing the test-database flush
    credentials = make_api_client(heeft_alle=True)._credentials

    def create(_: int) -> str:
        client = APIClient()
        client.credentials(**credentials)
        try:
            response = client.post(EIO_LIST, eio_body(iotype["url"]), format="json")
            assert response.status_code == 201, response.json()
            return response.json()["identificatie"]
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=6) as pool:
        identificaties = list(pool.map(create, range(18)))
    assert len(set(identificaties)) == 18
    assert sorted(identificaties) == [f"DOCUMENT-2024-{n:010d}" for n in range(1, 19)]
    assert EnkelvoudigInformatieObject.objects.count() == 18


def _populate(client, create_eio, count: int) -> None:
    for _ in range(count):
        document = create_eio()
        client.post(
            GR,
            {"informatieobject": document["url"], "startdatum": "2024-01-01T00:00:00Z", "omschrijvingVoorwaarden": "x"},
            format="json",
        )
        client.post(
            VZ,
            {
                "betrokkene": "https://klanten.example.nl/api/v1/klanten/1",
                "informatieobject": document["url"],
                "aardRelatie": "geadresseerde",
                "contactPersoon": "https://medewerkers.example.nl/api/v1/medewerkers/1",
                "emailadres": "a@b.nl",
            },
            format="json",
        )


@pytest.mark.django_db
@pytest.mark.parametrize("path,expected", [(GR, 1), (OIO, 1), (VZ, 2)])
def test_sub_resource_lists_constant_queries(superuser_client, create_eio, django_assert_num_queries, path, expected):
    _populate(superuser_client, create_eio, 2)
    superuser_client.get(path)  # warm the autorisaties cache
    with django_assert_num_queries(expected):
        assert superuser_client.get(path).status_code == 200
    _populate(superuser_client, create_eio, 8)
    with django_assert_num_queries(expected):
        assert superuser_client.get(path).status_code == 200


@pytest.mark.django_db
def test_gebruiksrechten_and_zoek_with_expand_constant_queries(superuser_client, create_eio, django_assert_num_queries):
    _populate(superuser_client, create_eio, 2)
    superuser_client.get(GR, {"expand": "informatieobject"})
    with django_assert_num_queries(2):  # page + the parts of the expanded documents
        assert len(superuser_client.get(GR, {"expand": "informatieobject"}).json()) == 2
    _populate(superuser_client, create_eio, 6)
    with django_assert_num_queries(2):
        assert len(superuser_client.get(GR, {"expand": "informatieobject"}).json()) == 8
    uuids = list(EnkelvoudigInformatieObject.objects.values_list("uuid", flat=True))
    with django_assert_num_queries(5):  # savepoint, count, page, parts, release (POST runs in a transaction)
        response = superuser_client.post(f"{EIO_LIST}/_zoek", {"uuid__in": [str(u) for u in uuids]}, format="json")
    assert response.json()["count"] == 8


@pytest.mark.django_db
def test_etag_on_sub_resources(superuser_client, create_eio):
    _populate(superuser_client, create_eio, 1)
    for path in (GR, VZ):
        listed = superuser_client.get(path).json()
        item = listed[0] if isinstance(listed, list) else listed["results"][0]
        url = path_of(item["url"])
        etag = superuser_client.get(url)["ETag"]
        assert superuser_client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
        head = superuser_client.head(url)
        assert head.status_code == 200 and head["ETag"] == etag
