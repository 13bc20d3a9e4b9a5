"""zgw-consumers against the live server: its ``Service`` model and ``build_client`` in a separate consumer project.

The consumer is a minimal Django project (``consumer_settings``) in a subprocess with its own SQLite database, as an
integration that stores the ZGW services it talks to would be.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import LiveZGW

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]


def run_consumer(live: LiveZGW, mode: str, work_dir: Path) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.clients.consumer_settings",
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
        "ZGW_CONSUMER_DIR": str(work_dir),
    }
    done = subprocess.run(
        [sys.executable, "-m", "tests.clients.consumer_flow", mode, live.base_url, live.client_id, live.secret],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_connection_check_of_every_service(zgw_live, tmp_path):
    # the admin's connection check: GET of the API root itself
    assert run_consumer(zgw_live, "check", tmp_path) == {
        api: 200 for api in ("autorisaties", "catalogi", "zaken", "documenten", "besluiten", "notificaties")
    }


def test_zaak_flow(zgw_live, tmp_path):
    result = run_consumer(zgw_live, "flow", tmp_path)
    assert result["einddatum"] == "2024-03-07"
    assert result["status_datum"] == "2024-03-07T16:00:00+00:00"
    assert result["zaaktype_doorlooptijd_days"] == 30
    assert result["document_creatiedatum"] == "2024-03-02"
    assert result["besluit_datum"] == "2024-03-05"
    assert result["zaak_url"] == f"{zgw_live.root('zaken')}zaken/{result['zaak_uuid']}"
