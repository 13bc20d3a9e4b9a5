"""The served OpenAPI document matches the official Besluiten 1.0.2 (and 1.1.0) documents: oas_compare at 100%."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

# byte-for-byte copies of the shared reference material (vendor/zgw-standard/README.md)
SHARED = Path(__file__).resolve().parents[2] / "vendor" / "zgw-standard"
TOOL = SHARED / "tools" / "oas_compare.py"

pytestmark = [pytest.mark.django_db]


@pytest.mark.parametrize("version", ["1.0.2", "1.1.0"])
def test_schema_scores_100_percent(anonymous_client, tmp_path, version):
    response = anonymous_client.get("/besluiten/api/v1/schema/openapi.json")
    assert response.status_code == 200
    served = tmp_path / "besluiten.json"
    served.write_bytes(response.content)
    result = subprocess.run(
        [sys.executable, str(TOOL), str(SHARED / "specs" / f"besluiten-{version}.yaml"), str(served), "--strict"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout[-3000:]
    assert "oas-compare: 100.0%" in result.stdout
