"""A real Celery worker subprocess against the test database and this run's own Redis (no eager mode)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from tests import testservices

# One queue per test process and run (RUN_ID), so parallel (xdist) runs never take each other's tasks, and a worker
# orphaned by an earlier, aborted run can never take this run's tasks.
QUEUE = f"nrc-test-{testservices.RUN_ID}"

# Short timings so the retry/sweep tests finish in seconds; the test process patches conf to the same values.
FAST_ENV = {
    "NOTIFICATIES_RETRY_BASE_DELAY": "0.3",
    "NOTIFICATIES_RETRY_JITTER": "0.1",
    "NOTIFICATIES_CALLBACK_TIMEOUT": "3",
    "NOTIFICATIES_LOCK_MARGIN": "1",
    "NOTIFICATIES_SWEEP_GRACE": "2",
    "NOTIFICATIES_MAX_ATTEMPTS": "5",
}


def use_broker(app, url: str) -> str:
    """Point this process's Celery app at ``url``; returns the previous URL.

    Celery 5.6 reads the Django-namespaced key (``CELERY_BROKER_URL``) before ``broker_url``, so both are set, and
    its ``broker_url`` prefers the environment variable ``CELERY_BROKER_URL`` to both: when the process has one (a
    bench script), that is changed too. The connection and producer pools are dropped so the next publish connects
    anew.
    """
    previous = app.conf.broker_url
    if "CELERY_BROKER_URL" in os.environ:
        os.environ["CELERY_BROKER_URL"] = url
    app.conf.broker_url = url
    app.conf.CELERY_BROKER_URL = url
    app._pool = None
    app.amqp._producer_pool = None
    return previous


def database_url(settings_dict: dict) -> str:
    """The URL a subprocess (worker, gunicorn) needs to reach the test database: PostgreSQL only (SQLite's test
    database lives in this process's memory)."""
    if "postgresql" not in settings_dict["ENGINE"]:
        testservices.unavailable("needs PostgreSQL: a subprocess cannot share the SQLite test database")
    user = settings_dict.get("USER") or "postgres"
    password = f":{settings_dict['PASSWORD']}" if settings_dict.get("PASSWORD") else ""
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or "5432"
    return f"postgres://{user}{password}@{host}:{port}/{settings_dict['NAME']}"


class CeleryWorker:
    def __init__(self, db_url: str, broker_url: str, pool: str = "threads", concurrency: int = 4):
        self.db_url = db_url
        self.broker_url = broker_url
        self.pool = pool
        self.concurrency = concurrency
        self.log = Path(tempfile.mkstemp(prefix="nrc-worker-", suffix=".log")[1])
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 30.0) -> CeleryWorker:
        env = {
            **os.environ,
            **FAST_ENV,
            "DJANGO_SETTINGS_MODULE": "zgw.settings",
            "DATABASE_URL": self.db_url,
            "DB_CONN_MAX_AGE": "0",
            "CELERY_BROKER_URL": self.broker_url,
            "NOTIFICATIONS_DELIVERY": "celery",
            "NOTIFICATIES_CELERY_QUEUE": QUEUE,
            "ZGW_VAR_DIR": tempfile.gettempdir() + "/zgw-notificaties-worker",
            "PYTHONPATH": os.pathsep.join(["src", os.environ.get("PYTHONPATH", "")]),
        }
        celery = Path(sys.executable).parent / "celery"
        command = [
            str(celery), "-A", "zgw", "worker", "-P", self.pool, "-c", str(self.concurrency),
            "-Q", QUEUE, "-n", f"nrc-test-{uuid.uuid4().hex[:8]}@%h", "--loglevel=INFO",
            "--without-gossip", "--without-mingle", "--without-heartbeat",
        ]  # fmt: skip
        handle = self.log.open("wb")
        self.process = testservices.track(
            subprocess.Popen(
                command,
                env=env,
                stdout=handle,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                **testservices.spawn_kwargs(),
            )
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if b" ready." in self.log.read_bytes():
                return self
            if self.process.poll() is not None:
                break
            time.sleep(0.1)
        output = self.log.read_text(errors="replace")[-3000:]
        self.stop()
        raise RuntimeError(f"Celery worker did not start:\n{output}")

    def kill(self) -> None:
        """SIGKILL the whole worker process group: no clean shutdown, no acknowledgements."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()
        self.log.unlink(missing_ok=True)

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""
