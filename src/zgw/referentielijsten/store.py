"""The bundled Selectielijst/Referentielijsten data (VNG, 2020), read once and indexed by uuid.

Records keep the uuid in ``url`` in the data files; :func:`render` turns them into API records with absolute URLs
under a given API root (``<base>/referentielijsten/api/v1``).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"
API_PATH = "/referentielijsten/api/v1"


@cache
def _load(name: str) -> tuple[dict[str, dict], list[dict]]:
    records = json.loads((DATA_DIR / f"{name}.json").read_text(encoding="utf-8"))
    return {r["url"].lower(): r for r in records}, records


def procestypen() -> list[dict]:
    return _load("procestypen")[1]


def resultaten() -> list[dict]:
    return _load("resultaten")[1]


def resultaattypeomschrijvingen() -> list[dict]:
    return _load("resultaattypeomschrijvingen")[1]


def get(collection: str, uuid: str) -> dict | None:
    """The raw record of ``collection`` (procestypen, resultaten, resultaattypeomschrijvingen) with ``uuid``."""
    if collection not in ("procestypen", "resultaten", "resultaattypeomschrijvingen"):
        return None
    return _load(collection)[0].get(str(uuid).lower())


def render(collection: str, record: dict, api_root: str) -> dict[str, Any]:
    """An API record: ``url`` (and a resultaat's ``procesType``) as absolute URLs under ``api_root``."""
    data = dict(record)
    data["url"] = f"{api_root}/{collection}/{record['url']}"
    if collection == "resultaten":
        data["procesType"] = f"{api_root}/procestypen/{record['procesType']}"
    return data
