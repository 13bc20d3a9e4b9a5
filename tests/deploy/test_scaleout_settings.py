"""The settings a multi-instance deployment switches on: DATABASE_PGBOUNCER and ZGW_STORAGE=s3 (fast: no services)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json
from zgw import settings as s
db = s.DATABASES["default"]
print(json.dumps({"cursors": db.get("DISABLE_SERVER_SIDE_CURSORS", False),
                  "options": db.get("OPTIONS", {}), "storage": s.STORAGES["default"]}))
"""


def _settings(**env: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "ZGW_STORAGE", "ZGW_S3_"))}
    return subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True,
                          env={**base, "PYTHONPATH": str(ROOT / "src"), **env})  # fmt: skip


def test_pgbouncer_mode_turns_off_server_side_cursors_and_prepared_statements():
    pooled = _settings(DATABASE_URL="postgres://zgw@127.0.0.1:6432/zgw", DATABASE_PGBOUNCER="1")
    assert pooled.returncode == 0, pooled.stderr
    result = json.loads(pooled.stdout)
    assert result["cursors"] is True
    assert "prepare_threshold" in result["options"] and result["options"]["prepare_threshold"] is None

    direct = json.loads(_settings(DATABASE_URL="postgres://zgw@127.0.0.1:5432/zgw").stdout)
    assert direct["cursors"] is False and "prepare_threshold" not in direct["options"]


def test_s3_storage_from_the_environment():
    completed = _settings(ZGW_STORAGE="s3", ZGW_S3_BUCKET="docs", ZGW_S3_ENDPOINT_URL="http://127.0.0.1:9000",
                          ZGW_S3_ADDRESSING_STYLE="path", ZGW_S3_PREFIX="zgw")  # fmt: skip
    assert completed.returncode == 0, completed.stderr
    storage = json.loads(completed.stdout)["storage"]
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert (
        storage["OPTIONS"]
        | {
            "bucket_name": "docs",
            "endpoint_url": "http://127.0.0.1:9000",
            "addressing_style": "path",
            "location": "zgw",
            "file_overwrite": True,  # names carry a fresh uuid
        }
        == storage["OPTIONS"]
    )
    assert json.loads(_settings().stdout)["storage"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"


def test_an_unknown_storage_is_refused_at_start():
    completed = _settings(ZGW_STORAGE="ftp")
    assert completed.returncode != 0 and "ZGW_STORAGE must be 'file' or 's3'" in completed.stderr
