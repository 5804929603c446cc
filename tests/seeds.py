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


# What a report is compared on, as one dict, so a failing test shows the whole diff.
REPORT_KEYS = (
    "title",
    "agency",
    "year",
    "published",
    "template",
    "proactive",
    "requests",
    "review_litigation",
    "failing_checks",
)


def expected_view(name: str, keys: tuple[str, ...] = REPORT_KEYS) -> dict[str, Any]:
    """The seed's expected values under `keys` (failing_checks as sorted check ids)."""
    want = expected(name) | {"failing_checks": expected_failures(name)}
    return {key: want[key] for key in keys}


def report_view(report: Any, keys: tuple[str, ...] = REPORT_KEYS) -> dict[str, Any]:
    """The same view of a parsed Report, or of a report's JSON record (a dict)."""
    if isinstance(report, dict):
        got = dict(report)
        got["failing_checks"] = sorted(c["id"] for c in got["checks"] if not c["ok"])
    else:
        got = {key: getattr(report, key) for key in keys}
        got["failing_checks"] = sorted(report.failing_checks)
    return {key: got[key] for key in keys}
