"""A real published PDF (淮安市人民政府 2024, tests/real/pdf) reads to every number its
labeller read from the page images (ha2024_szfgs.json)."""

from __future__ import annotations

import json
from pathlib import Path

from govcrawl.attachments import extract
from govcrawl.parse import read_report_file
from govcrawl.validate import validate

REAL = Path(__file__).parent / "real" / "pdf"
PDF = REAL / "ha2024_szfgs.pdf"
LABELS = json.loads((REAL / "ha2024_szfgs.json").read_text("utf-8"))
PEOPLE = (
    "natural_person",
    "commercial",
    "research",
    "social_welfare",
    "legal_service",
    "other_org",
    "total",
)
# The labeller's notes: (六)其他处理 is printed as three sub-rows, read as
# 1: 67/3/0/0/1/0/71, 2: 6/0/0/0/0/0/6, 3: 108/2/0/0/0/0/110.
OTHER_SUBROWS = {
    "other_no_correction": (67, 3, 0, 0, 1, 0, 71),
    "other_no_fee": (6, 0, 0, 0, 0, 0, 6),
    "other_misc": (108, 2, 0, 0, 0, 0, 110),
}


def test_every_number_is_the_labelled_one():
    report = read_report_file(PDF)
    validate(report)
    requests = dict(report.requests)
    printed = {name: requests.pop(name, None) for name in OTHER_SUBROWS}
    # other_handling is not printed: the labels hold the sum of the three sub-rows.
    requests["other_handling"] = report.derived.get("other_handling")
    got = {
        "agency": report.agency,
        "year": report.year,
        "template": report.template,
        "proactive": report.proactive,
        "requests": requests,
        "review_litigation": report.review_litigation,
        "failing_checks": report.failing_checks,
        "other_subrows": printed,
    }
    want = {key: LABELS[key] for key in got if key in LABELS}
    want["other_subrows"] = {
        name: dict(zip(PEOPLE, row, strict=True)) for name, row in OTHER_SUBROWS.items()
    }
    assert got == want


def test_pages_and_table_breaks():
    """Six pages; table 二 breaks over pages 3-4 and table 三 over pages 4-5, and
    each is joined back into one table (three in all, no ruled frame of prose)."""
    extracted = extract(PDF.read_bytes(), name=PDF.name)
    assert extracted.pages == 6
    assert extracted.html.count("<table>") == 3
    assert "<p>本报告由淮安市人民政府办公室根据《中华人民共和国政府信息公开条例》" in (
        extracted.html
    )
