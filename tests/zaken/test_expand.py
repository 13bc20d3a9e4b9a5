"""expand on zaken (zaken.md §7): nested objects in ``_expand``, unknown fields → 400."""

from __future__ import annotations

import pytest

from .conftest import CRS, cat_url, create_zaak, post

pytestmark = pytest.mark.django_db


def test_expand_zaaktype_status_statustype(superuser_client, zaaktype, statustypen, django_assert_max_num_queries):
    zaak = create_zaak(superuser_client, zaaktype)
    status = post(
        superuser_client,
        "statussen",
        {
            "zaak": zaak["url"],
            "statustype": cat_url("statustypen", statustypen[0]),
            "datumStatusGezet": "2024-03-02T10:00:00Z",
        },
    ).json()
    response = superuser_client.get(f"/zaken/api/v1/zaken/{zaak['uuid']}?expand=zaaktype,status.statustype", **CRS)
    assert response.status_code == 200, response.json()
    embedded = response.json()["_expand"]
    assert embedded["zaaktype"]["url"] == zaak["zaaktype"]
    assert embedded["status"]["url"] == status["url"]
    assert embedded["status"]["_expand"]["statustype"]["volgnummer"] == 1
    assert response.json()["status"] == status["url"]


def test_expand_list_and_empty_reference(superuser_client, zaaktype):
    create_zaak(superuser_client, zaaktype)
    data = superuser_client.get("/zaken/api/v1/zaken?expand=resultaat,rollen", **CRS).json()
    item = data["results"][0]
    assert item["_expand"]["resultaat"] == {}
    assert item["_expand"]["rollen"] == []


def test_expand_unknown_field_is_400(superuser_client, zaaktype):
    zaak = create_zaak(superuser_client, zaaktype)
    response = superuser_client.get(f"/zaken/api/v1/zaken/{zaak['uuid']}?expand=bestaatniet", **CRS)
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["code"] == "invalid-expand-field"


def test_expand_in_zoek_body(superuser_client, zaaktype):
    zaak = create_zaak(superuser_client, zaaktype)
    response = post(superuser_client, "zaken/_zoek", {"uuid__in": [zaak["uuid"]], "expand": "zaaktype"})
    assert response.status_code == 200, response.json()
    assert response.json()["results"][0]["_expand"]["zaaktype"]["url"] == zaak["zaaktype"]


def test_query_budget_detail_with_expand_and_create(superuser_client, zaaktype, statustypen):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    zaak = create_zaak(superuser_client, zaaktype)  # warms the client cache
    with CaptureQueriesContext(connection) as created:
        create_zaak(superuser_client, zaaktype)
    with CaptureQueriesContext(connection) as detail:
        response = superuser_client.get(f"/zaken/api/v1/zaken/{zaak['uuid']}?expand=zaaktype,status", **CRS)
    assert response.status_code == 200
    assert len(created) <= (15 if connection.vendor == "postgresql" else 25)
    # the expanded zaaktype is rendered by the catalogi serializer, which costs its own queries
    assert len(detail) <= (12 if connection.vendor == "postgresql" else 20)


def test_w3_expand_costs_one_query_per_collection(superuser_client, zaaktype, statustypen, resultaattype):
    """expand=status,resultaat,rollen,zaakinformatieobjecten: at most 8 queries, however many rollen."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from zgw.catalogi.models import RolType

    roltype = RolType.objects.create(zaaktype=zaaktype, omschrijving="Behandelaar", omschrijving_generiek="behandelaar")
    zaak = create_zaak(superuser_client, zaaktype)
    statustype = cat_url("statustypen", statustypen[0])
    status = {"zaak": zaak["url"], "statustype": statustype, "datumStatusGezet": "2024-03-02T10:00:00Z"}
    assert post(superuser_client, "statussen", status).status_code == 201
    resultaat = {"zaak": zaak["url"], "resultaattype": cat_url("resultaattypen", resultaattype)}
    assert post(superuser_client, "resultaten", resultaat).status_code == 201
    path = f"/zaken/api/v1/zaken/{zaak['uuid']}?expand=status,resultaat,rollen,zaakinformatieobjecten"

    def add_rol(index: int) -> None:
        rol = {
            "zaak": zaak["url"],
            "betrokkeneType": "medewerker",
            "roltype": cat_url("roltypen", roltype),
            "roltoelichting": f"rol {index}",
            "betrokkene": f"https://example.com/mw/{index}",
        }
        assert post(superuser_client, "rollen", rol).status_code == 201

    def measure() -> tuple[int, dict]:
        with CaptureQueriesContext(connection) as ctx:
            response = superuser_client.get(path, **CRS)
        assert response.status_code == 200
        return len(ctx), response.json()["_expand"]

    add_rol(0)
    few, embedded = measure()
    assert len(embedded["rollen"]) == 1 and embedded["status"]["url"] and embedded["resultaat"]["url"]
    for index in range(1, 5):
        add_rol(index)
    many, embedded = measure()
    assert len(embedded["rollen"]) == 5
    assert many == few
    assert many <= (8 if connection.vendor == "postgresql" else 12)


def test_expanded_sub_resources_equal_their_own_detail(
    superuser_client, zaaktype, statustypen, resultaattype, iotype, settings, tmp_path
):
    """Every expanded collection renders exactly as a GET of that resource (the expand joins load less of the
    zaak; a field they miss would show here, or as extra queries per object)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.zaken.test_rule_gaps import _document

    settings.MEDIA_ROOT = str(tmp_path)
    zaak = create_zaak(superuser_client, zaaktype)
    body = {
        "zaak": zaak["url"],
        "statustype": cat_url("statustypen", statustypen[0]),
        "datumStatusGezet": "2024-03-02T10:00:00Z",
    }
    assert post(superuser_client, "statussen", body).status_code == 201
    resultaat = {"zaak": zaak["url"], "resultaattype": cat_url("resultaattypen", resultaattype)}
    assert post(superuser_client, "resultaten", resultaat).status_code == 201
    fields = "status,resultaat,zaakobjecten,zaakinformatieobjecten"
    path = f"/zaken/api/v1/zaken/{zaak['uuid']}?expand={fields}"

    def add() -> None:
        zaakobject = {"zaak": zaak["url"], "objectType": "pand", "object": "https://bag.example.nl/pand/1"}
        assert post(superuser_client, "zaakobjecten", zaakobject).status_code == 201
        document = _document(superuser_client, iotype)["url"]
        zio = {"zaak": zaak["url"], "informatieobject": document}
        assert post(superuser_client, "zaakinformatieobjecten", zio).status_code == 201

    add()
    with CaptureQueriesContext(connection) as one:
        superuser_client.get(path, **CRS)
    add()
    add()
    with CaptureQueriesContext(connection) as three:
        expanded = superuser_client.get(path, **CRS).json()["_expand"]
    assert len(three) == len(one)
    assert len(expanded["zaakobjecten"]) == 3 and len(expanded["zaakinformatieobjecten"]) == 3
    items = [expanded["status"], expanded["resultaat"], *expanded["zaakobjecten"], *expanded["zaakinformatieobjecten"]]
    for item in items:
        own = {key: value for key, value in item.items() if key != "_expand"}
        assert superuser_client.get(item["url"], **CRS).json() == own


def test_expand_beyond_the_object_limit_is_a_clear_400(superuser_client, zaaktype, settings):
    """ZGW_EXPAND_MAX_OBJECTS bounds the work of one response: beyond it a 400, nothing half-expanded."""
    for _ in range(3):
        create_zaak(superuser_client, zaaktype)
    settings.ZGW_EXPAND_MAX_OBJECTS = 2
    response = superuser_client.get("/zaken/api/v1/zaken?expand=zaaktype,status", **CRS)
    assert response.status_code == 200, response.json()  # one zaaktype URL shared by all three zaken
    settings.ZGW_EXPAND_MAX_OBJECTS = 0
    response = superuser_client.get("/zaken/api/v1/zaken?expand=zaaktype", **CRS)
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["code"] == "expand-limit"
    assert response.json()["invalidParams"][0]["name"] == "expand"
