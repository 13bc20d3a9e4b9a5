"""A real gunicorn serving this checkout against the test database, for the tests that go over HTTP between
processes (the list cache across workers, fault injection). Its output goes to a log file whose tail the failing
assertion can show; it never outlives the test (``testservices.spawn_kwargs``/``track``)."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import requests
from django.db import connection

from tests import testservices
from tests.notificaties.worker import database_url

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class LiveServer:
    base: str
    log: Path

    def log_tail(self, size: int = 6000) -> str:
        return self.log.read_text(errors="replace")[-size:] if self.log.exists() else ""


@contextlib.contextmanager
def gunicorn(
    env: dict[str, str], *, workers: int = 2, args: tuple[str, ...] = (), startup: float = 60
) -> Iterator[LiveServer]:
    """gunicorn with ``workers`` workers on a free loopback port (``args``: more gunicorn options); ``env`` on top of
    this process's environment, the settings module and the test database. Yields once ``/health/live`` answers;
    terminated (then killed) after."""
    port = testservices.free_port()
    full_env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="zgw.settings",
        DATABASE_URL=database_url(connection.settings_dict),
        LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT / "src"),
        **env,
    )
    command = [sys.executable, "-m", "gunicorn", "zgw.wsgi:application", "--workers", str(workers), "--bind",
               f"127.0.0.1:{port}", "--access-logfile", "/dev/null", *args]  # fmt: skip
    log = Path(tempfile.mkstemp(prefix="zgw-live-", suffix=".log")[1])
    with log.open("wb") as handle:
        process = testservices.track(
            subprocess.Popen(command, cwd=ROOT, env=full_env, stdout=handle, stderr=subprocess.STDOUT,
                             **testservices.spawn_kwargs(signal.SIGTERM))
        )  # fmt: skip
    server = LiveServer(f"http://127.0.0.1:{port}", log)
    deadline = time.monotonic() + startup
    try:
        while True:
            try:
                requests.get(f"{server.base}/health/live", timeout=1)
                break
            except requests.RequestException:
                assert process.poll() is None and time.monotonic() < deadline, server.log_tail()
                time.sleep(0.2)
        yield server
    finally:  # also when the server did not come up: never leave a gunicorn behind
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        log.unlink(missing_ok=True)
