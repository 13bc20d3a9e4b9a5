"""Catalogi details run SQL compiled once per viewset (zgw.common.precompiled): same answer as the ORM's ``get``."""

from __future__ import annotations

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from zgw.catalogi import models as m
from zgw.catalogi.api import serializers as s
from zgw.catalogi.api.viewsets import RolTypeViewSet
from zgw.common import precompiled

from .conftest import API, make_besluittype, make_zaaktype, url

pytestmark = pytest.mark.django_db


def test_roltype_detail_is_the_serialized_orm_object_and_compiled_once(superuser_client, rf, catalogus):
    zaaktype = make_zaaktype(catalogus, concept=False)
    first = m.RolType.objects.create(zaaktype=zaaktype, omschrijving="Behandelaar", omschrijving_generiek="behandelaar")
    second = m.RolType.objects.create(zaaktype=zaaktype, omschrijving="Aanvrager", omschrijving_generiek="initiator")
    precompiled._plans.clear()
    for roltype in (first, second):
        with CaptureQueriesContext(connection) as ctx:
            answer = superuser_client.get(url("roltypen", roltype))
        assert answer.status_code == 200
        assert sum("catalogi_roltype" in q["sql"] for q in ctx.captured_queries) == 1
        expected = s.RolTypeSerializer(
            m.RolType.objects.select_related("zaaktype__catalogus").get(pk=roltype.pk),
            context={"request": answer.wsgi_request},
        ).data
        assert answer.json() == dict(expected)
    assert [key[0] for key in precompiled._plans] == [RolTypeViewSet]


def test_unknown_uuid_is_404_and_prefetches_still_load(superuser_client, catalogus):
    assert superuser_client.get(f"{API}/roltypen/{uuid.uuid4()}").status_code == 404
    zaaktype = make_zaaktype(catalogus, concept=False)
    besluittype = make_besluittype(catalogus, concept=False)
    zaaktype.besluittypen.add(besluittype)
    answer = superuser_client.get(url("zaaktypen", zaaktype)).json()
    assert answer["besluittypen"] == [url("besluittypen", besluittype)]


def test_the_placeholder_must_be_one_parameter_else_plain_get(catalogus):
    zaaktype = make_zaaktype(catalogus, concept=False)
    queryset = m.ZaakType.objects.filter(uuid=zaaktype.uuid)  # the shape already holds a uuid: still correct
    assert precompiled.get_by("test-shape", queryset, "uuid", str(zaaktype.uuid)) == zaaktype
    assert precompiled.get_by("test-shape", queryset, "uuid", str(uuid.uuid4())) is None
