"""Each reference report parses to exactly its expected values."""

from __future__ import annotations

import pytest

from govcrawl.parse import read_report_file
from govcrawl.validate import validate
from tests.seeds import SEED_NAMES, YUANJIANG, expected_view, report_view, seed_path


@pytest.mark.parametrize("name", SEED_NAMES)
def test_report_is_exactly_the_expected_one(name):
    """Metadata, the three tables and the failing checks, in one comparison."""
    report = read_report_file(seed_path(name))
    validate(report)
    assert report_view(report) == expected_view(name)


def test_yuanjiang_failures_name_cells_and_numbers():
    report = read_report_file(seed_path(YUANJIANG))
    checks = {check.id: check for check in validate(report)}
    assert checks["B4"].message.startswith(
        "B4: review_total is 0 but its parts sum to 1"
    )
    assert "review_upheld 1" in checks["B4"].message
    assert checks["B5"].message.startswith(
        "B5: suit_direct_total is 0 but its parts sum to 1"
    )


def test_yuanjiang_truncated_header_is_a_finding():
    report = read_report_file(seed_path(YUANJIANG))
    ambiguous = [f for f in report.findings if f.kind == "ambiguous_label"]
    assert ambiguous and all(f.where == "table 四 header" for f in ambiguous)
    assert any(f.kind == "script" for f in report.findings)
