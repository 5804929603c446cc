"""report_year on real list titles (tests/real/titles/titles.jsonl), labelled by
reading each title (tests/real/README.md): the year reported on, or null for what
is not an organ's annual report. Accuracy printed; false positives listed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from govcrawl.discover.titles import report_year

TITLES = Path(__file__).parent / "real" / "titles" / "titles.jsonl"
# Share of titles report_year must get right; raise, never lower.
FLOOR = 1.0


def _labelled() -> list[dict[str, Any]]:
    lines = TITLES.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _outcomes() -> list[tuple[str, int | None, int | None]]:
    return [
        (row["title"], row["year"], report_year(row["title"])) for row in _labelled()
    ]


def test_report_year_accuracy_on_real_titles() -> None:
    outcomes = _outcomes()
    misses = [row for row in outcomes if row[1] != row[2]]
    right = len(outcomes) - len(misses)
    accuracy = right / len(outcomes)
    print(f"\nreal titles: report_year {right}/{len(outcomes)} = {accuracy:.1%}")
    listed = "\n".join(f"  {t!r}: want {w}, got {g}" for t, w, g in misses)
    assert accuracy >= FLOOR, f"report_year {right}/{len(outcomes)}\n{listed}"


def test_no_false_positives_on_real_titles() -> None:
    """A title labelled not-a-report never gets a year: a notice or a 解读 taken
    for a report would be crawled and stored as one."""
    false = [(t, g) for t, w, g in _outcomes() if w is None and g is not None]
    assert not false, "taken as reports:\n" + "\n".join(
        f"  {t!r} -> {g}" for t, g in false
    )


def test_the_real_titles_are_there() -> None:
    assert len(_labelled()) >= 81
