"""The one document renderer (documenten/api/render.py): create answer, detail, list, ``_zoek``, the update answer
and the document expanded under a gebruiksrecht are the same JSON, which fits the official schema."""

from __future__ import annotations

import pytest

from tests.common.official_shapes import component, problems

from .conftest import EIO_LIST, lock, path_of

pytestmark = pytest.mark.django_db
DOCUMENTEN = "documenten-1.7.0.yaml"


def test_every_path_renders_a_document_alike(superuser_client, create_eio):
    created = create_eio(
        ondertekening={"soort": "digitaal", "datum": "2024-05-02"},
        integriteit={"algoritme": "sha_256", "waarde": "abc", "datum": "2024-05-03"},
        trefwoorden=["brief", "burger"],
        ontvangstdatum="2024-05-04",
    )
    create_eio()  # a second one: the list renders a page, not one object
    assert created.pop("lock") == ""  # the create answer alone carries the lock
    schema = component(DOCUMENTEN, "EnkelvoudigInformatieObject")
    assert problems(DOCUMENTEN, schema, created) == []
    assert set(created) == set(schema["properties"])
    assert created["ondertekening"] == {"soort": "digitaal", "datum": "2024-05-02"}
    assert created["integriteit"] == {"algoritme": "sha_256", "waarde": "abc", "datum": "2024-05-03"}
    assert created["inhoud"] == f"{created['url']}/download?versie=1"

    detail = superuser_client.get(path_of(created["url"])).json()
    assert detail == created and list(detail) == list(created)
    listed = superuser_client.get(EIO_LIST).json()["results"]
    assert next(item for item in listed if item["url"] == created["url"]) == created
    uuid = created["url"].rsplit("/", 1)[1]
    searched = superuser_client.post(f"{EIO_LIST}/_zoek", {"uuid__in": [uuid]}, format="json").json()["results"]
    assert searched == [created]

    expanded = superuser_client.get(path_of(created["url"]), {"expand": "informatieobjecttype"}).json()
    assert {key: value for key, value in expanded.items() if key != "_expand"} == created
    assert list(expanded)[-1] == "_expand" and expanded["_expand"]["informatieobjecttype"]["url"]

    gebruiksrecht = {
        "informatieobject": created["url"],
        "startdatum": "2024-05-01T10:00:00Z",
        "omschrijvingVoorwaarden": "geen",
    }
    response = superuser_client.post("/documenten/api/v1/gebruiksrechten", gebruiksrecht, format="json")
    assert response.status_code == 201, response.json()
    assert "_expand" not in response.json()
    gr = superuser_client.get(path_of(response.json()["url"]), {"expand": "informatieobject"}).json()
    document = dict(gr["_expand"]["informatieobject"])
    assert document == {**created, "indicatieGebruiksrecht": True}
    assert "_expand" not in superuser_client.get(path_of(response.json()["url"])).json()

    key = lock(superuser_client, created["url"])
    updated = superuser_client.patch(path_of(created["url"]), {"titel": "Nieuw", "lock": key}, format="json")
    assert updated.status_code == 200, updated.json()
    assert updated.json() == superuser_client.get(path_of(created["url"])).json()
    assert updated.json()["locked"] is True and updated.json()["versie"] == 2
