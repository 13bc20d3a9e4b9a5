"""Collect independent validation errors so that one 400 reports all of them (DECISIONS.md).

Services run their rule checks inside ``collect_errors()``; a check whose failure must not stop the others runs
inside ``errors.check()``. A rule that needs a field which already failed asks ``errors.failed(name)`` and skips::

    with collect_errors() as errors:
        with errors.check():
            validate_zrc_014_betaling(values)
        with errors.check():
            validate_zrc_015_producten(...)
        if not errors.failed("hoofdzaak"):
            ...

On leaving the block every collected error is raised as one ``ValidationError``; an error raised directly inside
the block (a check that the rest depends on) is joined with the ones collected before it. Non-validation errors
(``PermissionDenied``, …) pass through unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from rest_framework.exceptions import ErrorDetail, ValidationError

NON_FIELD = "nonFieldErrors"
_NON_FIELD_KEYS = ("non_field_errors", "nonFieldErrors", "__all__")

T = TypeVar("T")


class ErrorCollector:
    """The errors gathered so far, keyed by ``invalidParams`` name (nested serializer errors stay nested)."""

    def __init__(self) -> None:
        self.detail: dict[str, Any] = {}

    def __bool__(self) -> bool:
        return bool(self.detail)

    def add(self, name: str, message: str, code: str) -> None:
        """Record one error for ``name`` (a field path or ``nonFieldErrors``)."""
        self.merge({name: [ErrorDetail(message, code=code)]})

    def merge(self, detail: Any) -> None:
        """Add a DRF error structure (``ValidationError.detail``): a dict per field, or a list of object errors."""
        if isinstance(detail, dict):
            for key, value in detail.items():
                key = NON_FIELD if key in _NON_FIELD_KEYS else str(key)
                _join(self.detail, key, value)
        elif isinstance(detail, list):
            _join(self.detail, NON_FIELD, detail)
        else:
            _join(self.detail, NON_FIELD, [detail])

    @contextmanager
    def check(self) -> Iterator[None]:
        """Run an independent check: its ``ValidationError`` is recorded and the service goes on."""
        try:
            yield
        except ValidationError as exc:
            self.merge(exc.detail)

    def run(self, func: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        """``func(*args, **kwargs)`` as an independent check; ``None`` when it failed."""
        with self.check():
            return func(*args, **kwargs)
        return None

    def failed(self, *names: str) -> bool:
        """Did any of ``names`` fail (a name also matches its nested paths, ``a`` matches ``a.b``)?  Without names:
        did anything fail?"""
        if not names:
            return bool(self.detail)
        return any(key == name or key.startswith(f"{name}.") for key in self.detail for name in names)

    def raise_if_any(self) -> None:
        if self.detail:
            raise ValidationError(self.detail)


def _join(target: dict[str, Any], key: str, value: Any) -> None:
    if key not in target:
        target[key] = value if isinstance(value, (list, dict)) else [value]
        return
    current = target[key]
    if isinstance(current, dict) and isinstance(value, dict):
        for sub_key, sub_value in value.items():
            _join(current, str(sub_key), sub_value)
    elif isinstance(current, list) and isinstance(value, list):
        current.extend(value)
    else:
        target[key] = [*_as_list(current), *_as_list(value)]


def _as_list(value: Any) -> list:
    if isinstance(value, list):
        return value
    if isinstance(value, dict):
        return [value]
    return [value]


@contextmanager
def collect_errors() -> Iterator[ErrorCollector]:
    """A block whose checks report together (see the module docstring)."""
    collector = ErrorCollector()
    try:
        yield collector
    except ValidationError as exc:
        collector.merge(exc.detail)
        raise ValidationError(collector.detail) from exc
    collector.raise_if_any()


@contextmanager
def collecting(errors: ErrorCollector | None) -> Iterator[ErrorCollector]:
    """For helpers called both on their own and from a service that collects: with ``errors`` the checks add to it
    (the caller raises), without they report together on leaving the block."""
    if errors is not None:
        yield errors
        return
    with collect_errors() as own:
        yield own


def valid_values(serializer: Any) -> dict[str, Any]:
    """The validated values of the fields that passed, keyed by ``source``, for a serializer whose ``is_valid()``
    failed (DRF then gives no ``validated_data``). Fields that failed, were not sent, or are read-only are left out, so
    a rule that needs one of them finds it missing and skips."""
    from rest_framework.fields import SkipField, empty

    failed = set(serializer.errors) if isinstance(serializer.errors, dict) else set()
    data = getattr(serializer, "initial_data", None)
    if not isinstance(data, dict) and not hasattr(data, "getlist"):
        return {}
    values: dict[str, Any] = {}
    for name, field in serializer.fields.items():
        if field.read_only or name in failed or field.source == "*":
            continue
        primitive = field.get_value(data)
        if primitive is empty:
            continue
        try:
            value = field.run_validation(primitive)
            method = getattr(serializer, f"validate_{name}", None)
            if method is not None:
                value = method(value)
        except (ValidationError, SkipField):
            continue
        target = values
        for attr in field.source_attrs[:-1]:
            target = target.setdefault(attr, {})
        target[field.source_attrs[-1]] = value
    return values


def validate_in_one_stage(serializer: Any, rules: Callable[[dict, ErrorCollector], None] | None = None) -> dict:
    """``serializer.validated_data`` when the fields are valid. Otherwise one 400 with the field errors and the errors
    of ``rules(valid_values, errors)``: the rule checks run on the fields that passed (DECISIONS.md "One request with
    several independent validation errors"). ``rules`` only checks, never writes; it skips a rule whose field failed
    or is missing (``errors.failed(name)``, ``name in values``). Anything else it raises on the partial values (a 403,
    a lookup error) is dropped: the field errors are the answer then."""
    if serializer.is_valid():
        return dict(serializer.validated_data)
    errors = ErrorCollector()
    errors.merge(serializer.errors)
    if rules is not None:
        try:
            with errors.check():
                rules(valid_values(serializer), errors)
        except Exception:  # noqa: BLE001 - a best-effort second stage must not turn a 400 into a 500
            pass
    raise ValidationError(errors.detail)
