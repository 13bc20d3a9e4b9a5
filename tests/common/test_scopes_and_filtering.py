"""Scope checks, per-object type/vertrouwelijkheid checks and SQL list filtering (common.md §4)."""

import pytest

from tests.testapp.models import Thing, ThingType
from zgw.autorisaties.services import AutorisatieData

THINGS = "/testapi/api/v1/things"


def type_url(thingtype):
    return f"http://testserver/testapi/api/v1/thingtypes/{thingtype.uuid}"


@pytest.fixture
def types(db):
    return ThingType.objects.create(omschrijving="A"), ThingType.objects.create(omschrijving="B")


@pytest.fixture
def things(types):
    a, b = types
    rows = []
    for thingtype in (a, b):
        for level in ("openbaar", "intern", "geheim"):
            rows.append(
                Thing.objects.create(
                    naam=f"{thingtype.omschrijving}-{level}",
                    thingtype=thingtype,
                    vertrouwelijkheidaanduiding=level,
                )
            )
    return rows


def scoped(make_api_client, thingtype, level, scopes=("zaken.lezen",)):
    return make_api_client(
        autorisaties=[
            AutorisatieData(
                component="zrc",
                scopes=list(scopes),
                zaaktype=type_url(thingtype),
                max_vertrouwelijkheidaanduiding=level,
            )
        ]
    )


def names(response):
    return sorted(item["naam"] for item in response.json()["results"])


def test_list_is_filtered_to_type_and_level(make_api_client, types, things):
    client = scoped(make_api_client, types[0], "intern")
    response = client.get(THINGS)
    assert response.status_code == 200
    assert names(response) == ["A-intern", "A-openbaar"]
    assert response.json()["count"] == 2


def test_list_filter_unions_several_autorisaties(make_api_client, types, things):
    client = make_api_client(
        autorisaties=[
            AutorisatieData(
                component="zrc",
                scopes=["zaken.lezen"],
                zaaktype=type_url(types[0]),
                max_vertrouwelijkheidaanduiding="openbaar",
            ),
            AutorisatieData(
                component="zrc",
                scopes=["zaken.lezen"],
                zaaktype=type_url(types[1]),
                max_vertrouwelijkheidaanduiding="zeer_geheim",
            ),
        ]
    )
    assert names(client.get(THINGS)) == ["A-openbaar", "B-geheim", "B-intern", "B-openbaar"]


def test_list_ignores_autorisaties_without_the_scope(make_api_client, types, things):
    client = make_api_client(
        autorisaties=[
            AutorisatieData(
                component="zrc",
                scopes=["zaken.lezen"],
                zaaktype=type_url(types[0]),
                max_vertrouwelijkheidaanduiding="openbaar",
            ),
            AutorisatieData(
                component="zrc",
                scopes=["zaken.aanmaken"],
                zaaktype=type_url(types[1]),
                max_vertrouwelijkheidaanduiding="zeer_geheim",
            ),
        ]
    )
    assert names(client.get(THINGS)) == ["A-openbaar"]


def test_list_filter_happens_in_sql_with_constant_queries(
    make_api_client, types, things, django_assert_num_queries
):
    client = scoped(make_api_client, types[0], "zeer_geheim")
    client.get(THINGS)  # warm the autorisatie cache
    for index in range(20):
        Thing.objects.create(
            naam=f"extra-{index}", thingtype=types[0], vertrouwelijkheidaanduiding="openbaar"
        )
    # one COUNT and one SELECT: the filter is part of the query, not applied in Python afterwards
    with django_assert_num_queries(2) as captured:
        response = client.get(THINGS)
    assert response.json()["count"] == 23
    select = captured.captured_queries[-1]["sql"]
    assert "vertrouwelijkheidaanduiding" in select and "IN" in select


def test_superuser_sees_everything(superuser_client, things):
    assert superuser_client.get(THINGS).json()["count"] == 6


def test_without_scope_the_list_is_403(make_api_client, types, things):
    client = scoped(make_api_client, types[0], "geheim", scopes=("zaken.aanmaken",))
    response = client.get(THINGS)
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


def test_scope_on_another_component_does_not_count(make_api_client, types, things):
    client = make_api_client(autorisaties=[AutorisatieData(component="ztc", scopes=["zaken.lezen"])])
    assert client.get(THINGS).status_code == 403


def test_detail_of_forbidden_object_is_403(make_api_client, types, things):
    client = scoped(make_api_client, types[0], "intern")
    secret = next(t for t in things if t.naam == "A-geheim")
    other_type = next(t for t in things if t.naam == "B-openbaar")
    allowed = next(t for t in things if t.naam == "A-intern")
    assert client.get(f"{THINGS}/{secret.uuid}").status_code == 403
    assert client.get(f"{THINGS}/{other_type.uuid}").status_code == 403
    assert client.get(f"{THINGS}/{allowed.uuid}").status_code == 200


def test_create_is_checked_against_the_request_body(make_api_client, types):
    client = scoped(make_api_client, types[0], "intern", scopes=("zaken.aanmaken",))
    ok = client.post(
        THINGS, {"naam": "x", "thingtype": type_url(types[0]), "vertrouwelijkheidaanduiding": "intern"}
    )
    assert ok.status_code == 201, ok.content
    too_secret = client.post(
        THINGS, {"naam": "x", "thingtype": type_url(types[0]), "vertrouwelijkheidaanduiding": "geheim"}
    )
    assert too_secret.status_code == 403
    wrong_type = client.post(
        THINGS, {"naam": "x", "thingtype": type_url(types[1]), "vertrouwelijkheidaanduiding": "openbaar"}
    )
    assert wrong_type.status_code == 403


def test_autorisatie_change_invalidates_the_cache(make_api_client, types, things):
    from zgw.autorisaties.models import Applicatie
    from zgw.autorisaties.services import update_applicatie

    client = scoped(make_api_client, types[0], "openbaar")
    assert names(client.get(THINGS)) == ["A-openbaar"]
    applicatie = Applicatie.objects.get(client_identifiers__client_id=client.client_id)
    update_applicatie(
        applicatie,
        {
            "autorisaties": [
                AutorisatieData(
                    component="zrc",
                    scopes=["zaken.lezen"],
                    zaaktype=type_url(types[1]),
                    max_vertrouwelijkheidaanduiding="intern",
                )
            ]
        },
        partial=True,
    )
    assert names(client.get(THINGS)) == ["B-intern", "B-openbaar"]
