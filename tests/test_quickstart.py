"""The README's run command: ./bin/quickstart sets everything up on SQLite and serves a working API."""

import http.cookiejar
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.slow
def test_quickstart_serves_with_a_working_demo_credential(tmp_path):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "DB_", "ZGW_"))}
    env.update({"ZGW_VAR_DIR": str(tmp_path), "PYTHONUNBUFFERED": "1"})
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "bin" / "quickstart"), "--no-install", "--port", str(port)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )
    output = ""
    try:
        deadline = time.time() + 180
        while "A new token" not in output and time.time() < deadline:
            line = process.stdout.readline()
            if not line and process.poll() is not None:
                break
            output += line
        assert "client id      demo" in output, output
        token = re.search(r"JWT\s+(\S+)", output).group(1)
        secret = (tmp_path / "demo-client-secret").read_text().strip()
        assert f"secret         {secret}" in output
        assert (tmp_path / "zgw.sqlite3").exists()
        assert f'curl -H "Authorization: Bearer {token}"' in output

        url = f"http://127.0.0.1:{port}/autorisaties/api/v1/applicaties"
        body = None
        while time.time() < deadline:
            try:
                request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
                with urllib.request.urlopen(request, timeout=5) as response:
                    body = json.load(response)
                    break
            except OSError:
                time.sleep(0.5)
        assert body is not None, "the server did not answer"
        assert body["results"][0]["clientIds"] == ["demo"]
        assert body["results"][0]["heeftAlleAutorisaties"] is True

        zaaktype_url = re.search(r"demo zaaktype\s+(\S+)", output).group(1)
        request = urllib.request.Request(zaaktype_url, headers={"Authorization": f"Bearer {token}"})
        with urllib.request.urlopen(request, timeout=10) as response:
            zaaktype = json.load(response)
        assert zaaktype["concept"] is False
        assert zaaktype["url"] == zaaktype_url

        # issue 18 §4: the printed admin credentials log in, and the session opens the browsable API
        password = (tmp_path / "admin-password").read_text().strip()
        assert f"user admin  password {password}" in output
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        base = f"http://127.0.0.1:{port}"
        with opener.open(f"{base}/admin/login/", timeout=10) as response:
            form = response.read().decode()
        csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
        data = urllib.parse.urlencode(
            {"username": "admin", "password": password, "csrfmiddlewaretoken": csrf, "next": "/admin/"}
        ).encode()
        login = urllib.request.Request(f"{base}/admin/login/", data=data, headers={"Referer": f"{base}/admin/login/"})
        with opener.open(login, timeout=10) as response:
            assert "/admin/login/" not in response.url
        page = urllib.request.Request(f"{base}/zaken/api/v1/zaken", headers={"Accept": "text/html"})
        with opener.open(page, timeout=10) as response:
            assert response.headers["Content-Type"].startswith("text/html")
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
