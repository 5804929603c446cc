"""Reports published as PDF/DOCX/DOC attachments extract to exactly the reference
numbers (tests/fixtures/attachments, built by build_attachments.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pypdfium2
import pytest

from govcrawl.attachments import extract
from govcrawl.attachments.pdf import unify_radicals
from govcrawl.attachments.result import UNSUPPORTED
from govcrawl.parse import parse_report
from govcrawl.validate import validate
from tests.seeds import expected, expected_view, report_view, seed_path

ATTACHMENTS = Path(__file__).parent / "fixtures" / "attachments"
PANZHIHUA = "000_968440a473f92860"
HEGANG = "003_00e19431bcd07e12"
HETIAN = "004_d4cf2388c7c6da47"
CASES = (
    ("000_panzhihua_2022.docx", "docx", PANZHIHUA),
    ("003_hegang_2024.docx", "docx", HEGANG),
    ("004_hetian_2023.docx", "docx", HETIAN),
    ("000_panzhihua_2022.pdf", "pdf", PANZHIHUA),
    ("003_hegang_2024.pdf", "pdf", HEGANG),
    ("004_hetian_2023.pdf", "pdf", HETIAN),
)
# The attachment carries no page chrome, so `published` is not in it.
KEYS = (
    "title",
    "year",
    "template",
    "proactive",
    "requests",
    "review_litigation",
    "failing_checks",
)


def read(name: str) -> bytes:
    return (ATTACHMENTS / name).read_bytes()


def assert_report_equals_seed(content: str, seed: str, source: str) -> None:
    report = parse_report(content, source=source)
    validate(report)
    assert report_view(report, KEYS) == expected_view(seed, KEYS)


@pytest.mark.parametrize(("name", "kind", "seed"), CASES)
def test_html_parses_to_expected_numbers(name, kind, seed):
    extracted = extract(read(name), name=name)
    assert extracted.kind == kind
    assert extracted.findings == []
    assert extracted.content == extracted.html
    assert_report_equals_seed(extracted.html, seed, name)


@pytest.mark.parametrize(("name", "kind", "seed"), CASES)
def test_flattened_text_parses_to_expected_numbers(name, kind, seed):
    extracted = extract(read(name), name=name)
    assert_report_equals_seed(extracted.text, seed, name)


@pytest.mark.parametrize(("name", "kind", "seed"), CASES)
def test_three_template_tables_with_merged_cells(name, kind, seed):
    html = extract(read(name), name=name).html
    # Tables 二, 三 and 四. In the PDFs table 二 breaks over a page, and in panzhihua's
    # table 四 does too, cutting its rowspan-2 header cells: all are rejoined.
    assert html.count("<table>") == 3
    # 自然人 and 总计 in table 三, the five outcomes of 行政复议 in table 四.
    assert html.count('<td rowspan="2">') == 7
    # spec §3.2: the 三、本年度办理结果 group spans its result rows: 22 in v2021,
    # 20 where (六)其他处理 is printed as one row (hegang).
    results_rows = 20 if "other_handling" in expected(seed)["requests"] else 22
    assert f'<td rowspan="{results_rows}">三、' in html
    assert '<td colspan="3" rowspan="3">（本列数据的勾稽关系为' in html
    assert '<td colspan="5">行政复议</td><td colspan="10">行政诉讼</td>' in html


@pytest.mark.parametrize("name", [case[0] for case in CASES if case[1] == "pdf"])
def test_pdf_page_count(name):
    body = read(name)
    assert extract(body, name=name).pages == len(pypdfium2.PdfDocument(body))


def overview_lines(seed: str) -> list[str]:
    """The seed's 一、总体情况 section, one paragraph a line, up to the 二 heading."""
    lines = [line.strip() for line in seed_path(seed).read_text("utf-8").splitlines()]
    start = lines.index("一、总体情况")
    end = next(i for i, line in enumerate(lines) if line.startswith("二、主动公开"))
    return [line for line in lines[start : end + 1] if line]


@pytest.mark.parametrize(
    ("name", "seed"),
    [(name, seed) for name, kind, seed in CASES if kind == "pdf"],
)
def test_pdf_paragraphs_are_the_seed_paragraphs(name, seed):
    """Wrapped lines rejoin, also over a page break (hetian's （五） paragraph), and
    headings stay paragraphs of their own."""
    html = extract(read(name), name=name).html
    paragraphs = re.findall(r"<p>(.*?)</p>", html)
    overview = overview_lines(seed)
    start = paragraphs.index(overview[0])
    assert paragraphs[start : start + len(overview)] == overview


def test_radicals_become_ideographs():
    assert unify_radicals("⼀、总体情况 ⼆、⼗⼈⾏") == "一、总体情况 二、十人行"
    assert unify_radicals("第二十条第（一）项") == "第二十条第（一）项"


def test_doc_without_libreoffice_is_unsupported(monkeypatch):
    monkeypatch.setattr("govcrawl.attachments.office.find_soffice", lambda: None)
    extracted = extract(read("000_panzhihua_2022.doc"), name="report.doc")
    assert extracted.kind == "doc"
    assert extracted.content == ""
    assert [f.kind for f in extracted.findings] == [UNSUPPORTED]
    assert "LibreOffice" in extracted.findings[0].message


@pytest.mark.e2e
def test_doc_through_libreoffice_parses_to_expected_numbers():
    extracted = extract(read("000_panzhihua_2022.doc"), name="report.doc")
    assert extracted.kind == "doc"
    assert extracted.findings == []
    assert_report_equals_seed(extracted.html, PANZHIHUA, "report.doc")
