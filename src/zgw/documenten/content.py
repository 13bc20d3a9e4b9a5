"""Document content in Django's storage: base64 decoding, part layout, chunk-wise assembly and clean-up.

Nothing here holds a whole file in memory except :func:`decode_base64`, which serves the small-file path where
DRF has already parsed the JSON body into memory anyway.
"""

from __future__ import annotations

import base64
import binascii
import io
import uuid
from collections.abc import Iterable

from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
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


def decode_base64(value: str) -> bytes:
    """Decode the ``inhoud`` of a JSON body; errors use Open Zaak's codes."""
    if "," in value[:100] and value.startswith("data:"):
        value = value.split(",", 1)[1]
    try:
        return base64.b64decode(value, validate=True)
    except binascii.Error as exc:
        if "padding" in str(exc).lower():
            raise ValidationError(
                {"inhoud": [ErrorDetail("De base64-inhoud heeft een onjuiste padding.", "incorrect-base64-padding")]}
            )
        raise ValidationError({"inhoud": [ErrorDetail("De inhoud is geen geldige base64.", "invalid-base64")]})


def content_name(document_uuid) -> str:
    return f"documenten/{document_uuid}/{uuid.uuid4().hex}"


def part_name(document_uuid, part_uuid) -> str:
    return f"documenten/parts/{document_uuid}/{part_uuid}-{uuid.uuid4().hex[:8]}"


def save_bytes(name: str, data: bytes) -> str:
    return default_storage.save(name, ContentFile(data))


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
