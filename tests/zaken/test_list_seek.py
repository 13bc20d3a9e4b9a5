"""Lists without the list cache (zgw.common.listcache.SeekIds): count and page starts from the shared cache.

A page is read with a seek from its remembered first id, never with an OFFSET once it has been served; a write
(through the API, the ORM, or a rolled-back transaction) is seen on the very next list.
"""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from zgw.autorisaties.services import AutorisatieData
from zgw.common import listcache
from zgw.zaken.models import Zaak

from .conftest import CRS, cat_url, create_zaak

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the seek path serves the PostgreSQL list path"),
]


@pytest.fixture(autouse=True)
def _seek(settings):
    settings.ZGW_LIST_CACHE = False
    settings.ZGW_LIST_SEEK = True


def _reader(make_api_client, zaaktype, level: str = "zaakvertrouwelijk"):
    grant = AutorisatieData(
        component="zrc",
        scopes=["zaken.lezen"],
        zaaktype=cat_url("zaaktypen", zaaktype),
        max_vertrouwelijkheidaanduiding=level,
    )
    return make_api_client(autorisaties=[grant])


def _zaak_queries(ctx) -> list[str]:
    """The queries of a list that read zaken: count, ids and the page's rows (not autorisaties or catalogi)."""
    return [q["sql"] for q in ctx.captured_queries if '"zaken_zaak"' in q["sql"] or "zaken_zaak z" in q["sql"]]


def _page(client, page: int, size: int = 2, path: str = "/zaken/api/v1/zaken"):
    response = client.get(f"{path}?pageSize={size}&page={page}", **CRS)
    assert response.status_code == 200, response.content
    return response.json()


def _identificaties(body: dict) -> list[str]:
    return [zaak["identificatie"] for zaak in body["results"]]


def test_pages_are_those_of_offset_and_then_come_by_seek(superuser_client, make_api_client, zaaktype):
    for index in range(7):
        create_zaak(superuser_client, zaaktype, identificatie=f"SEEK-{index}")
    reader = _reader(make_api_client, zaaktype)
    newest_first = [f"SEEK-{index}" for index in reversed(range(7))]
    cold = [_identificaties(_page(reader, page)) for page in (1, 2, 3, 4)]
    assert cold == [newest_first[0:2], newest_first[2:4], newest_first[4:6], newest_first[6:7]]

    with CaptureQueriesContext(connection) as warm:
        body = _page(reader, 3)
    assert body["count"] == 7 and _identificaties(body) == newest_first[4:6]
    assert "page=4" in body["next"] and "page=2" in body["previous"]
    queries = _zaak_queries(warm)
    assert len(queries) == 2, queries  # ids by seek + the rows; the count from the shared cache
    assert "OFFSET" not in queries[0] and '"zaken_zaak"."id" <=' in queries[0]


def test_queries_per_page_are_constant(superuser_client, make_api_client, zaaktype):
    for _ in range(9):
        create_zaak(superuser_client, zaaktype)
    reader = _reader(make_api_client, zaaktype)
    counts = []
    for page in (1, 2, 3, 4, 5):
        with CaptureQueriesContext(connection) as ctx:
            _page(reader, page)
        counts.append(len(ctx.captured_queries))
    # after the first request (autorisaties, count): the page's ids and its rows, whatever the page
    assert counts[1:] == [2, 2, 2, 2]
    with CaptureQueriesContext(connection) as first_again:
        _page(reader, 1)
    with CaptureQueriesContext(connection) as deep_again:
        _page(reader, 5)
    assert len(first_again.captured_queries) == len(deep_again.captured_queries) == 2


def test_a_write_is_seen_on_the_next_list(superuser_client, make_api_client, zaaktype):
    for index in range(4):
        create_zaak(superuser_client, zaaktype, identificatie=f"W-{index}")
    reader = _reader(make_api_client, zaaktype)
    assert _identificaties(_page(reader, 2)) == ["W-1", "W-0"]
    create_zaak(superuser_client, zaaktype, identificatie="W-4")  # shifts every page by one
    body = _page(reader, 2)
    assert body["count"] == 5 and _identificaties(body) == ["W-2", "W-1"]

    Zaak.objects.get(identificatie="W-2").delete()  # the ORM directly, outside the API
    body = _page(reader, 2)
    assert body["count"] == 4 and _identificaties(body) == ["W-1", "W-0"]

    hidden = Zaak.objects.get(identificatie="W-4")
    hidden.vertrouwelijkheidaanduiding = "geheim"  # above the reader's maximum
    hidden.save()
    body = _page(reader, 1)
    assert body["count"] == 3 and _identificaties(body) == ["W-3", "W-1"]


def test_a_rolled_back_write_changes_nothing(superuser_client, make_api_client, zaaktype):
    for _ in range(3):
        create_zaak(superuser_client, zaaktype)
    reader = _reader(make_api_client, zaaktype)
    assert _page(reader, 2)["count"] == 3
    with pytest.raises(RuntimeError), transaction.atomic():
        Zaak.objects.order_by("pk").first().delete()
        assert _page(reader, 1)["count"] == 2  # inside the transaction its own write shows
        raise RuntimeError("roll back")
    assert _page(reader, 2)["count"] == 3
    assert len(_page(reader, 2)["results"]) == 1


def test_other_orderings_and_filters(superuser_client, make_api_client, zaaktype):
    for day in (3, 1, 2):
        create_zaak(superuser_client, zaaktype, identificatie=f"D-{day}", startdatum=f"2024-01-0{day}")
    reader = _reader(make_api_client, zaaktype)
    by_date = "/zaken/api/v1/zaken?ordering=startdatum&pageSize=2"
    for _ in range(2):  # cold and warm
        first = reader.get(by_date, **CRS).json()
        second = reader.get(by_date + "&page=2", **CRS).json()
        assert _identificaties(first) + _identificaties(second) == ["D-1", "D-2", "D-3"]
        assert first["count"] == 3
    filtered = reader.get("/zaken/api/v1/zaken?startdatum__gte=2024-01-02&pageSize=1&page=2", **CRS).json()
    assert filtered["count"] == 2 and _identificaties(filtered) == ["D-3"]


def test_zoek_pages_by_seek(superuser_client, make_api_client, zaaktype):
    for index in range(5):
        create_zaak(superuser_client, zaaktype, identificatie=f"Z-{index}")
    reader = _reader(make_api_client, zaaktype)
    body = {"zaaktype": cat_url("zaaktypen", zaaktype)}

    def search(page: int) -> dict:
        response = reader.post(f"/zaken/api/v1/zaken/_zoek?pageSize=2&page={page}", body, format="json", **CRS)
        assert response.status_code == 200, response.content
        return response.json()

    assert _identificaties(search(1)) == ["Z-4", "Z-3"]
    with CaptureQueriesContext(connection) as warm:
        second = search(2)
    assert second["count"] == 5 and _identificaties(second) == ["Z-2", "Z-1"]
    assert not any("COUNT(" in q or "OFFSET" in q for q in _zaak_queries(warm))


def test_a_new_grant_is_a_new_list(superuser_client, make_api_client, zaaktype):
    create_zaak(superuser_client, zaaktype, vertrouwelijkheidaanduiding="geheim")
    assert _page(_reader(make_api_client, zaaktype), 1)["count"] == 0
    assert _page(_reader(make_api_client, zaaktype, level="geheim"), 1)["count"] == 1


def test_without_the_shared_cache_the_database_answers(settings, superuser_client, zaaktype):
    settings.ZGW_LIST_SEEK = False
    create_zaak(superuser_client, zaaktype)
    assert isinstance(listcache.ids(Zaak.objects.all(), ("zaken",)), type(Zaak.objects.values_list("pk")))
    assert len(listcache.SeekIds(Zaak.objects.filter(pk__in=[]), ("zaken",))[0:10]) == 0


def test_zoek_within_checks_points_and_other_shapes_exactly(superuser_client, make_api_client, zaaktype):
    """Points are checked without their GeoJSON (vectorised), other shapes one by one; the edge counts as inside."""
    triangle = {"type": "Polygon", "coordinates": [[[0, 0], [4, 0], [0, 4], [0, 0]]]}
    shapes = {
        "IN-POINT": {"type": "Point", "coordinates": [1, 1]},
        "EDGE-POINT": {"type": "Point", "coordinates": [2, 2]},  # on the hypotenuse
        "BOX-NOT-SHAPE": {"type": "Point", "coordinates": [3, 3]},  # inside the bounding box, outside the triangle
        "IN-LINE": {"type": "LineString", "coordinates": [[0.5, 0.5], [1, 2]]},
        "OUT-LINE": {"type": "LineString", "coordinates": [[0.5, 0.5], [3, 3]]},
    }
    for name, geometry in shapes.items():
        create_zaak(superuser_client, zaaktype, identificatie=name, zaakgeometrie=geometry)
    reader = _reader(make_api_client, zaaktype)
    response = reader.post("/zaken/api/v1/zaken/_zoek", {"zaakgeometrie": {"within": triangle}}, format="json", **CRS)
    assert response.status_code == 200, response.content
    assert sorted(_identificaties(response.json())) == ["EDGE-POINT", "IN-LINE", "IN-POINT"]
