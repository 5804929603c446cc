"""Each reference report parses to exactly its expected values."""

from __future__ import annotations

from pathlib import Path

import pytest

from govcrawl.flow import Document, clean_parse_validate
from govcrawl.model import Report
from tests.seeds import SEED_NAMES, YUANJIANG, expected, expected_failures, seed_path

FIELDS = ("title", "agency", "year", "published", "template")
TABLES = ("proactive", "requests", "review_litigation")


def read_report_file(path: Path) -> Report:
    return clean_parse_validate(Document.from_file(path)).report


@pytest.fixture(scope="module", params=SEED_NAMES)
def parsed(request: pytest.FixtureRequest) -> tuple[str, object]:
    report = read_report_file(seed_path(request.param))
    return request.param, report


@pytest.mark.parametrize("field", FIELDS)
def test_metadata(parsed, field):
    name, report = parsed
    assert getattr(report, field) == expected(name)[field]


@pytest.mark.parametrize("table", TABLES)
def test_tables_exact(parsed, table):
    name, report = parsed
    assert getattr(report, table) == expected(name)[table]


def test_only_yuanjiang_fails_identities(parsed):
    name, report = parsed
    assert report.failing_checks == expected_failures(name)
    identities = [c.id for c in report.checks if c.mode != "soft"]
    assert identities == [f"B{n}" for n in range(1, 8)]


def test_yuanjiang_failures_name_cells_and_numbers():
    checks = {
        check.id: check for check in read_report_file(seed_path(YUANJIANG)).checks
    }
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
