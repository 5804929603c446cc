"""Glued cells: rows whose numbers run together, recovered only where the identities
leave one split, flagged `recovered`; every other case a finding with empty cells.

Real material: tests/real/glued/ha2024_section3_raw_text.txt (the 淮安 2024 PDF's table
三 as a plain text dump, cells run together with spaces, found in a public repository)
and tests/fixtures/glued/ha2024_text_content.txt (the same real report with each row's
cells joined with nothing between them, as a page's text content keeps a table; built
by build_glued.py). Expected values: the labelled JSON files, never parser output."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from govcrawl.model import Report
from govcrawl.parse import parse_report, read_report_file
from govcrawl.parse.glued import SearchTooLarge, segmentations, split_label
from govcrawl.template import OTHER_SUBROWS, REVIEW_LITIGATION_KEYS
from govcrawl.validate import validate

TESTS = Path(__file__).parent
REAL_DUMP = TESTS / "real" / "glued" / "ha2024_section3_raw_text.txt"
DUMP_LABELS = json.loads(REAL_DUMP.with_suffix(".json").read_text(encoding="utf-8"))
GLUED = TESTS / "fixtures" / "glued" / "ha2024_text_content.txt"
PDF_LABELS = json.loads(
    (TESTS / "real" / "pdf" / "ha2024_szfgs.json").read_text(encoding="utf-8")
)


def _parse(text: str) -> Report:
    report = parse_report(text, source="glued", html=False)
    validate(report)
    return report


def _glued_text() -> str:
    return GLUED.read_text(encoding="utf-8")


def _requests_as_labelled(report: Report) -> dict[str, Any]:
    requests = {k: v for k, v in report.requests.items() if k not in OTHER_SUBROWS}
    if "other_handling" not in requests:
        requests["other_handling"] = report.derived["other_handling"]
    return requests


def test_issue_example_has_one_split():
    # issue 12: `一、本年新收政府信息公开申请数量640020470` is 64, 0, 0, 2, 0, 4, 70.
    glued = split_label("一、本年新收政府信息公开申请数量640020470")
    assert glued is not None and glued.label == "一、本年新收政府信息公开申请数量"
    assert segmentations(glued.runs, (6,)) == [(64, 0, 0, 2, 0, 4, 70)]


def test_row_sum_alone_can_leave_two_splits():
    # 淮安 2024 (四)2: 11, 0, 0, 0, 0, 0, 11 glued is also 1, 10, 0, 0, 0, 0, 11.
    assert sorted(segmentations(["110000011"], (6,))) == [
        (1, 10, 0, 0, 0, 0, 11),
        (11, 0, 0, 0, 0, 0, 11),
    ]


def test_a_kept_space_is_always_a_cell_boundary():
    assert segmentations(["30015300614", "3119"], (6,)) == [
        (3001, 53, 0, 0, 61, 4, 3119)
    ]
    assert segmentations(["11", "0000011"], (6,)) == [(11, 0, 0, 0, 0, 0, 11)]
    assert segmentations(["1", "10000011"], (6,)) == [(1, 10, 0, 0, 0, 0, 11)]


def test_search_is_bounded():
    with pytest.raises(SearchTooLarge):
        segmentations(["7" * 61], (6,))


def test_text_content_table_three_recovered_exactly():
    report = _parse(_glued_text())
    assert _requests_as_labelled(report) == PDF_LABELS["requests"]
    paths = [f"requests.{row}.{col}" for row, cells in report.requests.items()
             for col in cells]  # fmt: skip
    assert len(paths) == 25 * 7
    assert {report.flags[path] for path in paths} == {"recovered"}
    assert report.failing_checks == []


def test_row_sum_ties_are_broken_by_the_column_identities():
    report = _parse(_glued_text())
    notes = {f.where: f.message for f in report.findings if f.kind == "recovered_cells"}
    assert "B1/B2" in notes["table 三 unable_need_creation"]
    assert "B1/B2" not in notes["table 三 new_requests"]
    assert (
        "'110000011' read as 11 | 0 | 0 | 0 | 0 | 0 | 11"
        in (notes["table 三 unable_need_creation"])
    )


def test_open_tie_is_a_finding_never_a_guess():
    # Without (七)总计 neither B1 nor B2 can be checked: the tie stays open.
    lines = [line for line in _glued_text().splitlines() if "(七)总计" not in line
             and "（七）总计" not in line]  # fmt: skip
    report = _parse("\n".join(lines))
    row = report.requests["unable_need_creation"]
    assert set(row.values()) == {None}
    assert report.flags["requests.unable_need_creation.total"] == "glued"
    assert report.raw["requests.unable_need_creation.total"] == "110000011"
    found = [f.message for f in report.findings if f.kind == "glued_cells"]
    assert any("2 splits fit B3" in message for message in found)
    assert report.requests["not_processed_complaint"]["total"] == 62


def test_row_that_no_split_fits_stays_empty():
    # (五)1 printed 56, 6, ... 62; with the total misprinted 63 no split adds up.
    text = _glued_text().replace(
        "信访举报投诉类申请566000062", "信访举报投诉类申请566000063"
    )
    report = _parse(text)
    assert set(report.requests["not_processed_complaint"].values()) == {None}
    found = [f.message for f in report.findings if f.kind == "glued_cells"]
    assert any("'566000063'" in m and "no split" in m for m in found)


def test_table_four_with_three_splits_is_left_blank():
    # 72 64 178 37 351 | 13 4 8 1 26 | 12 1 1 6 20 glued also splits as ...| 1 2 1 16 20
    # and ...| 1 2 11 6 20: B4-B6 cannot tell them apart, so nothing is filed.
    report = _parse(_glued_text())
    assert set(report.review_litigation.values()) == {None}
    assert {report.flags[f"review_litigation.{k}"] for k in REVIEW_LITIGATION_KEYS} == {
        "glued"
    }
    found = [f.message for f in report.findings if f.kind == "glued_cells"]
    assert any("3 splits fit B4-B6" in message for message in found)


def test_table_four_with_one_split_is_recovered():
    # The real PDF's table 四 values with the after-review group printed 12 0 0 6 18
    # (a variant: one split only) next to the report's real other groups.
    text = _glued_text().replace(
        "72641783735113481261211620", "72641783735113481261200618"
    )
    report = _parse(text)
    assert list(report.review_litigation.values()) == [
        72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 0, 0, 6, 18
    ]  # fmt: skip
    assert report.flags["review_litigation.review_total"] == "recovered"


def test_real_dump_rows_with_spaces_are_printed_cells():
    report = read_report_file(REAL_DUMP)
    got = {row: list(cells.values()) for row, cells in report.requests.items()}
    assert got == DUMP_LABELS["requests"]
    assert list(report.requests["new_requests"]) == [
        "natural_person", "commercial", "research", "social_welfare",
        "legal_service", "other_org", "total",
    ]  # fmt: skip
    assert not [path for path, flag in report.flags.items() if flag == "recovered"]
    kinds = {f.kind for f in report.findings}
    assert {"label_continued", "header_rejoined"} <= kinds


def test_label_glued_to_its_first_cell_with_the_rest_one_a_line():
    # A PDF text layer's `8.属于行政查询事项105` then the other six cells a line each:
    # the real dump's (三)8 row, 105 0 0 0 0 0 105, printed that way.
    dump = REAL_DUMP.read_text(encoding="utf-8")
    row = "8.属于行政查询事项 105 0 0 0 0 0 105"
    assert dump.count(row) == 1
    report = _parse(dump.replace(row, "8.属于行政查询事项105\n0\n0\n0\n0\n0\n105"))
    assert (
        list(report.requests["withheld_admin_query"].values())
        == (DUMP_LABELS["requests"]["withheld_admin_query"])
    )
