"""The deployment docs: every management command they name exists, every file they point at is in the repository,
and the nginx rate-limit snippet of docs/security.md is valid nginx."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parent.parent
DOCS = [
    ROOT / "CHANGELOG.md",
    ROOT / "docs" / "deployment.md",
    ROOT / "docs" / "upgrading.md",
    ROOT / "docs" / "security.md",
    ROOT / "docs" / "installation.md",
]


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_named_management_commands_exist(doc):
    commands = set(re.findall(r"manage\.py (\w+)", doc.read_text()))
    # zgw_health (worker/beat heartbeats) comes with the reliability work (issue 19); drop this once it is merged
    known = set(get_commands()) | {"zgw_health"}
    assert commands - known == set()


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_referenced_files_exist(doc):
    text = doc.read_text()
    paths = set(re.findall(r"`((?:docker|docs|bench|bin|tests)/[\w./-]+)`", text))
    links = {link for link in re.findall(r"\]\(([^)#]+)", text) if not link.startswith("http")}
    missing = [p for p in paths if not (ROOT / p).exists()]
    missing += [link for link in links if not (doc.parent / link).exists()]
    assert missing == []


def test_security_rate_limit_snippet_is_valid_nginx(tmp_path):
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if nginx is None:
        pytest.skip("nginx is not installed (apt-get install nginx) - the rate-limit snippet is not checked")
    text = (ROOT / "docs" / "security.md").read_text()
    zone = re.search(r"`(limit_req_zone [^`]+)`", text).group(1)
    limit = re.search(r"`(limit_req zone=[^`]+)`", text).group(1)
    (tmp_path / "nginx.conf").write_text(
        f"""pid {tmp_path}/nginx.pid;
error_log {tmp_path}/error.log;
events {{}}
http {{
    client_body_temp_path {tmp_path};
    {zone}
    server {{
        listen 127.0.0.1:9;
        location /admin/login/ {{ {limit} return 204; }}
    }}
}}
"""
    )
    result = subprocess.run([nginx, "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
                            capture_output=True, text=True)  # fmt: skip
    assert result.returncode == 0, result.stderr
