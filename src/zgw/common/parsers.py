"""JSON request parsing on orjson (same behaviour as DRF's parser: a malformed body is a 400 ``parse_error``)."""

from __future__ import annotations

import orjson
from rest_framework import parsers
from rest_framework.exceptions import ParseError


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return orjson.loads(stream.read())
        except orjson.JSONDecodeError as exc:
            raise ParseError(f"JSON parse error - {exc}")
