"""A local webhook receiver (http.server in a thread) that records every POST and answers from a script."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: dict
    at: float = field(default_factory=time.monotonic)


# A responder gets the request and the number of earlier requests to the same path; returns (status, delay).
Responder = Callable[[Received, int], tuple[int, float]]


def always(status: int = 204) -> Responder:
    return lambda request, count: (status, 0.0)


class Receiver:
    def __init__(self, responder: Responder | None = None):
        self.responder = responder or always(204)
        self.requests: list[Received] = []
        self._counts: dict[str, int] = {}
        self._lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server API
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                try:
                    body = json.loads(raw or b"{}")
                except ValueError:
                    body = {"_raw": raw.decode(errors="replace")}
                request = Received(self.path, {k.lower(): v for k, v in self.headers.items()}, body)
                with receiver._lock:
                    count = receiver._counts.get(self.path, 0)
                    receiver._counts[self.path] = count + 1
                    receiver.requests.append(request)
                status, delay = receiver.responder(request, count)
                if delay:
                    time.sleep(delay)
                try:
                    self.send_response(status)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                except OSError:  # the client went away (killed worker, timeout)
                    pass

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def url(self, path: str = "/callback") -> str:
        return f"{self.base_url}{path}"

    def __enter__(self) -> Receiver:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    def notifications(self, path: str | None = None, kanaal: str | None = None) -> list[Received]:
        """Received notificaties, without the callback check's test message."""
        with self._lock:
            return [
                r
                for r in self.requests
                if r.body.get("kanaal") != "test"
                and (path is None or r.path == path)
                and (kanaal is None or r.body.get("kanaal") == kanaal)
            ]

    def wait_for(self, predicate: Callable[[], bool], timeout: float = 20.0) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate():
                return True
            time.sleep(0.05)
        return predicate()
