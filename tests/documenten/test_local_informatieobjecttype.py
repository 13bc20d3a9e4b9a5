"""Local informatieobjecttypen (this server's Catalogi): stored as FK, validated (drc-001), authorised, expanded."""

from __future__ import annotations

import pytest

from zgw.autorisaties.services import AutorisatieData
from zgw.catalogi.models import Catalogus, InformatieObjectType
from zgw.documenten.models import EnkelvoudigInformatieObject

from .conftest import EIO_LIST, codes, eio_body, path_of

pytestmark = pytest.mark.django_db

CATALOGI = "http://testserver/catalogi/api/v1"


@pytest.fixture
def catalogus() -> Catalogus:
    return Catalogus.objects.create(domein="TEST", rsin="000000000", contactpersoon_beheer_naam="Beheer")


def _type(
    catalogus, *, concept: bool = False, level: str = "zaakvertrouwelijk", omschrijving: str = "Advies"
) -> InformatieObjectType:
    return InformatieObjectType.objects.create(
        catalogus=catalogus,
        omschrijving=omschrijving,
        vertrouwelijkheidaanduiding=level,
        informatieobjectcategorie="advies",
        concept=concept,
    )


def _url(iotype: InformatieObjectType) -> str:
    return f"{CATALOGI}/informatieobjecttypen/{iotype.uuid}"


def test_drc_001_local_type_stored_as_foreign_key(superuser_client, catalogus):
    iotype = _type(catalogus)
    response = superuser_client.post(EIO_LIST, eio_body(_url(iotype)), format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["informatieobjecttype"] == _url(iotype)
    document = EnkelvoudigInformatieObject.objects.get()
    assert document.informatieobjecttype == iotype
    assert document.informatieobjecttype_url == ""
    # drc-007 from the local type
    assert response.json()["vertrouwelijkheidaanduiding"] == "zaakvertrouwelijk"


def test_drc_001_local_concept_type_rejected(superuser_client, catalogus):
    concept = _type(catalogus, concept=True)
    response = superuser_client.post(EIO_LIST, eio_body(_url(concept)), format="json")
    assert response.status_code == 400
    assert ("informatieobjecttype", "not-published") in codes(response)


def test_drc_001_local_url_of_other_kind_or_missing(superuser_client, catalogus):
    wrong_kind = superuser_client.post(EIO_LIST, eio_body(f"{CATALOGI}/catalogussen/{catalogus.uuid}"), format="json")
    assert wrong_kind.status_code == 400
    assert ("informatieobjecttype", "bad-url") in codes(wrong_kind)
    missing = superuser_client.post(
        EIO_LIST, eio_body(f"{CATALOGI}/informatieobjecttypen/0d5c8a2b-5a3c-4a8e-9d7c-1c2f8b3f6b11"), format="json"
    )
    assert missing.status_code == 400
    assert ("informatieobjecttype", "does_not_exist") in codes(missing)


def test_autorisatie_on_local_type(make_api_client, superuser_client, catalogus):
    mine = _type(catalogus, level="openbaar")
    other = _type(catalogus, level="openbaar", omschrijving="Ander advies")  # two published types, not versions
    superuser_client.post(EIO_LIST, eio_body(_url(mine)), format="json")
    superuser_client.post(EIO_LIST, eio_body(_url(other)), format="json")
    client = make_api_client(
        autorisaties=[
            AutorisatieData(
                component="drc",
                scopes=["documenten.lezen"],
                informatieobjecttype=_url(mine),
                max_vertrouwelijkheidaanduiding="openbaar",
            )
        ]
    )
    results = client.get(EIO_LIST).json()["results"]
    assert [r["informatieobjecttype"] for r in results] == [_url(mine)]


def test_expand_local_type(superuser_client, catalogus):
    iotype = _type(catalogus)
    data = superuser_client.post(EIO_LIST, eio_body(_url(iotype)), format="json").json()
    response = superuser_client.get(path_of(data["url"]), {"expand": "informatieobjecttype"})
    assert response.status_code == 200
    assert response.json()["_expand"]["informatieobjecttype"]["omschrijving"] == "Advies"


def test_expand_local_type_on_a_page_renders_each_type_once(superuser_client, catalogus, django_assert_max_num_queries):
    iotype = _type(catalogus)
    for _ in range(2):
        superuser_client.post(EIO_LIST, eio_body(_url(iotype)), format="json")
    superuser_client.get(EIO_LIST, {"expand": "informatieobjecttype"})
    with django_assert_max_num_queries(9):  # page (3) + one rendering of the type (catalogi, a few)
        superuser_client.get(EIO_LIST, {"expand": "informatieobjecttype"})
    for _ in range(8):
        superuser_client.post(EIO_LIST, eio_body(_url(iotype)), format="json")
    with django_assert_max_num_queries(9):  # not 3 + 10 renderings
        results = superuser_client.get(EIO_LIST, {"expand": "informatieobjecttype"}).json()["results"]
    assert len(results) == 10
    assert {r["_expand"]["informatieobjecttype"]["url"] for r in results} == {_url(iotype)}
