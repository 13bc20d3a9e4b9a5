"""What the tests need beyond Python: a Redis of their own, and child processes that never outlive the run.

Redis: every test process (each xdist worker) starts its own ``redis-server`` on a free loopback port in a temporary
directory the first time a test asks for it (no persistence; stopped and removed at the end). With
``ZGW_TEST_REDIS_URL`` set that server is used instead (then only keys carrying this run's ``RUN_ID`` are written and
deleted at the end). Without either, the tests that need Redis are skipped with a one-line reason, or fail in full
mode (``ZGW_TEST_FULL=1``, what ``./bin/test --full`` sets), where nothing may be skipped for a missing service.

Child processes (Celery workers, gunicorn, redis-server) are started with ``spawn_kwargs()``: the kernel kills them
when the test process dies (``PR_SET_PDEATHSIG``), and ``track()`` stops them at exit, so a failed or interrupted run
leaves nothing running.
"""

from __future__ import annotations

import atexit
import ctypes
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

import pytest

# unique per test process and run: queue names and key prefixes carry it, so runs never share keys
RUN_ID = f"{os.environ.get('PYTEST_XDIST_WORKER', 'main')}-{uuid.uuid4().hex[:8]}"

_REDIS: dict = {"url": None, "reason": "", "external": False, "process": None, "dir": None, "tried": False}
_TRACKED: list[subprocess.Popen] = []


def full_mode() -> bool:
    """``./bin/test --full``: a missing PostgreSQL, Redis or Chromium is a failure, not a skip."""
    return os.environ.get("ZGW_TEST_FULL") == "1"


def unavailable(reason: str) -> None:
    """Skip the current test for a missing service (fail in full mode)."""
    if full_mode():
        pytest.fail(f"ZGW_TEST_FULL=1 but {reason}", pytrace=False)
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


try:  # loaded here, not in the forked child (where loading a library could deadlock)
    _PRCTL = ctypes.CDLL(None, use_errno=True).prctl
except (OSError, AttributeError):  # not Linux: track() and atexit still stop the children
    _PRCTL = None


def _die_with_parent(sig: int) -> None:
    """In the child before exec: the kernel sends ``sig`` when the test process goes away (Linux)."""
    if _PRCTL is not None:
        _PRCTL(1, int(sig))  # PR_SET_PDEATHSIG


def spawn_kwargs(sig: int = signal.SIGKILL) -> dict:
    """Extra ``subprocess.Popen`` arguments for a child that must not outlive the test process."""
    return {"preexec_fn": lambda: _die_with_parent(sig)}


def track(process: subprocess.Popen) -> subprocess.Popen:
    """Stop ``process`` (its whole process group when it leads one) at exit if it still runs then."""
    _TRACKED.append(process)
    return process


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    try:
        if os.getpgid(process.pid) == process.pid:
            os.killpg(process.pid, signal.SIGKILL)
        else:
            process.kill()
        process.wait(timeout=10)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        pass


def stop_all() -> None:
    """Stop every tracked child and our Redis (pytest_unconfigure and atexit)."""
    while _TRACKED:
        _stop(_TRACKED.pop())
    _stop_redis()


atexit.register(stop_all)


def _ping(url: str) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_timeout=1, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


def _start_redis() -> None:
    _REDIS["tried"] = True
    given = os.environ.get("ZGW_TEST_REDIS_URL", "").strip()
    if given:
        if _ping(given):
            _REDIS.update(url=given, external=True)
        else:
            _REDIS["reason"] = f"Redis at ZGW_TEST_REDIS_URL={given} does not answer"
        return
    binary = shutil.which("redis-server")
    if not binary:
        _REDIS["reason"] = "needs Redis: install redis-server or set ZGW_TEST_REDIS_URL"
        return
    _remove_stale_dirs()
    directory = tempfile.mkdtemp(prefix=f"zgw-test-redis-{os.getpid()}-")
    port = free_port()
    command = [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
               "--dir", directory, "--logfile", str(Path(directory) / "redis.log")]  # fmt: skip
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, start_new_session=True, **spawn_kwargs()
    )
    _REDIS.update(process=process, dir=directory)
    url = f"redis://127.0.0.1:{port}/0"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and process.poll() is None:
        if _ping(url):
            _REDIS["url"] = url
            return
        time.sleep(0.05)
    log = Path(directory) / "redis.log"
    tail = log.read_text(errors="replace")[-500:] if log.exists() else ""
    _stop_redis()
    _REDIS["reason"] = f"redis-server did not start: {tail.strip().splitlines()[-1:] or 'no output'}"


def _remove_stale_dirs() -> None:
    """Directories of earlier runs that were killed (SIGKILL skips all clean-up; their redis-server died with them)."""
    for path in Path(tempfile.gettempdir()).glob("zgw-test-redis-*-*"):
        pid = path.name.split("-")[3]
        if not pid.isdigit():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            shutil.rmtree(path, ignore_errors=True)
        except PermissionError:  # alive, someone else's
            pass


def _stop_redis() -> None:
    if _REDIS["external"] and _REDIS["url"]:
        import redis

        try:  # only this run's keys: queue names and key prefixes carry RUN_ID
            client = redis.Redis.from_url(_REDIS["url"], socket_timeout=2)
            keys = list(client.scan_iter(match=f"*{RUN_ID}*", count=1000))
            if keys:
                client.delete(*keys)
        except redis.RedisError:
            pass
    if _REDIS["process"] is not None:
        _stop(_REDIS["process"])
        _REDIS["process"] = None
    if _REDIS["dir"]:
        shutil.rmtree(_REDIS["dir"], ignore_errors=True)
        _REDIS["dir"] = None
    _REDIS["url"] = None


def redis_url() -> str:
    """This run's Redis URL, started on first use; skips (fails in full mode) the test when there is none."""
    if not _REDIS["tried"]:
        _start_redis()
    if not _REDIS["url"]:
        unavailable(_REDIS["reason"])
    return _REDIS["url"]


class KillableRedis:
    """A redis-server of one test only (no persistence) that the test may kill and start again on the same port, to
    play an outage; unlike the run's shared Redis above. It dies with the test process (``spawn_kwargs``)."""

    def __init__(self) -> None:
        self.port = free_port()
        self.dir = tempfile.mkdtemp(prefix="zgw-test-redis-")
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> KillableRedis:
        import redis

        binary = shutil.which("redis-server")
        if binary is None:
            pytest.fail("redis-server is needed for this test")
        self.process = subprocess.Popen(
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", self.dir],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True, **spawn_kwargs(),
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                if redis.Redis(port=self.port, socket_timeout=0.5).ping():
                    return self
            except redis.RedisError:
                time.sleep(0.05)
        raise RuntimeError("the test's own redis-server did not start")

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        self.kill()
        shutil.rmtree(self.dir, ignore_errors=True)
