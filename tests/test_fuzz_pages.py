"""Adversarial pages through the clean and parse stages: garbled bytes, truncated GBK,
deep nesting, huge tables and attributes, script bombs, entity bombs and inputs
shaped to make the stages' regular expressions backtrack.

Every page must come back as a result (or, for binary or empty bodies, a ValueError
that says so); the bounds that keep each page's time in check are structural (the page
size cap, the spam-brand cap, libxml2's nesting limit), and a watchdog fails a page that
hangs. Speed is measured by `govcrawl bench`, never asserted here."""

from __future__ import annotations

import pytest

from govcrawl.clean.tamper import MAX_BRANDS
from govcrawl.config import Config
from govcrawl.flow import Document, clean_parse_validate
from govcrawl.parse import parse_report
from govcrawl.validate import validate
from tests.fuzz_pages import (
    HEGANG,
    HEGANG_BODY,
    around_body,
    assert_bounded,
    clean_and_parse,
    clean_or_refuse,
)
from tests.invariants import problems
from tests.seeds import expected

# End-to-end: pages of megabytes and long hypothesis runs through clean and parse.
pytestmark = pytest.mark.e2e


def test_report_page_parses_exactly() -> None:
    """The page the hostile variants are built on gives the source's numbers."""
    report = clean_and_parse(HEGANG_BODY)
    assert report is not None
    want = expected(HEGANG["seed"])
    assert report.requests == want["requests"]
    assert report.review_litigation == want["review_litigation"]


# Deep nesting: libxml2 stops reading at 256 levels; what it drops is said, not lost.


@pytest.mark.parametrize("tag", ["div", "span", "table"])
def test_nesting_past_the_parser_limit_is_recorded(tag: str) -> None:
    body = around_body(f"<{tag}>" * 10_000, f"</{tag}>" * 10_000)
    cleaned = clean_or_refuse(body)
    assert cleaned is not None
    truncated = [r.text for r in cleaned.removed if r.kind == "truncated"]
    assert len(truncated) == 1
    assert "Excessive depth in document: 256" in truncated[0]
    assert_bounded(body)


def test_parse_records_nesting_past_the_parser_limit() -> None:
    page = HEGANG_BODY.decode("utf-8").replace("<body>", "<body>" + "<div>" * 300)
    report = parse_report(page, source="fuzz")
    (finding,) = [f for f in report.findings if f.kind == "truncated"]
    assert "Excessive depth in document: 256" in finding.message


def test_nesting_under_the_limit_keeps_every_number() -> None:
    report = clean_and_parse(around_body("<div>" * 200, "</div>" * 200))
    assert report is not None
    assert report.requests == expected(HEGANG["seed"])["requests"]


# Size: huge tables, attributes and scripts; and the page size cap.


def test_huge_table() -> None:
    row = "<tr><td>一、本年新收政府信息公开申请数量</td>" + "<td>1</td>" * 8 + "</tr>"
    body = around_body("<table>" + row * 5_000 + "</table>", "")
    assert clean_and_parse(body) is not None
    assert_bounded(body)


def test_giant_attribute_and_script_and_style_bombs() -> None:
    attribute = '<div class="' + "a" * 300_000 + '" title="' + "标" * 100_000 + '">'
    script = "<script>" + "var a = '<div>';" * 20_000 + "</script>"
    style = "<style>" + "p{color:red}" * 20_000 + "</style>"
    body = around_body(attribute + script + style, "</div>")
    report = clean_and_parse(body)
    assert report is not None
    assert report.requests == expected(HEGANG["seed"])["requests"]
    assert_bounded(body)


def test_entity_bomb_is_not_expanded() -> None:
    laughs = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" if n > 1 else "&lol;" * 10}">'
        for n in range(1, 10)
    )
    body = f"<!DOCTYPE html [{laughs}]><html><body><p>&lol9;</p></body></html>"
    cleaned = clean_or_refuse(body.encode())
    assert cleaned is None or len(cleaned.text) < 1_000


def test_page_over_the_size_cap_is_cut_with_a_record() -> None:
    config = Config.from_settings({"GOVCRAWL_MAX_PAGE_BYTES": str(len(HEGANG_BODY))})
    body = HEGANG_BODY + b"<p>" + "尾".encode() * 100_000 + b"</p>"
    cleaned = clean_parse_validate(
        Document(body, "http://fuzz.example/"), config
    ).cleaned
    assert cleaned is not None
    assert "尾" not in cleaned.text
    (cut,) = [r.text for r in cleaned.removed if r.kind == "truncated"]
    assert cut == (
        f"page of {len(body)} bytes cut to its first {len(HEGANG_BODY)} "
        "(GOVCRAWL_MAX_PAGE_BYTES)"
    )


def test_size_cap_default() -> None:
    assert Config.from_settings({}).max_page_bytes == 4 * 1024 * 1024


def test_size_cap_cuts_multibyte_text_on_a_character() -> None:
    body = "<p>政府信息公开</p>".encode("gb18030") * 20_000
    cleaned = clean_or_refuse(body, max_bytes=100001)
    assert cleaned is not None
    assert cleaned.encoding == "gb18030"
    assert "\ufffd" not in cleaned.text
    assert [r.kind for r in cleaned.removed].count("truncated") == 1


# Regular expressions fed what makes them backtrack.


def test_distinct_spam_brands_are_capped() -> None:
    brands = "\n".join(f"<p>澳门金沙_{n:05d}x</p>" for n in range(4_000))
    body = around_body(brands, "")
    cleaned = clean_or_refuse(body)
    assert cleaned is not None
    assert [r.kind for r in cleaned.removed].count("limit") == 1
    spam = [r.text for r in cleaned.removed if r.kind == "spam"]
    assert spam[:2] == ["澳门金沙_00000x", "澳门金沙_00001x"]
    assert len(spam) == MAX_BRANDS
    assert_bounded(body)


def test_long_title_without_an_organ() -> None:
    """The title's organ pattern has two lazy groups: quadratic on a long <title>."""
    title = "2023年度报告" + "年" * 100_000
    page = HEGANG_BODY.decode("utf-8")
    start, end = page.index("<title>") + len("<title>"), page.index("</title>")
    body = (page[:start] + title + page[end:]).encode()
    assert clean_and_parse(body) is not None
    assert_bounded(body)


@pytest.mark.parametrize(
    "filler",
    [
        "政府信息公开" * 50_000,
        "|" * 200_000,
        "一 | 二 | " * 20_000 + "\n",
        "执(zhi)" * 40_000,
        "执(zhi" * 40_000,
        "澳门_金沙_" * 30_000,
        "a-b_" * 60_000,
        "发布时间:" * 40_000,
        "发布时间|" * 40_000,
        "<meta " * 10_000,
        "(一)(二)(三)" * 20_000,
        "统计期限" + "为" * 200_000,
        "人民政府" * 50_000,
    ],
)
def test_pathological_text(filler: str) -> None:
    body = around_body(f"<p>{filler}</p>", "")
    assert clean_and_parse(body) is not None
    assert_bounded(body)
    as_text = filler.encode("utf-8")
    report = parse_report(filler, source="fuzz", html=False)
    validate(report)
    assert problems(report) == {}
    assert clean_or_refuse(as_text) is not None or not filler.strip()
