"""Every API's served OpenAPI document scores 100% against the official one (the vendored oas_compare.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

# byte-for-byte copies of the shared reference material (vendor/zgw-standard/README.md)
SHARED = Path(__file__).resolve().parents[2] / "vendor" / "zgw-standard"
TOOL = SHARED / "tools" / "oas_compare.py"
# errata this project proposes upstream (same format as the shared errata.yaml, each entry with its evidence); they
# are appended to the shared ones for the comparison and leave the file once the shared errata carry them
PROPOSED_ERRATA = Path(__file__).resolve().parent / "errata_proposed.yaml"

SPECS = {
    "zaken": "zaken-1.7.0.yaml",
    "documenten": "documenten-1.7.0.yaml",
    "catalogi": "catalogi-1.3.3.yaml",
    "besluiten": "besluiten-1.1.0.yaml",
    "autorisaties": "autorisaties-1.1.0.yaml",
    "notificaties": "notificaties-1.0.1.yaml",
}


@pytest.fixture(scope="module")
def tool() -> Path:
    assert TOOL.exists(), f"{TOOL} is missing from the repository"
    return TOOL


@pytest.mark.parametrize("api,spec", SPECS.items())
def test_served_schema_scores_100_percent(anonymous_client, db, tmp_path, tool, api, spec):
    response = anonymous_client.get(f"/{api}/api/v1/schema/openapi.json")
    assert response.status_code == 200
    served = tmp_path / f"{api}.json"
    served.write_bytes(response.content)
    errata = tmp_path / "errata.yaml"
    errata.write_text((SHARED / "specs" / "errata.yaml").read_text() + "\n" + PROPOSED_ERRATA.read_text())
    result = subprocess.run(
        [sys.executable, str(tool), str(SHARED / "specs" / spec), str(served), "--strict", "--errata", str(errata)],
        capture_output=True, text=True, timeout=180,
    )
    assert result.returncode == 0, result.stdout[-4000:]
    assert "oas-compare: 100.0%" in result.stdout
