"""drc-002/003/004/008 against a local besluit, with the checker the Besluiten app registers."""

from __future__ import annotations

import datetime

import pytest

from zgw.besluiten.models import Besluit, BesluitInformatieObject
from zgw.documenten import services
from zgw.documenten.models import EnkelvoudigInformatieObject, ObjectInformatieObject

from .conftest import codes, path_of

pytestmark = pytest.mark.django_db

OIO = "/documenten/api/v1/objectinformatieobjecten"


def _besluit() -> Besluit:
    return Besluit.objects.create(
        verantwoordelijke_organisatie="000000000",
        identificatie=f"B-{Besluit.objects.count() + 1}",
        besluittype_url="https://catalogi.example.nl/catalogi/api/v1/besluittypen/1",
        datum=datetime.date(2024, 1, 1),
        ingangsdatum=datetime.date(2024, 1, 1),
    )


def _url(besluit: Besluit) -> str:
    return f"http://testserver/besluiten/api/v1/besluiten/{besluit.uuid}"


def test_drc_004_local_besluit_relation(superuser_client, create_eio):
    data = create_eio()
    document = EnkelvoudigInformatieObject.objects.get()
    linked, unlinked = _besluit(), _besluit()
    # what the Besluiten app does in its own transaction when a besluitinformatieobject is created
    BesluitInformatieObject.objects.create(besluit=linked, informatieobject=document)
    mirror = services.link_object(
        informatieobject=document, object_type="besluit", object_url=_url(linked), besluit=linked
    )
    assert mirror.besluit == linked

    # drc-003: the BIO made the mirror already, so the API create of the same pair is a duplicate
    duplicate = superuser_client.post(
        OIO, {"informatieobject": data["url"], "object": _url(linked), "objectType": "besluit"}, format="json"
    )
    assert duplicate.status_code == 400, duplicate.json()
    assert codes(duplicate) == {("nonFieldErrors", "unique")}
    assert ObjectInformatieObject.objects.count() == 1
    refused = superuser_client.post(
        OIO, {"informatieobject": data["url"], "object": _url(unlinked), "objectType": "besluit"}, format="json"
    )
    assert refused.status_code == 400
    assert ("nonFieldErrors", "inconsistent-relation") in codes(refused)
    wrong_type = superuser_client.post(
        OIO, {"informatieobject": data["url"], "object": _url(linked), "objectType": "zaak"}, format="json"
    )
    assert wrong_type.status_code == 400
    assert ("object", "bad-url") in codes(wrong_type)

    # drc-008: still linked
    assert ("nonFieldErrors", "pending-relations") in codes(superuser_client.delete(path_of(data["url"])))
    # the mirror cannot be removed while the besluit still has the relation
    blocked = superuser_client.delete(f"{OIO}/{mirror.uuid}")
    assert ("nonFieldErrors", "remote-relation-exists") in codes(blocked)

    BesluitInformatieObject.objects.filter(besluit=linked).delete()
    services.unlink_object(informatieobject=document, object_type="besluit", object_url=_url(linked))
    assert not ObjectInformatieObject.objects.exists()
    assert superuser_client.delete(path_of(data["url"])).status_code == 204
