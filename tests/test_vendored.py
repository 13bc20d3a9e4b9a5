"""The vendored standard (vendor/zgw-standard/) is an exact copy of ../shared/, and its oas_compare tool passes its
own tests. The copy check only runs where ``shared/`` sits beside the repository (the team's machines, CI)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
VENDOR = REPO / "vendor" / "zgw-standard"
SHARED = Path(os.environ.get("ZGW_SHARED_DIR") or REPO.parent / "shared")
# what is vendored: these folders of shared/, every file in them
VENDORED_DIRS = ("specs", "tools", "standard", "data")


def _files(root: Path) -> dict[str, Path]:
    found = {}
    for folder in VENDORED_DIRS:
        for path in (root / folder).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                found[path.relative_to(root).as_posix()] = path
    return found


def test_vendored_files_are_present():
    """What the conformance and schema tests and the docs rely on is in the repository."""
    for name in ("specs/errata.yaml", "specs/zaken-1.5.1.yaml", "tools/oas_compare.py", "standard/DECISIONS.md"):
        assert (VENDOR / name).is_file(), name


@pytest.mark.skipif(not (SHARED / "specs").is_dir(), reason="no shared/ beside the repository to compare with")
def test_vendored_copy_equals_shared():
    upstream, vendored = _files(SHARED), _files(VENDOR)
    assert sorted(set(upstream) - set(vendored)) == [], "new upstream files: re-vendor (vendor/zgw-standard/README.md)"
    assert sorted(set(vendored) - set(upstream)) == [], "vendored files no longer upstream: re-vendor"
    changed = sorted(name for name in upstream if upstream[name].read_bytes() != vendored[name].read_bytes())
    assert changed == [], "upstream copies changed: re-vendor (vendor/zgw-standard/README.md)"


def test_vendored_oas_compare_passes_its_own_tests():
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:django", "-p", "no:xdist",
         str(VENDOR / "tools" / "test_oas_compare.py")],
        capture_output=True, text=True, timeout=120, cwd=VENDOR / "tools",
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:]
