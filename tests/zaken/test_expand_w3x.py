"""Issue 20's W3x, ``GET /zaken/{uuid}?expand=status,rollen,zaaktype``: pinned queries, and the kept Catalogi types
(``zgw.common.expand.Memo``) never stale after a write.

The zaaktype of a zaak is rendered once per Catalogi version (``listcache`` ``catalogi`` tag) and reused by every
later expand in the process; every ORM write to the Catalogi models moves that version, so the next expand renders
it again.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from zgw.catalogi.models import RolType
from zgw.common import expand

from .conftest import CRS, cat_url, create_zaak, post

pytestmark = pytest.mark.django_db

W3X = "status,rollen,zaaktype"


@pytest.fixture
def w3x_zaak(superuser_client, zaaktype, statustypen):
    roltype = RolType.objects.create(zaaktype=zaaktype, omschrijving="Behandelaar", omschrijving_generiek="behandelaar")
    zaak = create_zaak(superuser_client, zaaktype)
    status = {
        "zaak": zaak["url"],
        "statustype": cat_url("statustypen", statustypen[0]),
        "datumStatusGezet": "2024-03-02T10:00:00Z",
    }
    assert post(superuser_client, "statussen", status).status_code == 201
    zaak["roltype"] = cat_url("roltypen", roltype)
    return zaak


def _add_rol(client, zaak: dict, index: int) -> None:
    rol = {
        "zaak": zaak["url"],
        "betrokkeneType": "medewerker",
        "roltype": zaak["roltype"],
        "roltoelichting": f"rol {index}",
        "betrokkene": f"https://example.com/mw/{index}",
    }
    assert post(client, "rollen", rol).status_code == 201


def _measure(client, zaak: dict) -> tuple[int, dict]:
    path = f"/zaken/api/v1/zaken/{zaak['uuid']}?expand={W3X}"
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path, **CRS)
    assert response.status_code == 200, response.json()
    return len(ctx), response.json()


def test_w3x_queries_pinned_and_constant_in_the_number_of_rollen(superuser_client, w3x_zaak):
    """Warm: the zaak, its status (+ the status's zaakinformatieobjecten and the rollen that set it), the rollen
    (+ their statussen); the zaaktype comes from the kept rendering: no Catalogi query at all."""
    _add_rol(superuser_client, w3x_zaak, 0)
    _measure(superuser_client, w3x_zaak)  # renders and keeps the zaaktype
    few, data = _measure(superuser_client, w3x_zaak)
    assert len(data["_expand"]["rollen"]) == 1 and data["_expand"]["status"]["url"]
    for index in range(1, 5):
        _add_rol(superuser_client, w3x_zaak, index)
    _measure(superuser_client, w3x_zaak)
    many, data = _measure(superuser_client, w3x_zaak)
    assert len(data["_expand"]["rollen"]) == 5
    assert many == few
    if connection.vendor == "postgresql":
        assert many == 5


def test_w3x_cold_zaaktype_costs_its_level_once(superuser_client, w3x_zaak):
    """A cold (or retired) rendering loads the zaaktype level; the next request does not."""
    expand.MEMO.clear()
    cold, _ = _measure(superuser_client, w3x_zaak)
    warm, _ = _measure(superuser_client, w3x_zaak)
    assert warm < cold


def test_kept_zaaktype_is_what_the_catalogi_api_answers_and_follows_writes(superuser_client, w3x_zaak, zaaktype):
    _, data = _measure(superuser_client, w3x_zaak)
    expanded = data["_expand"]["zaaktype"]
    direct = superuser_client.get(expanded["url"].replace("http://testserver", "")).json()
    assert expanded == direct
    zaaktype.toelichting = "gewijzigd na het bewaren"
    zaaktype.save()
    _, data = _measure(superuser_client, w3x_zaak)
    assert data["_expand"]["zaaktype"]["toelichting"] == "gewijzigd na het bewaren"
    RolType.objects.create(zaaktype=zaaktype, omschrijving="Aanvrager", omschrijving_generiek="initiator")
    _, data = _measure(superuser_client, w3x_zaak)
    assert len(data["_expand"]["zaaktype"]["roltypen"]) == 2


def test_without_the_list_cache_nothing_is_kept(superuser_client, w3x_zaak, settings):
    settings.ZGW_LIST_CACHE = False
    expand.MEMO.clear()
    first, data = _measure(superuser_client, w3x_zaak)
    second, again = _measure(superuser_client, w3x_zaak)
    assert first == second and data == again
    assert not expand.MEMO._entries
