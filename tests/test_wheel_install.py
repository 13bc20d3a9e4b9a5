"""The declared dependencies are enough: the wheel, installed into a fresh virtualenv (no system site-packages, no
source tree on the path), migrates, creates the demo client and answers the quickstart's first request; and kombu's
Redis transport (``NOTIFICATIONS_DELIVERY=celery``) imports there."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
import venv
from pathlib import Path

import pytest

from tests import testservices

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str, cwd: Path, env: dict, timeout: float = 300) -> str:
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"{' '.join(args)}\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}"
    return result.stdout


@pytest.mark.slow
def test_wheel_in_a_fresh_venv_answers_the_quickstart_request(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "DB_", "ZGW_", "PYTHON"))}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    wheels = tmp_path / "wheels"
    _run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--no-deps",
        "--quiet",
        "-w",
        str(wheels),
        str(ROOT),
        cwd=tmp_path,
        env=env,
    )
    (wheel,) = wheels.glob("zgw_server-*.whl")

    venv.EnvBuilder(with_pip=True, system_site_packages=False).create(tmp_path / "venv")
    python = str(tmp_path / "venv" / "bin" / "python")
    _run(python, "-m", "pip", "install", "--quiet", str(wheel), cwd=tmp_path, env=env, timeout=600)

    # run outside the source tree, so only the installed package can be imported
    work = tmp_path / "run"
    work.mkdir()
    env.update(DJANGO_SETTINGS_MODULE="zgw.settings", ZGW_VAR_DIR=str(work / "var"), NOTIFICATIONS_DELIVERY="inprocess")
    where = _run(python, "-c", "import zgw, kombu.transport.redis; print(zgw.__file__)", cwd=work, env=env)
    assert str(tmp_path / "venv") in where and str(ROOT) not in where

    django = [python, "-m", "django"]
    _run(*django, "migrate", "--no-input", "-v", "0", cwd=work, env=env)
    _run(*django, "zgw_client", "demo", "demo-secret", "--all", "--label", "Demo applicatie", cwd=work, env=env)
    token = _run(*django, "zgw_token", "demo", cwd=work, env=env).strip().splitlines()[-1]

    port = testservices.free_port()
    server = testservices.track(
        subprocess.Popen(
            [python, "-m", "gunicorn", "zgw.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
            cwd=work,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            **testservices.spawn_kwargs(signal.SIGTERM),
        )
    )
    try:
        url = f"http://127.0.0.1:{port}/autorisaties/api/v1/applicaties"
        body, deadline = None, time.monotonic() + 60
        while body is None and time.monotonic() < deadline:
            assert server.poll() is None, "gunicorn exited"
            try:
                request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
                with urllib.request.urlopen(request, timeout=5) as response:
                    body = json.load(response)
            except OSError:
                time.sleep(0.3)
        assert body is not None, "the installed server did not answer"
        assert body["results"][0]["clientIds"] == ["demo"]
        assert body["results"][0]["heeftAlleAutorisaties"] is True
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
