"""Table 三 rows by number and group, on real reports.

The real PDF (tests/real/pdf/ha2024_szfgs.pdf, 淮安市人民政府 2024) parses to every number
of its labelled JSON through the library's file door (the one `govcrawl parse F` uses).
Two other real 2024 PDF reports print the 不予公开 group's second row as
`2.其他法律行政止公开` (a typo in the source); the variants here take a real report's
text as the library reads it and change only that one label, so the expected values
are the source document's own."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from govcrawl.attachments import extract
from govcrawl.decode import decode_body
from govcrawl.model import Report
from govcrawl.parse import parse_report, read_report_file
from govcrawl.template import OTHER_SUBROWS
from govcrawl.validate import validate
from tests.seeds import expected, seed_path

TESTS = Path(__file__).parent
REAL_PDF = TESTS / "real" / "pdf" / "ha2024_szfgs.pdf"
REAL_PDF_LABELS = json.loads(REAL_PDF.with_suffix(".json").read_text(encoding="utf-8"))
ATTACHMENTS = TESTS / "fixtures" / "attachments"
REPORTS = TESTS / "fixtures" / "reports"
# The printed label, allowing the line wrap a PDF text layer puts inside it.
LABEL = re.compile(r"2\.其他法律行政法规禁止\s*公开")
TYPO = "2.其他法律行政止公开"


def _numbers(report: Report) -> dict[str, Any]:
    """The report's numbers in the labelled files' shape: (六) as one row, the
    derived sum of its three sub-rows when it prints three (spec §3.2)."""
    requests = {
        row: cells for row, cells in report.requests.items() if row not in OTHER_SUBROWS
    }
    if "other_handling" not in requests and "other_handling" in report.derived:
        requests["other_handling"] = report.derived["other_handling"]
    return {
        "proactive": report.proactive,
        "requests": requests,
        "review_litigation": report.review_litigation,
    }


def _labelled(data: dict[str, Any]) -> dict[str, Any]:
    return {key: data[key] for key in ("proactive", "requests", "review_litigation")}


def test_real_pdf_every_number_exact():
    report = read_report_file(REAL_PDF)
    validate(report)
    assert _numbers(report) == _labelled(REAL_PDF_LABELS)
    assert (report.template, report.year) == ("v2021", 2024)
    assert report.failing_checks == REAL_PDF_LABELS["failing_checks"]


def test_real_pdf_prints_other_handling_as_three_rows():
    # The labeller's notes: 1: 67/3/0/0/1/0/71, 2: 6/0/0/0/0/0/6, 3: 108/2/0/0/0/0/110.
    report = read_report_file(REAL_PDF)
    assert [list(report.requests[row].values()) for row in OTHER_SUBROWS] == [
        [67, 3, 0, 0, 1, 0, 71],
        [6, 0, 0, 0, 0, 0, 6],
        [108, 2, 0, 0, 0, 0, 110],
    ]
    assert "other_handling" not in report.requests


def _pdf_variant(path: Path) -> Report:
    """A PDF's text as the library extracts it, with only the one label misprinted."""
    extracted = extract(path.read_bytes(), name=path.name)
    content, count = LABEL.subn(TYPO, extracted.content)
    assert count == 1, f"{path.name} prints the label {count} times"
    report = parse_report(content, source=path.name, html=bool(extracted.html))
    validate(report)
    return report


def _text_variant(path: Path, html: bool) -> Report:
    content, count = LABEL.subn(TYPO, decode_body(path.read_bytes()).text)
    assert count == 1, f"{path.name} prints the label {count} times"
    report = parse_report(content, source=path.name, html=html)
    validate(report)
    return report


def _assert_read_by_number(report: Report) -> None:
    notes = [f.message for f in report.findings if f.kind == "row_by_number"]
    assert len(notes) == 1 and f"'{TYPO}'" in notes[0] and "(三)不予公开" in notes[0]
    assert not [f for f in report.findings if f.kind == "duplicate_row"]


def test_misprinted_row_in_the_real_pdf_is_the_groups_second_row():
    report = _pdf_variant(REAL_PDF)
    assert _numbers(report) == _labelled(REAL_PDF_LABELS)
    assert report.requests["withheld_law_prohibited"]["natural_person"] == 30
    assert report.requests["other_misc"]["natural_person"] == 108
    assert report.failing_checks == []
    _assert_read_by_number(report)


# (variant, seed whose expected values hold, (六) printed as three rows)
SEED_VARIANTS = (
    ("seed 000 text, one cell a line", "000_968440a473f92860", True),
    ("seed 002 text, pipe rows (v2019)", "002_c70ef5546fcf38db", False),
    ("seed 003 text, one cell a paragraph", "003_00e19431bcd07e12", False),
    ("seed 004 text, one cell a line", "004_d4cf2388c7c6da47", True),
    ("panzhihua_2022.html", "000_968440a473f92860", True),
    ("hegang_2024.html", "003_00e19431bcd07e12", False),
    ("003_hegang_2024.pdf", "003_00e19431bcd07e12", False),
)


def _variant(name: str, seed: str) -> Report:
    if name.endswith(".pdf"):
        return _pdf_variant(ATTACHMENTS / name)
    if name.endswith(".html"):
        return _text_variant(REPORTS / name, html=True)
    return _text_variant(seed_path(seed), html=False)


@pytest.mark.parametrize(("name", "seed", "three_rows"), SEED_VARIANTS)
def test_misprinted_row_in_every_format(name, seed, three_rows):
    report = _variant(name, seed)
    want = expected(seed)
    assert report.requests == want["requests"]
    assert ("other_misc" in report.requests) is three_rows
    assert ("other_handling" in report.requests) is not three_rows
    _assert_read_by_number(report)


def _seed_with(old: str, new: str) -> Report:
    """Seed 002 (pipe rows) with one printed row replaced."""
    text = seed_path("002_c70ef5546fcf38db").read_text(encoding="utf-8")
    assert text.count(old) == 1
    report = parse_report(text.replace(old, new), source="seed 002 variant")
    validate(report)
    return report


ADMIN_QUERY_ROW = "8.属于行政查询事项 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n"


def test_label_matching_no_row_is_a_finding_and_files_nothing():
    unknown = "9.某某情形 | 3 | 0 | 0 | 0 | 0 | 0 | 3 | ||\n"
    report = _seed_with(ADMIN_QUERY_ROW, ADMIN_QUERY_ROW + unknown)
    assert report.requests == expected("002_c70ef5546fcf38db")["requests"]
    found = [f.message for f in report.findings if f.kind == "unknown_label"]
    assert any("'9.某某情形'" in m and "'3', '0'" in m for m in found), found
    assert report.failing_checks == []


def test_numbered_label_unlike_its_row_is_not_taken_by_number():
    row = "2.其他法律行政法规禁止公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||"
    report = _seed_with(row, "2.某某情形 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||")
    assert "withheld_law_prohibited" not in report.requests
    assert any("'2.某某情形'" in f.message for f in report.findings)
    missing = [f.message for f in report.findings if f.kind == "missing_row"]
    assert missing and "withheld_law_prohibited" in missing[0]


@pytest.mark.parametrize("printed", ["2、其他法律行政止公开", "２．其他法律行政止公开"])
def test_sub_row_numbering_forms(printed):
    row = "2.其他法律行政法规禁止公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||"
    report = _seed_with(row, row.replace("2.其他法律行政法规禁止公开", printed))
    assert report.requests == expected("002_c70ef5546fcf38db")["requests"]
    assert any(f.kind == "row_by_number" for f in report.findings)


def test_misprint_outside_any_group_is_not_filed():
    report = _seed_with("(一)予以公开 | 4 |", "(一)予以止开 | 4 |")
    assert "granted" not in report.requests
    assert "other_misc" not in report.requests
    assert any("'(一)予以止开'" in f.message for f in report.findings)


def test_unnumbered_misprint_is_never_other_misc():
    # With its number lost too, the misprinted row matches nothing: `其他` (3.其他) is
    # too short to be matched without its number.
    row = "2.其他法律行政法规禁止公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||"
    report = _seed_with(
        row, row.replace("2.其他法律行政法规禁止公开", "其他法律行政止公开")
    )
    assert "withheld_law_prohibited" not in report.requests
    assert "other_misc" not in report.requests
    assert "other_handling" in report.requests
