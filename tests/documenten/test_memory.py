"""Bounded memory: a 200 MB document goes up through bestandsdelen and comes down through download over real HTTP
(the live test server in this process), while tracemalloc measures the peak of all Python allocations."""

from __future__ import annotations

import tracemalloc
import uuid

import pytest
import requests
import responses

from .conftest import EIO_LIST, eio_body, remote_iotype

MB = 1024 * 1024
SIZE = int(__import__("os").environ.get("DRC_MEM_MB", "200")) * MB
PART = SIZE // 2
LIMIT = 40 * MB  # far below the 200 MB file (and below one 100 MB part)


def _reset_peak_rss() -> bool:
    """Reset the kernel's peak-RSS mark of this process (Linux); False when not possible."""
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
        return True
    except OSError:
        return False


def _rss_kb(field: str) -> int:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def _pattern(offset: int, length: int) -> bytes:
    block = bytes(range(256)) * 4096  # 1 MiB
    start = offset % len(block)
    data = (block[start:] + block)[: min(length, len(block))]
    return data


class MultipartPart:
    """A ``multipart/form-data`` body for one bestandsdeel, generated while it is sent (never held in memory)."""

    def __init__(self, lock: str, offset: int, size: int):
        self.boundary = uuid.uuid4().hex
        self.head = (
            f'--{self.boundary}\r\nContent-Disposition: form-data; name="lock"\r\n\r\n{lock}\r\n'
            f'--{self.boundary}\r\nContent-Disposition: form-data; name="inhoud"; filename="deel.bin"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        ).encode()
        self.tail = f"\r\n--{self.boundary}--\r\n".encode()
        self.offset = offset
        self.size = size
        self.sent = 0
        self.stage = 0

    def __len__(self) -> int:
        return len(self.head) + self.size + len(self.tail)

    def __iter__(self):
        while chunk := self.read(MB):
            yield chunk

    def read(self, n: int = -1) -> bytes:
        if self.stage == 0:
            self.stage = 1
            return self.head
        if self.stage == 1:
            if self.sent < self.size:
                length = min(MB, self.size - self.sent)
                data = _pattern(self.offset + self.sent, length)
                self.sent += length
                return data
            self.stage = 2
            return self.tail
        return b""


@pytest.mark.django_db(transaction=True)
def test_bounded_memory_for_200mb_upload_and_download(live_server, make_api_client, settings):
    settings.NOTIFICATIONS_DISABLED = True  # no after-commit delivery threads racing the test-database flush
    settings.DOCUMENTEN_UPLOAD_CHUNK_SIZE = PART
    client = make_api_client(heeft_alle=True)
    headers = {"Authorization": client._credentials["HTTP_AUTHORIZATION"]}
    iotype = remote_iotype()
    # only the type lookup is mocked; the streamed bodies below must not pass through `responses` (it reads them)
    with responses.RequestsMock() as mocked:
        mocked.get(iotype["url"], json=iotype)
        created = client.post(EIO_LIST, eio_body(iotype["url"], inhoud=None, bestandsomvang=SIZE), format="json")
    assert created.status_code == 201, created.json()
    document = created.json()
    parts = document["bestandsdelen"]
    assert [p["omvang"] for p in parts] == [PART, PART]

    session = requests.Session()
    rss_measured = _reset_peak_rss()
    rss_before = _rss_kb("VmRSS")
    tracemalloc.start()
    try:
        for part in parts:
            body = MultipartPart(document["lock"], (part["volgnummer"] - 1) * PART, part["omvang"])
            path = part["url"].replace("http://testserver", "")
            response = session.put(
                f"{live_server.url}{path}",
                data=body,
                headers={
                    **headers,
                    "Content-Type": f"multipart/form-data; boundary={body.boundary}",
                    "Content-Length": str(len(body)),
                },
                timeout=300,
            )
            assert response.status_code == 200, response.text
        eio_path = document["url"].replace("http://testserver", "")
        unlock = session.post(
            f"{live_server.url}{eio_path}/unlock", json={"lock": document["lock"]}, headers=headers, timeout=300
        )
        assert unlock.status_code == 204, unlock.text
        _, upload_peak = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()

        received = 0
        mismatches = 0
        with session.get(f"{live_server.url}{eio_path}/download", headers=headers, stream=True, timeout=300) as r:
            assert r.status_code == 200
            for chunk in r.iter_content(MB):
                if chunk[:16] != _pattern(received, 16):
                    mismatches += 1
                received += len(chunk)
        _, download_peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    rss_growth = (_rss_kb("VmHWM") - rss_before) * 1024
    assert received == SIZE
    assert mismatches == 0
    print(
        f"peak Python memory: upload+assembly {upload_peak / MB:.1f} MB, download {download_peak / MB:.1f} MB; "
        f"peak RSS growth of the process (server and client): {rss_growth / MB:.1f} MB"
    )
    assert upload_peak < LIMIT
    assert download_peak < LIMIT
    if rss_measured:
        assert rss_growth < 2 * LIMIT  # the whole process (incl. tracemalloc overhead) stays far below SIZE
