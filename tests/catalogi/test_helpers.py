"""Helpers the other components use: durations and selectors."""

from __future__ import annotations

import datetime

import pytest
from dateutil.relativedelta import relativedelta

from zgw.catalogi import models as m
from zgw.catalogi import selectors
from zgw.catalogi.durations import is_valid_duration, parse_duration

from .conftest import make_besluittype, make_iot, make_zaaktype


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("P1Y6M", relativedelta(years=1, months=6)),
        ("P8W", relativedelta(days=56)),
        ("P1DT2H", relativedelta(days=1, hours=2)),
        ("", None),
        (None, None),
    ],
)
def test_parse_duration(text, expected):
    assert parse_duration(text) == expected


@pytest.mark.parametrize("text", ["P", "PT", "1Y", "P1H", "P1.5Y"])
def test_invalid_durations(text):
    with pytest.raises(ValueError):
        parse_duration(text)


def test_is_valid_duration():
    assert is_valid_duration("P10Y") and not is_valid_duration("tien jaar")


def test_eindstatus_is_highest_volgnummer(catalogus):
    zaaktype = make_zaaktype(catalogus)
    assert selectors.eindstatus(zaaktype) is None
    low = m.StatusType.objects.create(zaaktype=zaaktype, volgnummer=2, omschrijving="a")
    high = m.StatusType.objects.create(zaaktype=zaaktype, volgnummer=7, omschrijving="b")
    assert selectors.eindstatus(zaaktype) == high
    assert high.is_eindstatus and not low.is_eindstatus
    annotated = {s.pk: s.is_eindstatus for s in selectors.statustypen_met_eindstatus()}
    assert annotated == {low.pk: False, high.pk: True}


def test_version_lookup_by_name_and_date(catalogus):
    old = make_zaaktype(catalogus, concept=False, datum_einde_geldigheid=datetime.date(2024, 12, 31))
    new = make_zaaktype(catalogus, concept=True, datum_begin_geldigheid=datetime.date(2025, 1, 1))
    assert selectors.zaaktype_versie(catalogus, "ZT-1", datetime.date(2024, 6, 1)) == old
    assert selectors.zaaktype_versie(catalogus, "ZT-1", datetime.date(2025, 6, 1)) == new
    assert selectors.zaaktype_versie(catalogus, "ZT-1", datetime.date(2025, 6, 1), published_only=True) is None
    iot = make_iot(catalogus)
    besluittype = make_besluittype(catalogus)
    assert selectors.informatieobjecttype_versie(catalogus, "Aanvraag", datetime.date(2024, 2, 1)) == iot
    assert selectors.besluittype_versie(catalogus, "Besluit", datetime.date(2023, 2, 1)) is None
    new.besluittypen.add(besluittype)
    assert selectors.zaaktype_allows_besluittype(new, besluittype)
    assert not selectors.zaaktype_allows_informatieobjecttype(new, iot)


def test_geldig_op(catalogus):
    zaaktype = make_zaaktype(catalogus, datum_einde_geldigheid=datetime.date(2024, 1, 31))
    assert zaaktype.geldig_op(datetime.date(2024, 1, 1)) and zaaktype.geldig_op(datetime.date(2024, 1, 31))
    assert not zaaktype.geldig_op(datetime.date(2023, 12, 31)) and not zaaktype.geldig_op(datetime.date(2024, 2, 1))
