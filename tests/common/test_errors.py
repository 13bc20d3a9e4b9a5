"""The error collector that lets one 400 report every independent error (DECISIONS.md)."""

from __future__ import annotations

import pytest
from rest_framework.exceptions import ErrorDetail, PermissionDenied, ValidationError

from zgw.common.errors import collect_errors, collecting
from zgw.common.exceptions import flatten_errors


def _fail(name: str, code: str) -> None:
    raise ValidationError({name: [ErrorDetail("x", code=code)]})


def _names(exc: ValidationError) -> list[tuple[str, str]]:
    return [(p["name"], p["code"]) for p in flatten_errors(exc.detail)]


def test_checks_in_a_block_are_reported_together():
    with pytest.raises(ValidationError) as caught:
        with collect_errors() as errors:
            with errors.check():
                _fail("a", "one")
            with errors.check():
                _fail("a", "two")
            errors.add("nonFieldErrors", "y", "three")
    assert _names(caught.value) == [("a", "one"), ("a", "two"), ("nonFieldErrors", "three")]


def test_an_unguarded_error_joins_the_collected_ones():
    with pytest.raises(ValidationError) as caught:
        with collect_errors() as errors:
            with errors.check():
                _fail("a", "one")
            raise ValidationError(["object level"])
    assert [name for name, _ in _names(caught.value)] == ["a", "nonFieldErrors"]


def test_failed_matches_a_name_and_its_nested_paths():
    with pytest.raises(ValidationError):
        with collect_errors() as errors:
            errors.add("brondatumArchiefprocedure.procestermijn", "x", "required")
            assert errors.failed("brondatumArchiefprocedure")
            assert not errors.failed("brondatum")
            assert errors.failed()


def test_nothing_collected_raises_nothing_and_run_returns_the_value():
    with collect_errors() as errors:
        assert errors.run(lambda: 42) == 42
    assert not errors


def test_other_exceptions_pass_through():
    with pytest.raises(PermissionDenied):
        with collect_errors() as errors:
            with errors.check():
                _fail("a", "one")
            raise PermissionDenied()


def test_collecting_adds_to_the_callers_collector_without_raising():
    with pytest.raises(ValidationError) as caught:
        with collect_errors() as outer:
            with collecting(outer) as inner:
                with inner.check():
                    _fail("a", "one")
            assert outer.failed("a")
            outer.add("b", "x", "two")
    assert _names(caught.value) == [("a", "one"), ("b", "two")]
