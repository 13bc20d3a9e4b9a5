"""``validate_in_one_stage``: field errors and the rule errors on the fields that passed come in one 400."""

from __future__ import annotations

import pytest
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from zgw.common.errors import ErrorCollector, valid_values, validate_in_one_stage


class _Body(serializers.Serializer):
    naam = serializers.CharField(max_length=5)
    aantalStuks = serializers.IntegerField(source="aantal_stuks")
    datum = serializers.DateField(required=False)


def _codes(exc: ValidationError) -> dict[str, list[str]]:
    return {name: [e.code for e in errs] for name, errs in exc.detail.items()}


def test_valid_values_holds_only_the_fields_that_passed_by_source():
    serializer = _Body(data={"naam": "te lang", "aantalStuks": "3"})
    assert not serializer.is_valid()
    assert valid_values(serializer) == {"aantal_stuks": 3}


def test_rule_error_joins_the_field_errors():
    def rules(values: dict, errors: ErrorCollector) -> None:
        if values.get("aantal_stuks", 0) > 2:
            errors.add("aantalStuks", "Te veel.", "te-veel")
        if not errors.failed("naam"):
            errors.add("naam", "Mag niet lopen.", "skipped-rule-ran")

    with pytest.raises(ValidationError) as info:
        validate_in_one_stage(_Body(data={"naam": "te lang", "aantalStuks": 3}), rules)
    assert _codes(info.value) == {"naam": ["max_length"], "aantalStuks": ["te-veel"]}


def test_a_rule_that_breaks_on_partial_values_leaves_the_field_errors():
    def rules(values: dict, errors: ErrorCollector) -> None:
        values["naam"].upper()  # KeyError: naam failed

    with pytest.raises(ValidationError) as info:
        validate_in_one_stage(_Body(data={"naam": "te lang", "aantalStuks": 1}), rules)
    assert _codes(info.value) == {"naam": ["max_length"]}


def test_valid_body_gives_validated_data_without_running_rules():
    def rules(values: dict, errors: ErrorCollector) -> None:
        raise AssertionError("rules run by the service itself")

    assert validate_in_one_stage(_Body(data={"naam": "kort", "aantalStuks": 1}), rules) == {
        "naam": "kort",
        "aantal_stuks": 1,
    }
