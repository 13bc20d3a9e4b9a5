"""Field validators of the Besluiten API (shape only; the brc rules live in ``services``)."""

from __future__ import annotations

from rest_framework import serializers

RSIN_LENGTH = 9


def validate_rsin(value: str) -> str:
    """An RSIN: 9 digits that pass the eleven test (common.md §6), codes ``only-digits`` / ``invalid``."""
    if not value.isdigit():
        raise serializers.ValidationError("Voer alleen cijfers in.", code="only-digits")
    if len(value) != RSIN_LENGTH:
        raise serializers.ValidationError("Een RSIN bestaat uit precies 9 cijfers.", code="invalid-length")
    digits = [int(ch) for ch in value]
    total = sum(d * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - digits[8]
    if total % 11 != 0:
        raise serializers.ValidationError("Onjuist RSIN: de elfproef faalt.", code="invalid")
    return value
