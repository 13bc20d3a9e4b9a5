"""The kanalen this server registers cover what its components publish, and their messages pass the NRC checks."""

from __future__ import annotations

import importlib

import pytest
from django.db import transaction

from zgw.common.models import OutboxMessage
from zgw.notificaties.kanalen import KANALEN
from zgw.notificaties.services import validate_message

pytestmark = pytest.mark.django_db

PUBLISHERS = [
    ("zgw.documenten.services", "KANAAL"),
    ("zgw.besluiten.constants", "KANAAL"),
    ("zgw.autorisaties.services", "KANAAL"),
    ("zgw.zaken.services", "KANAAL"),
    ("zgw.catalogi.services.base", "RESOURCE_BY_KANAAL"),
    ("zgw.catalogi.services", "RESOURCE_BY_KANAAL"),
]


def _published_kanalen() -> set[str]:
    found: set[str] = set()
    for module_name, attribute in PUBLISHERS:
        try:
            value = getattr(importlib.import_module(module_name), attribute)
        except (ImportError, AttributeError):
            continue  # not built (yet) or moved
        found |= set(value) if isinstance(value, dict) else {value}
    return found


def test_every_published_kanaal_is_registered():
    published = _published_kanalen()
    assert {"documenten", "besluiten", "autorisaties"} <= published  # the lookup itself works
    assert published <= {k.naam for k in KANALEN}


@pytest.mark.parametrize(
    "kanaal,kenmerken",
    [
        ("zaken", {"bronorganisatie": "1", "zaaktype": "u", "vertrouwelijkheidaanduiding": "openbaar"}),
        ("documenten", {"bronorganisatie": "1", "informatieobjecttype": "u", "vertrouwelijkheidaanduiding": "geheim"}),
        ("besluiten", {"verantwoordelijkeOrganisatie": "1", "besluittype": "u"}),
        ("zaaktypen", {"catalogus": "u"}),
        ("autorisaties", {}),
    ],
)
def test_component_messages_fit_their_kanaal(kanalen, kanaal, kenmerken):
    assert validate_message(kanaal, kenmerken).naam == kanaal


def test_applicatie_change_publishes_one_valid_outbox_row(kanalen, superuser_client):
    before = set(OutboxMessage.objects.values_list("pk", flat=True))
    with transaction.atomic():
        response = superuser_client.post(
            "/autorisaties/api/v1/applicaties",
            {"clientIds": ["kanaal-test"], "label": "k", "heeftAlleAutorisaties": True},
            format="json",
        )
    assert response.status_code == 201
    [row] = OutboxMessage.objects.exclude(pk__in=before)
    message = row.as_message()
    assert message["resourceUrl"] == response.json()["url"] == message["hoofdObject"]
    validate_message(message["kanaal"], message["kenmerken"])
