"""docs/examples/nginx-zgw.conf, started for real: TLS, the upload limit and the X-Forwarded-* headers."""

from __future__ import annotations

import http.client
import shutil
import socket
import ssl
import subprocess
import time
from pathlib import Path

import pytest
from django.test import override_settings

EXAMPLE = Path(__file__).resolve().parent.parent / "docs" / "examples" / "nginx-zgw.conf"

pytestmark = pytest.mark.django_db(transaction=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"the example no longer contains {old!r}: update this test and the docs together"
    return text.replace(old, new)


@pytest.fixture
def nginx(tmp_path, live_server):
    """nginx with the documented server blocks, on free loopback ports, in front of the live test server."""
    binary = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if binary is None:
        pytest.skip("nginx is not installed (apt-get install nginx) - the reverse-proxy example is not exercised")
    key, cert = tmp_path / "zgw.key", tmp_path / "zgw.crt"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    https_port, http_port = free_port(), free_port()
    upstream = live_server.url.removeprefix("http://")
    site = EXAMPLE.read_text()
    site = replace_once(site, "server 127.0.0.1:8000;", f"server {upstream};")
    site = replace_once(site, "listen 80;", f"listen 127.0.0.1:{http_port};")
    site = replace_once(site, "listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;")
    site = replace_once(site, "/etc/nginx/tls/zgw.crt", str(cert))
    site = replace_once(site, "/etc/nginx/tls/zgw.key", str(key))
    site = site.replace("zgw.gemeente.example", "localhost")
    (tmp_path / "zgw.conf").write_text(site)
    for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (tmp_path / name).mkdir()
    (tmp_path / "nginx.conf").write_text(
        f"""
worker_processes 1;
pid {tmp_path}/nginx.pid;
error_log {tmp_path}/error.log warn;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {tmp_path}/body;
    proxy_temp_path {tmp_path}/proxy;
    fastcgi_temp_path {tmp_path}/fastcgi;
    uwsgi_temp_path {tmp_path}/uwsgi;
    scgi_temp_path {tmp_path}/scgi;
    include {tmp_path}/zgw.conf;
}}
"""
    )
    conf = ["-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")]
    check = subprocess.run([binary, *conf, "-t"], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    process = subprocess.Popen([binary, *conf, "-g", "daemon off;"], stderr=subprocess.PIPE)
    try:
        deadline = time.time() + 10
        while time.time() < deadline:
            try:
                socket.create_connection(("127.0.0.1", https_port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        yield {"https": https_port, "http": http_port, "cert": cert}
    finally:
        process.terminate()
        process.wait(timeout=10)


def https(nginx) -> http.client.HTTPSConnection:
    context = ssl.create_default_context(cafile=str(nginx["cert"]))
    return http.client.HTTPSConnection("localhost", nginx["https"], context=context, timeout=10)


@override_settings(USE_X_FORWARDED_HOST=True, SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"))
def test_request_through_nginx_builds_https_urls(nginx, make_api_client):
    authorization = make_api_client(heeft_alle=True)._credentials["HTTP_AUTHORIZATION"]
    connection = https(nginx)
    body = b'{"domein": "PROXY", "rsin": "002564440", "contactpersoonBeheerNaam": "Beheer"}'
    connection.request(
        "POST",
        "/catalogi/api/v1/catalogussen",
        body=body,
        headers={"Authorization": authorization, "Content-Type": "application/json"},
    )
    response = connection.getresponse()
    payload = response.read()
    assert response.status == 201, payload
    assert response.getheader("Location").startswith(f"https://localhost:{nginx['https']}/catalogi/api/v1/")
    assert response.getheader("Strict-Transport-Security") == "max-age=31536000"


def test_nginx_redirects_http_and_refuses_oversized_bodies(nginx):
    plain = http.client.HTTPConnection("127.0.0.1", nginx["http"], timeout=10)
    plain.request("GET", "/zaken/api/v1/zaken", headers={"Host": "localhost"})
    redirect = plain.getresponse()
    assert redirect.status == 301
    assert redirect.getheader("Location") == "https://localhost/zaken/api/v1/zaken"

    connection = https(nginx)
    connection.putrequest("POST", "/documenten/api/v1/enkelvoudiginformatieobjecten")
    connection.putheader("Content-Type", "application/json")
    connection.putheader("Content-Length", str(101 * 1024 * 1024))  # above client_max_body_size 100m
    connection.endheaders()
    assert connection.getresponse().status == 413
