"""The loopback HAProxy configuration retries a request whose instance dies under it - also a POST whose body reached
HAProxy after its headers, on a keep-alive connection (the case that once made HAProxy drop the client connection
without an answer and without a log line, see deploy/loopback/haproxy.cfg.tmpl).

Fast and deterministic: two tiny HTTP servers instead of the application. The first of them to read a ``POST /die``
kills itself (SIGKILL) before answering; the other one answers it. The client writes the POST's headers, waits,
and then writes the body - as urllib3 does, only slower - on a connection that already carried one request.
"""

from __future__ import annotations

import http.client
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests import testservices

pytestmark = [pytest.mark.slow]

SERVER = r"""
import os, signal, sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

NAME, PORT, MARKER = sys.argv[1], int(sys.argv[2]), sys.argv[3]

class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def _answer(self, status, body):
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        self._answer(200, NAME.encode())

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        try:  # the first POST of both servers, wherever it lands
            os.close(os.open(MARKER, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
        except FileExistsError:
            pass
        else:
            os.kill(os.getpid(), signal.SIGKILL)  # died with the request: nothing of an answer was sent
        self._answer(201, NAME.encode() + b":" + body[:8])

    def log_message(self, *args):
        pass

ThreadingHTTPServer(("127.0.0.1", PORT), Handler).serve_forever()
"""


def _spawn(command: list[str], log: Path) -> subprocess.Popen:
    with log.open("wb") as handle:
        process = subprocess.Popen(command, stdout=handle, stderr=subprocess.STDOUT, **testservices.spawn_kwargs())
    testservices.track(process)
    return process


@pytest.fixture
def balancer(tmp_path):
    if not shutil.which("haproxy"):
        testservices.unavailable("needs haproxy (apt-get install haproxy)")
    from deploy.loopback.cluster import Cluster, Options, free_port, port_open, wait_for

    cluster = Cluster(Options(state_dir=str(tmp_path)))
    cluster.ports.haproxy = free_port()
    cluster.ports.web = [free_port(), free_port()]
    marker = tmp_path / "died"
    processes = {
        name: _spawn([sys.executable, "-c", SERVER, name, str(port), str(marker)], tmp_path / f"{name}.log")
        for name, port in zip(("a", "b"), cluster.ports.web, strict=True)
    }
    for name, port in zip(("a", "b"), cluster.ports.web, strict=True):
        wait_for(lambda port=port: port_open(port), name, 20, processes[name], tmp_path / f"{name}.log")
    config = tmp_path / "haproxy.cfg"
    # the servers answer any GET with 200, so the configured `/health/ready` check holds for them
    config.write_text(cluster.haproxy_config())
    processes["haproxy"] = _spawn(["haproxy", "-db", "-f", str(config)], tmp_path / "haproxy.log")
    wait_for(lambda: port_open(cluster.ports.haproxy), "haproxy", 20, processes["haproxy"], tmp_path / "haproxy.log")
    yield cluster.ports.haproxy, processes
    for process in processes.values():
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)


def _post_with_late_body(connection: http.client.HTTPConnection, body: bytes) -> http.client.HTTPResponse:
    connection.putrequest("POST", "/die")
    connection.putheader("Content-Type", "application/json")
    connection.putheader("Content-Length", str(len(body)))
    connection.endheaders()
    time.sleep(0.3)  # HAProxy has the headers alone for a while
    connection.send(body)
    return connection.getresponse()


def test_a_post_in_flight_on_a_dying_instance_is_answered_by_the_other(balancer):
    port, processes = balancer
    body = b'{"omschrijving": "' + b"x" * 8000 + b'"}'
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", "/warm")
    first = connection.getresponse()
    assert first.status == 200
    first.read()  # the POST below is the second request of this client connection
    response = _post_with_late_body(connection, body)  # raised RemoteDisconnected before the fix
    answer = response.read()
    deadline = time.monotonic() + 10  # the socket closes early in the kernel's exit, the exit status comes later
    while not (dead := [name for name in ("a", "b") if processes[name].poll() is not None]):
        if time.monotonic() > deadline:
            break
        time.sleep(0.05)
    assert len(dead) == 1, "the first POST must have killed its server"
    alive = "b" if dead == ["a"] else "a"
    assert (response.status, answer) == (201, alive.encode() + b':{"omschr')  # retried there, the body intact
    log = Path(processes["haproxy"].args[-1]).parent / "haproxy.log"
    deadline = time.monotonic() + 10
    while "POST /die" not in log.read_text() and time.monotonic() < deadline:  # written after the answer
        time.sleep(0.1)
    post = next(line for line in log.read_text().splitlines() if "POST /die" in line)
    assert post.split()[10].split("/")[4] == "+1", post  # the retry counter: once, redispatched ("+")
