"""Metadata on real report pages (tests/real/meta): title, agency, year and published
as labelled by reading each excerpt (tests/real/README.md), measured per field.

Each excerpt goes through govcrawl.flow twice: as text (the door a .txt file takes in
`govcrawl parse`) and as an HTML page with each line a <p>, as tests/test_real_clean.py
serves them (the page's own URL, so mirrors are mirrors). Floors rise as the resolver
improves; a miss is listed by excerpt id, with the label's value and what came."""

from __future__ import annotations

import html
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


def _document(name: str, label: dict[str, Any], door: str) -> Document:
    path = REAL / f"{name}.txt"
    if door == "text":
        return Document.from_file(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in lines)
    page = f"<html><head><meta charset='utf-8'></head><body>{paragraphs}</body></html>"
    return Document(page.encode(), url=label["url"], content_type="text/html")


@pytest.fixture(scope="module", params=["text", "html"])
def results(request: pytest.FixtureRequest) -> dict[str, list[tuple[str, Any, Any]]]:
    """Per field: (excerpt, expected, got) for every excerpt, through one door."""
    table: dict[str, list[tuple[str, Any, Any]]] = {field: [] for field in FIELDS}
    for name, label in _labelled():
        report: Report = clean_parse_validate(
            _document(name, label, request.param)
        ).report
        for field in FIELDS:
            expected = _comparable(field, label[field])
            got = _comparable(field, getattr(report, field))
            table[field].append((name, expected, got))
    print(f"\nreal meta ({request.param}): " + _summary(table))
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
