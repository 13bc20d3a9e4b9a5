"""Documenten: every independent rule of a document write in one 400 (DECISIONS.md)."""

from __future__ import annotations

import pytest

from .conftest import EIO_LIST, codes, eio_body, lock, path_of

pytestmark = pytest.mark.django_db


def test_drc_001_005_006_and_unique_identificatie_reported_together(superuser_client, make_iotype, create_eio):
    create_eio(identificatie="DOC-1")
    concept = make_iotype(concept=True)
    body = eio_body(
        concept["url"],
        identificatie="DOC-1",
        ontvangstdatum="2024-05-02",
        status="in_bewerking",
        indicatieGebruiksrecht=True,
    )
    response = superuser_client.post(EIO_LIST, body, format="json")
    assert response.status_code == 400
    assert codes(response) == {
        ("informatieobjecttype", "not-published"),
        ("status", "invalid_for_received"),
        ("indicatieGebruiksrecht", "missing-gebruiksrechten"),
        ("identificatie", "identificatie-niet-uniek"),
    }


def test_drc_005_and_drc_006_reported_together_on_update(superuser_client, create_eio):
    data = create_eio(ontvangstdatum="2024-05-02", status="definitief")
    lock_id = lock(superuser_client, data["url"])
    response = superuser_client.patch(
        path_of(data["url"]),
        {"status": "ter_vaststelling", "indicatieGebruiksrecht": True, "lock": lock_id},
        format="json",
    )
    assert response.status_code == 400
    assert codes(response) == {
        ("status", "invalid_for_received"),
        ("indicatieGebruiksrecht", "missing-gebruiksrechten"),
    }
