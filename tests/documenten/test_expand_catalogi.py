"""drc-011/012: expand from a document into the Catalogi types behind its informatieobjecttype, to any depth.

The expanded objects are what the Catalogi API answers; queries grow per level, not per document or type.
"""

from __future__ import annotations

import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.catalogi.conftest import make_besluittype, make_zaaktype
from zgw.catalogi.models import Catalogus, InformatieObjectType

from .conftest import EIO_LIST, codes, eio_body, path_of

pytestmark = pytest.mark.django_db

CATALOGI = "http://testserver/catalogi/api/v1"
GEBRUIKSRECHTEN = "/documenten/api/v1/gebruiksrechten"


@pytest.fixture
def catalogus() -> Catalogus:
    return Catalogus.objects.create(domein="TEST", rsin="000000000", contactpersoon_beheer_naam="Beheer")


def _iotype(catalogus, omschrijving: str = "Advies") -> InformatieObjectType:
    return InformatieObjectType.objects.create(
        catalogus=catalogus,
        omschrijving=omschrijving,
        vertrouwelijkheidaanduiding="openbaar",
        informatieobjectcategorie="advies",
        concept=False,
    )


def _url(collection: str, obj) -> str:
    return f"{CATALOGI}/{collection}/{obj.uuid}"


def _own(item: dict) -> dict:
    return {key: value for key, value in item.items() if key != "_expand"}


_SERIAL = itertools.count()


def _with_besluittypen(catalogus, iotype, count: int, zaaktypen_each: int = 1) -> None:
    """``count`` besluittypen with names of their own (Catalogi 1.3.3 relates by name: one name is one type)."""
    for _ in range(count):
        index = next(_SERIAL)
        besluittype = make_besluittype(catalogus, concept=False, omschrijving=f"Besluit {iotype.pk}-{index}")
        besluittype.informatieobjecttypen.add(iotype)
        for number in range(zaaktypen_each):
            zaaktype = make_zaaktype(catalogus, concept=False, identificatie=f"ZT-{iotype.pk}-{index}-{number}")
            zaaktype.besluittypen.add(besluittype)


def _create(client, iotype) -> dict:
    response = client.post(EIO_LIST, eio_body(_url("informatieobjecttypen", iotype)), format="json")
    assert response.status_code == 201, response.json()
    return response.json()


def test_drc_012_expand_informatieobjecttype_catalogus_and_besluittypen_zaaktypen(superuser_client, catalogus):
    iotype = _iotype(catalogus)
    _with_besluittypen(catalogus, iotype, 2)
    document = _create(superuser_client, iotype)
    expand = "informatieobjecttype.catalogus,informatieobjecttype.besluittypen.zaaktypen"
    response = superuser_client.get(path_of(document["url"]), {"expand": expand})
    assert response.status_code == 200, response.json()
    expanded = response.json()["_expand"]["informatieobjecttype"]
    assert _own(expanded) == superuser_client.get(path_of(document["informatieobjecttype"])).json()
    embedded = expanded["_expand"]
    assert embedded["catalogus"] == superuser_client.get(path_of(expanded["catalogus"])).json()
    besluittypen = embedded["besluittypen"]
    assert [b["url"] for b in besluittypen] == expanded["besluittypen"] and len(besluittypen) == 2
    for besluittype in besluittypen:
        assert _own(besluittype) == superuser_client.get(path_of(besluittype["url"])).json()
        zaaktypen = besluittype["_expand"]["zaaktypen"]
        assert [z["url"] for z in zaaktypen] == besluittype["zaaktypen"] and len(zaaktypen) == 1
        assert zaaktypen[0] == superuser_client.get(path_of(zaaktypen[0]["url"])).json()
    # the document itself is unchanged
    assert _own(response.json()) == superuser_client.get(path_of(document["url"])).json()


def test_expand_deeper_than_three_levels_is_followed(superuser_client, catalogus):
    """Documenten 1.6.0 (release notes, nested OAS schemas): any depth, not drc-012's three levels
    (docs/decisions.md "Documenten expand depth")."""
    iotype = _iotype(catalogus)
    _with_besluittypen(catalogus, iotype, 1)
    document = _create(superuser_client, iotype)
    response = superuser_client.get(
        path_of(document["url"]), {"expand": "informatieobjecttype.besluittypen.zaaktypen.catalogus"}
    )
    assert response.status_code == 200, response.json()
    [besluittype] = response.json()["_expand"]["informatieobjecttype"]["_expand"]["besluittypen"]
    [zaaktype] = besluittype["_expand"]["zaaktypen"]
    assert zaaktype["_expand"]["catalogus"]["url"] == _url("catalogussen", catalogus)


def test_expand_beyond_the_recursion_limit_is_400(superuser_client, catalogus):
    document = _create(superuser_client, _iotype(catalogus))
    value = "informatieobjecttype" + ".catalogus.informatieobjecttypen" * 5
    response = superuser_client.get(path_of(document["url"]), {"expand": value})
    assert response.status_code == 400
    assert ("expand", "recursion-limit") in codes(response)


@pytest.mark.parametrize(
    "value", ["informatieobjecttype.bestaatniet", "informatieobjecttype.omschrijvingGeneriek", "catalogus"]
)
def test_drc_013_unknown_catalogi_field_is_400(superuser_client, catalogus, value):
    document = _create(superuser_client, _iotype(catalogus))
    response = superuser_client.get(path_of(document["url"]), {"expand": value})
    assert response.status_code == 400
    assert ("expand", "invalid-expand-field") in codes(response)


def test_gebruiksrechten_expand_three_levels_into_catalogi(superuser_client, catalogus):
    iotype = _iotype(catalogus)
    document = _create(superuser_client, iotype)
    body = {"informatieobject": document["url"], "startdatum": "2024-01-01T00:00:00Z", "omschrijvingVoorwaarden": "x"}
    recht = superuser_client.post(GEBRUIKSRECHTEN, body, format="json").json()
    response = superuser_client.get(
        path_of(recht["url"]), {"expand": "informatieobject.informatieobjecttype.catalogus"}
    )
    assert response.status_code == 200, response.json()
    informatieobject = response.json()["_expand"]["informatieobject"]
    assert _own(informatieobject) == superuser_client.get(path_of(document["url"])).json()
    expanded_type = informatieobject["_expand"]["informatieobjecttype"]
    assert expanded_type["_expand"]["catalogus"]["url"] == _url("catalogussen", catalogus)
    listed = superuser_client.get(GEBRUIKSRECHTEN, {"expand": "informatieobject.informatieobjecttype.catalogus"})
    assert listed.json()[0]["_expand"] == response.json()["_expand"]


def test_expand_into_catalogi_queries_grow_per_level_not_per_object(superuser_client, catalogus):
    """One document with 1 besluittype versus three documents of three types with 5 besluittypen each (2 zaaktypen
    per besluittype): the same number of queries, on the list and on ``_zoek``."""
    expand = "informatieobjecttype.catalogus,informatieobjecttype.besluittypen.zaaktypen"

    def measure() -> tuple[int, int, list]:
        superuser_client.get(EIO_LIST, {"expand": expand})
        with CaptureQueriesContext(connection) as listed:
            results = superuser_client.get(EIO_LIST, {"expand": expand}).json()["results"]
        with CaptureQueriesContext(connection) as searched:
            found = superuser_client.post(
                "/documenten/api/v1/enkelvoudiginformatieobjecten/_zoek",
                {"uuid__in": [r["url"].rsplit("/", 1)[1] for r in results], "expand": expand},
                format="json",
            )
        assert found.status_code == 200, found.json()
        return len(listed), len(searched), results

    first = _iotype(catalogus, "Type 0")
    _with_besluittypen(catalogus, first, 1)
    _create(superuser_client, first)
    few_list, few_search, results = measure()
    assert len(results[0]["_expand"]["informatieobjecttype"]["_expand"]["besluittypen"]) == 1
    _with_besluittypen(catalogus, first, 4, zaaktypen_each=2)
    for index in (1, 2):
        other = _iotype(catalogus, f"Type {index}")
        _with_besluittypen(catalogus, other, 5, zaaktypen_each=2)
        _create(superuser_client, other)
    many_list, many_search, results = measure()
    assert len(results) == 3
    for result in results:
        besluittypen = result["_expand"]["informatieobjecttype"]["_expand"]["besluittypen"]
        assert len(besluittypen) == 5
        assert all(len(b["_expand"]["zaaktypen"]) in (1, 2) for b in besluittypen)
    assert many_list == few_list
    assert many_search == few_search
    # + the by-name relation passes of Catalogi 1.3.3 (catalogi/relations.py), per level
    assert many_list <= (31 if connection.vendor == "postgresql" else 35)
