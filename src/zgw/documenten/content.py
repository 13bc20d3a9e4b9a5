"""Document content in Django's storage: base64 decoding, part layout, chunk-wise assembly and clean-up.

Nothing here holds a whole file in memory. The ``inhoud`` of a JSON body (a string DRF has already parsed) is
checked in place and decoded block by block straight into the storage (:func:`save_base64`), so the only copies are
one block at a time; :func:`decode_base64` is the plain one-shot decoder for small values.
"""

from __future__ import annotations

import base64
import binascii
import io
import re
import uuid
from collections.abc import Iterable

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from rest_framework.exceptions import ErrorDetail, ValidationError

from zgw.common.aftercommit import after_commit

DEFAULT_CHUNK_SIZE = 4 * 1024**3  # Open Zaak's default part size: 4 GiB
READ_BLOCK = 1024 * 1024


def upload_chunk_size() -> int:
    """The part size for bestandsdelen uploads (``DOCUMENTEN_UPLOAD_CHUNK_SIZE``)."""
    return int(getattr(settings, "DOCUMENTEN_UPLOAD_CHUNK_SIZE", DEFAULT_CHUNK_SIZE))


def split_sizes(total: int, chunk: int | None = None) -> list[int]:
    """Sizes of the parts a file of ``total`` bytes is uploaded in (last part the remainder)."""
    chunk = chunk or upload_chunk_size()
    sizes = [chunk] * (total // chunk)
    if total % chunk:
        sizes.append(total % chunk)
    return sizes


def _data_start(value: str) -> int:
    """Where the base64 starts: after a ``data:...;base64,`` prefix, if there is one."""
    if value.startswith("data:"):
        comma = value.find(",", 0, 100)
        if comma >= 0:
            return comma + 1
    return 0


def _strict_decode(value: str | bytes) -> bytes:
    try:
        return base64.b64decode(value, validate=True)
    except binascii.Error as exc:
        if "padding" in str(exc).lower():
            raise ValidationError(
                {"inhoud": [ErrorDetail("De base64-inhoud heeft een onjuiste padding.", "incorrect-base64-padding")]}
            )
        raise ValidationError({"inhoud": [ErrorDetail("De inhoud is geen geldige base64.", "invalid-base64")]})
    except ValueError:  # characters outside ASCII
        raise ValidationError({"inhoud": [ErrorDetail("De inhoud is geen geldige base64.", "invalid-base64")]})


def decode_base64(value: str) -> bytes:
    """Decode the ``inhoud`` of a JSON body in one go; errors use Open Zaak's codes."""
    start = _data_start(value)
    return _strict_decode(value[start:] if start else value)


_BASE64_QUADS = re.compile(r"[A-Za-z0-9+/]*")  # full groups without padding: everything before the last group
DECODE_BLOCK = 256 * 1024  # characters of base64 per decoded block (a multiple of 4)


class Base64Content:
    """The ``inhoud`` of a JSON body, checked without copying it and decoded block by block when read.

    Construction validates everything (same errors as :func:`decode_base64`), so :attr:`size` is known and a
    storage never receives half a file: every group but the last is matched in place by one regular expression,
    the last group (where padding lives) is decoded at once.
    """

    def __init__(self, value: str):
        self._value = value
        start = _data_start(value)
        end = start + ((len(value) - start - 1) // 4) * 4 if len(value) > start else start
        try:
            if not _BASE64_QUADS.fullmatch(value, start, end):
                raise ValidationError({"inhoud": [ErrorDetail("De inhoud is geen geldige base64.", "invalid-base64")]})
            self._tail = _strict_decode(value[end:])
        except ValidationError:
            # unusual input (padding before the last group, excess padding): the one-shot decoder decides, with
            # its exact error, or its result when it accepts the value
            self._tail = decode_base64(value)
            start = end = 0
        self._start, self._end = start, end
        self.size = (end - start) // 4 * 3 + len(self._tail)

    def blocks(self):
        """The decoded content, block by block (one block in memory at a time)."""
        for offset in range(self._start, self._end, DECODE_BLOCK):
            yield base64.b64decode(self._value[offset : min(offset + DECODE_BLOCK, self._end)])
        if self._tail:
            yield self._tail

    def reader(self) -> BlockReader:
        return BlockReader(self.blocks())


class BlockReader(io.RawIOBase):
    """A read-only stream over an iterator of byte blocks; ``read(n)`` returns ``n`` bytes until the end (a short
    read means the end, what s3transfer and Django's ``File.chunks`` assume)."""

    def __init__(self, blocks):
        self._blocks = iter(blocks)
        self._pending = b""
        self._position = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    def tell(self) -> int:
        return self._position

    def seek(self, offset: int, whence: int = 0) -> int:
        """Only a rewind to the start before reading is possible (storages call ``seek(0)`` first)."""
        if offset == 0 and whence == 0 and self._position == 0:
            return 0
        raise io.UnsupportedOperation("BlockReader is not seekable")

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:
            size = READ_BLOCK
        while len(self._pending) < size:
            block = next(self._blocks, None)
            if block is None:
                break
            self._pending = self._pending + block if self._pending else block
        result, self._pending = self._pending[:size], self._pending[size:]
        self._position += len(result)
        return result


def save_base64(name: str, content: Base64Content) -> str:
    """Store checked base64 content under ``name``, decoded block by block (never the whole file in memory)."""
    reader = content.reader()
    try:
        wrapped = File(reader, name="inhoud")
        wrapped.size = content.size
        return default_storage.save(name, wrapped)
    finally:
        reader.close()


def content_name(document_uuid) -> str:
    return f"documenten/{document_uuid}/{uuid.uuid4().hex}"


def part_name(document_uuid, part_uuid) -> str:
    return f"documenten/parts/{document_uuid}/{part_uuid}-{uuid.uuid4().hex[:8]}"


def save_stream(name: str, fileobj) -> str:
    """Store an uploaded file; Django copies it chunk-wise (uploads above the memory limit are temp files)."""
    return default_storage.save(name, fileobj if isinstance(fileobj, File) else File(fileobj))


class ConcatenatedReader:
    """A read-only stream over several stored files, one after another (for assembling bestandsdelen)."""

    def __init__(self, names: list[str], size: int):
        self._names = list(names)
        self._current = None
        self._position = 0
        self._closed = False
        self.size = size

    def _next_file(self) -> bool:
        if self._current is not None:
            self._current.close()
            self._current = None
        if not self._names:
            return False
        self._current = default_storage.open(self._names.pop(0), "rb")
        return True

    def tell(self) -> int:
        return self._position

    def seek(self, offset: int, whence: int = 0) -> int:
        """Only a rewind to the start before reading is possible (storages call ``seek(0)`` first)."""
        if offset == 0 and whence == 0 and self._position == 0:
            return 0
        raise io.UnsupportedOperation("ConcatenatedReader is not seekable")

    def read(self, size: int = -1) -> bytes:
        """Up to ``size`` bytes, filled across part boundaries: a short read means the end of the whole stream (what
        s3transfer and other uploaders assume). Without a size one block (never the whole document in memory)."""
        if size is None or size < 0:
            size = READ_BLOCK
        chunks: list[bytes] = []
        wanted = size
        while wanted > 0:
            if self._current is None and not self._next_file():
                break
            data = self._current.read(wanted)
            if not data:
                if not self._next_file():
                    break
                continue
            chunks.append(data)
            wanted -= len(data)
        result = b"".join(chunks)
        self._position += len(result)
        return result

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    @property
    def closed(self) -> bool:
        return self._closed

    def close(self) -> None:
        self._closed = True
        if self._current is not None:
            self._current.close()
            self._current = None


def assemble(names: list[str], size: int, target: str) -> str:
    """Concatenate stored parts into a new stored file, block by block."""
    reader = ConcatenatedReader(names, size)
    try:
        wrapped = File(reader, name="assembled")
        wrapped.size = size
        return default_storage.save(target, wrapped)
    finally:
        reader.close()


def delete_after_commit(names: Iterable[str]) -> None:
    """Remove stored files once the transaction that dropped their rows commits (a rollback keeps them)."""
    names = [name for name in set(names) if name]
    if not names:
        return

    def _delete() -> None:
        for name in names:
            try:
                default_storage.delete(name)
            except OSError:  # pragma: no cover - already gone
                pass

    after_commit(_delete, name="documenten.delete_content")
