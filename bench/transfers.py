"""Large-transfer workloads (W5b download, W6 bestandsdelen upload): streamed by the client, no big buffers.

wrk cannot stream gigabytes of generated multipart bodies, so these run as plain HTTP clients (http.client) and
report throughput in MB/s next to the request rate; the server's peak RSS is what matters (target < 300 MB).
"""

from __future__ import annotations

import base64
import http.client
import json
import time
import uuid
from collections.abc import Iterator
from urllib.parse import urlsplit

CHUNK = 1024 * 1024
PATTERN = bytes(range(256)) * (CHUNK // 256)


def _connection(base_url: str) -> http.client.HTTPConnection:
    parts = urlsplit(base_url)
    return http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=600)


def _json(base_url: str, token: str, method: str, path: str, body: dict | None = None) -> tuple[int, dict]:
    conn = _connection(base_url)
    headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
    payload = None
    if body is not None:
        payload = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    conn.request(method, path, body=payload, headers=headers)
    response = conn.getresponse()
    data = response.read()
    conn.close()
    return response.status, (json.loads(data) if data else {})


def _path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def document_body(state: dict, **extra) -> dict:
    return {
        "bronorganisatie": state["bronorganisatie"], "creatiedatum": "2026-01-15", "titel": "Bench upload",
        "auteur": "bench", "taal": "nld", "informatieobjecttype": state["informatieobjecttype"],
        "vertrouwelijkheidaanduiding": "openbaar", "bestandsnaam": "bench.bin", "formaat": "application/octet-stream",
        **extra,
    }


def small_document_body(state: dict, size: int = 100 * 1024) -> dict:
    content = (PATTERN * (size // len(PATTERN) + 1))[:size]
    return document_body(state, inhoud=base64.b64encode(content).decode(), bestandsomvang=size)


def _multipart(boundary: str, lock: str, size: int) -> tuple[int, Iterator[bytes]]:
    head = (
        f"--{boundary}\r\nContent-Disposition: form-data; name=\"lock\"\r\n\r\n{lock}\r\n"
        f"--{boundary}\r\nContent-Disposition: form-data; name=\"inhoud\"; filename=\"part.bin\"\r\n"
        "Content-Type: application/octet-stream\r\n\r\n"
    ).encode()
    tail = f"\r\n--{boundary}--\r\n".encode()

    def chunks() -> Iterator[bytes]:
        yield head
        remaining = size
        while remaining > 0:
            piece = PATTERN[: min(CHUNK, remaining)]
            remaining -= len(piece)
            yield piece
        yield tail

    return len(head) + size + len(tail), chunks()


def upload(base_url: str, token: str, state: dict, size: int) -> dict:
    """Create a document of ``size`` bytes through bestandsdelen; return its URL and timings."""
    started = time.perf_counter()
    status, created = _json(base_url, token, "POST", "/documenten/api/v1/enkelvoudiginformatieobjecten",
                            document_body(state, inhoud=None, bestandsomvang=size))
    if status != 201:
        raise RuntimeError(f"create failed: {status} {created}")
    lock = created["lock"]
    for part in created["bestandsdelen"]:
        boundary = uuid.uuid4().hex
        length, body = _multipart(boundary, lock, part["omvang"])
        conn = _connection(base_url)
        conn.putrequest("PUT", _path(part["url"]))
        conn.putheader("Authorization", f"Bearer {token}")
        conn.putheader("Content-Type", f"multipart/form-data; boundary={boundary}")
        conn.putheader("Content-Length", str(length))
        conn.endheaders()
        for chunk in body:
            conn.send(chunk)
        response = conn.getresponse()
        response.read()
        conn.close()
        if response.status != 200:
            raise RuntimeError(f"part upload failed: {response.status}")
    status, _ = _json(base_url, token, "POST", _path(created["url"]) + "/unlock", {"lock": lock})
    if status != 204:
        raise RuntimeError(f"unlock failed: {status}")
    return {"url": created["url"], "seconds": time.perf_counter() - started}


def download(base_url: str, token: str, url: str) -> int:
    conn = _connection(base_url)
    conn.request("GET", _path(url) + "/download", headers={"Authorization": f"Bearer {token}"})
    response = conn.getresponse()
    received = 0
    while True:
        chunk = response.read(CHUNK)
        if not chunk:
            break
        received += len(chunk)
    conn.close()
    if response.status != 200:
        raise RuntimeError(f"download failed: {response.status}")
    return received


def upload_workload(size: int) -> callable:
    def run(base_url: str, token: str, state: dict) -> dict:
        result = upload(base_url, token, state, size)
        seconds = result["seconds"]
        return {"requests_per_s": round(1 / seconds, 3), "mb_per_s": round(size / 2**20 / seconds, 1),
                "bytes": size, "errors": 0, "comparable": False}

    return run


def download_workload(size: int, repeats: int) -> callable:
    def run(base_url: str, token: str, state: dict) -> dict:
        url = upload(base_url, token, state, size)["url"]
        started = time.perf_counter()
        errors = 0
        for _ in range(repeats):
            errors += download(base_url, token, url) != size
        seconds = time.perf_counter() - started
        return {"requests_per_s": round(repeats / seconds, 3), "mb_per_s": round(repeats * size / 2**20 / seconds, 1),
                "bytes": size, "errors": errors, "comparable": False}

    return run
