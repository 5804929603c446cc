"""The five reference reports and their exact expected values (from the sources)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

SEEDS = Path(__file__).parent / "fixtures" / "seeds"
SEED_NAMES = sorted(path.stem for path in SEEDS.glob("*.txt"))
YUANJIANG = "001_49603480a1e8c436"


def seed_path(name: str) -> Path:
    return SEEDS / f"{name}.txt"


def expected(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SEEDS / "expected" / f"{name}.json").read_text())
    return data


def expected_failures(name: str) -> list[str]:
    """Check ids from the expected file's failing_checks ("B4 review_total 0 != 1")."""
    return sorted(entry.split()[0] for entry in expected(name)["failing_checks"])
