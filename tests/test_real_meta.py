"""Metadata on real report pages (tests/real/meta): title, agency, year and published
as labelled by reading each excerpt (tests/real/README.md), measured per field.

Each excerpt goes through the library's text path, the door a .txt file takes in
`govcrawl parse`. Floors rise as the resolver improves; a miss is listed by file."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from govcrawl.flow import Document, clean_parse_validate
from govcrawl.model import Report

REAL = Path(__file__).parent / "real" / "meta"
FIELDS = ("title", "agency", "year", "published")
# Share of excerpts each field must get right; raise, never lower.
FLOORS = {"title": 0.92, "agency": 0.95, "year": 1.0, "published": 0.98}


def _labelled() -> list[tuple[str, dict[str, Any]]]:
    return [
        (path.stem, json.loads(path.read_text(encoding="utf-8")))
        for path in sorted(REAL.glob("*.json"))
    ]


def _comparable(field: str, value: Any) -> Any:
    if field == "title" and isinstance(value, str):
        return re.sub(r"\s+", "", value)
    return value


@pytest.fixture(scope="module")
def results() -> dict[str, list[tuple[str, Any, Any]]]:
    """Per field: (excerpt, expected, got) for every excerpt."""
    table: dict[str, list[tuple[str, Any, Any]]] = {field: [] for field in FIELDS}
    for name, label in _labelled():
        report: Report = clean_parse_validate(
            Document.from_file(REAL / f"{name}.txt")
        ).report
        for field in FIELDS:
            expected = _comparable(field, label[field])
            got = _comparable(field, getattr(report, field))
            table[field].append((name, expected, got))
    print("\nreal meta: " + _summary(table))
    return table


def _summary(table: dict[str, list[tuple[str, Any, Any]]]) -> str:
    parts = []
    for field, rows in table.items():
        right = sum(expected == got for _, expected, got in rows)
        parts.append(f"{field} {right}/{len(rows)}")
    return ", ".join(parts)


def test_the_real_set_is_there() -> None:
    assert len(_labelled()) >= 18


@pytest.mark.parametrize("field", FIELDS)
def test_field_accuracy_on_real_pages(
    results: dict[str, list[tuple[str, Any, Any]]], field: str
) -> None:
    rows = results[field]
    misses = [row for row in rows if row[1] != row[2]]
    accuracy = 1 - len(misses) / len(rows)
    listed = "\n".join(
        f"  {name}: want {want!r}, got {got!r}" for name, want, got in misses
    )
    assert accuracy >= FLOORS[field], (
        f"{field}: {len(rows) - len(misses)}/{len(rows)} = {accuracy:.0%} "
        f"< floor {FLOORS[field]:.0%} ({_summary(results)})\n{listed}"
    )
