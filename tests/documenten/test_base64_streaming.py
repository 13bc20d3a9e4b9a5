"""The streamed base64 decoder (documenten.content.Base64Content) accepts and refuses exactly what the one-shot
decoder does, with the same error codes, and hands a storage the same bytes, block by block."""

from __future__ import annotations

import base64
import random

import pytest
from rest_framework.exceptions import ValidationError

from zgw.documenten import content


def _one_shot(value: str):
    try:
        return "ok", content.decode_base64(value)
    except ValidationError as exc:
        return "error", exc.detail["inhoud"][0].code


def _streamed(value: str, read_size: int):
    try:
        decoded = content.Base64Content(value)
    except ValidationError as exc:
        return "error", exc.detail["inhoud"][0].code
    reader, chunks = decoded.reader(), []
    while True:
        chunk = reader.read(read_size)
        chunks.append(chunk)
        if len(chunk) < read_size:
            break
    data = b"".join(chunks)
    assert len(data) == decoded.size
    return "ok", data


def _cases() -> list[str]:
    rng = random.Random(20)
    cases = ["", "abc", "a", "ab=", "a===", "ab==", "abc=d", "ab==cd==", "ab=c", "ab==cdef", "abcd", "abcdab=="]
    cases += ["abcd====", "data:text/plain;base64,aGFsbG8=", "data:x;base64,", "abcd\n", "abcé", "ab cd", "===="]
    for size in range(0, 120):
        encoded = base64.b64encode(bytes(rng.randrange(256) for _ in range(size))).decode()
        cases.append(encoded)
        if encoded:
            at = rng.randrange(len(encoded))
            cases.append(encoded[:at] + rng.choice("=!a \n/+é") + encoded[at + 1 :])
            cases.append(encoded[:at] + encoded[at + 1 :])
            cases.append(encoded + "=" * rng.randrange(1, 5))
    return cases


@pytest.mark.parametrize("block", [8, 12, content.DECODE_BLOCK])
def test_streamed_decoding_equals_the_one_shot_decoder(monkeypatch, block):
    monkeypatch.setattr(content, "DECODE_BLOCK", block)  # tiny blocks: many block boundaries in small values
    for value in _cases():
        assert _streamed(value, 7) == _one_shot(value), value


def test_non_ascii_content_is_a_400_not_a_500():
    assert _one_shot("aGFsbG8é") == ("error", "invalid-base64")
