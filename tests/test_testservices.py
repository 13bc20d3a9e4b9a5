"""The test machinery leaves nothing behind: its own Redis (not the developer's), children that die with the run."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests import testservices

ROOT = Path(__file__).resolve().parents[1]


def test_redis_is_the_runs_own_server(redis_url):
    import redis

    if os.environ.get("ZGW_TEST_REDIS_URL"):
        pytest.skip("ZGW_TEST_REDIS_URL given: the run uses that server")
    assert ":6379" not in redis_url
    client = redis.Redis.from_url(redis_url)
    assert client.ping()
    assert client.config_get("save")["save"] == ""  # nothing is written to disk
    process = testservices._REDIS["process"]
    assert process is not None and process.poll() is None
    assert Path(testservices._REDIS["dir"]).is_dir()


def test_a_child_dies_with_the_test_process(tmp_path):
    """A worker started with spawn_kwargs() is killed by the kernel when its parent dies, even by SIGKILL."""
    pid_file = tmp_path / "child.pid"
    parent = f"""
import os, signal, subprocess, sys
sys.path.insert(0, {str(ROOT)!r})
from tests import testservices
child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"], **testservices.spawn_kwargs())
open({str(pid_file)!r}, "w").write(str(child.pid))
os.kill(os.getpid(), signal.SIGKILL)  # no atexit, no finalizer
"""
    subprocess.run([sys.executable, "-c", parent], timeout=60)
    child = int(pid_file.read_text())
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            return
        if Path(f"/proc/{child}/stat").read_text().split(") ")[1].startswith("Z"):
            return  # a zombie waiting for init: already dead
        time.sleep(0.1)
    os.kill(child, 9)
    pytest.fail("the child outlived its parent")
