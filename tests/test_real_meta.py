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
FLOORS = {"title": 1.0, "agency": 1.0, "year": 1.0, "published": 1.0}


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
    for field, rows in table.items():
        if _misses(field, rows):
            print(_misses(field, rows))
    return table


def _misses(field: str, rows: list[tuple[str, Any, Any]]) -> str:
    """Each excerpt a field misses, by id, with what its label says and what came."""
    return "\n".join(
        f"  {field} {name}: want {want!r}, got {got!r}"
        for name, want, got in rows
        if want != got
    )


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
    right = sum(want == got for _, want, got in rows)
    accuracy = right / len(rows)
    assert accuracy >= FLOORS[field], (
        f"{field}: {right}/{len(rows)} = {accuracy:.1%} < floor {FLOORS[field]:.1%} "
        f"({_summary(results)})\n{_misses(field, rows)}"
    )
