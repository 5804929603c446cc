"""Adversarial pages through the clean and parse stages: garbled bytes, truncated GBK,
deep nesting, huge tables and attributes, script bombs, entity bombs and inputs
shaped to make the stages' regular expressions backtrack.

Every page must come back as a result (or, for binary or empty bodies, a ValueError
that says so); the bounds that keep each page's time in check are structural (the page
size cap, the spam-brand cap, libxml2's nesting limit), and a watchdog fails a page that
hangs. Speed is measured by `govcrawl bench`, never asserted here."""

from __future__ import annotations

import json
import signal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from govcrawl.clean import clean_page, clean_text
from govcrawl.clean.tamper import MAX_BRANDS
from govcrawl.config import MAX_PAGE_BYTES, Config
from govcrawl.flow import Document, clean_parse_validate
from govcrawl.model import CleanResult, Report
from govcrawl.parse import parse_report
from govcrawl.parse.page import parse_cleaned
from govcrawl.validate import validate
from tests.invariants import problems
from tests.seeds import expected

PAGES = Path(__file__).parent / "fixtures" / "pages"
ENTRIES = json.loads((PAGES / "pages.json").read_text(encoding="utf-8"))
HEGANG = ENTRIES["hegang_2024"]
HEGANG_BODY = (PAGES / HEGANG["file"]).read_bytes()
GBK_PAGE = (PAGES / ENTRIES["encoding_gbk_right"]["file"]).read_bytes()
CLEAR_REFUSALS = ("not an HTML or text page", "empty page")
# A hang detector, not a speed target (speed lives in `govcrawl bench`): the hangs
# these tests found ran for minutes on pages of 20 KB; every page here takes seconds.
HANG_SECONDS = 120
FUZZ = settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


# End-to-end: pages of megabytes and long hypothesis runs through clean and parse.
pytestmark = pytest.mark.e2e


def clean_or_refuse(body: bytes, max_bytes: int = MAX_PAGE_BYTES) -> CleanResult | None:
    """The clean stage's answer; None when it refuses with its clear ValueError."""
    try:
        return clean_page(
            body, url="http://fuzz.example/page.html", max_bytes=max_bytes
        )
    except ValueError as error:
        assert str(error).startswith(CLEAR_REFUSALS), error
        return None


def clean_and_parse(body: bytes) -> Report | None:
    result = clean_parse_validate(Document(body, "http://fuzz.example/page.html"))
    if result.unreadable:
        assert result.unreadable.startswith(CLEAR_REFUSALS), result.unreadable
        return None
    report = result.report
    assert problems(report) == {}
    return report


def around_body(before: str, after: str, body: bytes = HEGANG_BODY) -> bytes:
    """The hegang report page with markup wrapped around its <body> content."""
    page = body.decode("utf-8")
    start = page.index("<body>") + len("<body>")
    end = page.rindex("</body>")
    return (page[:start] + before + page[start:end] + after + page[end:]).encode()


def assert_bounded(body: bytes) -> None:
    """Clean and parse `body`, or fail as hung after HANG_SECONDS."""

    def hung(signum: int, frame: Any) -> None:
        raise TimeoutError(f"{len(body)} bytes still cleaning after {HANG_SECONDS} s")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(HANG_SECONDS)
    try:
        clean_and_parse(body)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


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


# Properties: random bytes, truncated GBK, NUL bytes, random tag soup.


@FUZZ
@given(st.binary(max_size=4_000))
# A PDF signature and nothing else: unreadable, said once, not once per table.
@example(b"%PDF-")
def test_random_bytes(body: bytes) -> None:
    clean_and_parse(body)


@FUZZ
@given(st.integers(min_value=0, max_value=len(GBK_PAGE)))
def test_truncated_gbk(cut: int) -> None:
    """A GBK page cut anywhere, also inside a two-byte character."""
    report = clean_and_parse(GBK_PAGE[:cut])
    if report is None:
        assert not GBK_PAGE[:cut].strip() or b"\x00" in GBK_PAGE[:cut]


@FUZZ
@given(st.lists(st.tuples(st.integers(0, 10**6), st.binary(max_size=3)), max_size=40))
def test_garbled_gbk_bytes(edits: list[tuple[int, bytes]]) -> None:
    body = bytearray(GBK_PAGE)
    for position, replacement in edits:
        spot = position % len(body)
        body[spot : spot + len(replacement)] = replacement
    clean_and_parse(bytes(body))


@FUZZ
@given(st.integers(min_value=0, max_value=len(HEGANG_BODY)), st.integers(1, 50))
def test_nul_bytes(position: int, count: int) -> None:
    body = HEGANG_BODY[:position] + b"\x00" * count + HEGANG_BODY[position:]
    cleaned = clean_or_refuse(body)
    assert (cleaned is None) == (position < 8192)


TAGS = ["div", "p", "table", "tr", "td", "th", "span", "br", "script", "style", "b"]


@st.composite
def tag_soup(draw: st.DrawFn) -> str:
    parts = draw(
        st.lists(
            st.one_of(
                st.sampled_from(TAGS).map(lambda t: f"<{t}>"),
                st.sampled_from(TAGS).map(lambda t: f"</{t}>"),
                st.sampled_from(TAGS).map(lambda t: f'<{t} colspan="{"9" * 12}">'),
                st.text(
                    alphabet="一二三四五六总计本年新收|（）()0123456789&;<>\"'",
                    max_size=12,
                ),
                st.sampled_from(["&amp;", "&#0;", "&#xD800;", "&nbsp;", "&#99999999;"]),
            ),
            max_size=80,
        )
    )
    return "<html><body>" + "".join(parts) + "</body></html>"


@FUZZ
@given(tag_soup())
def test_tag_soup_pages(page: str) -> None:
    clean_and_parse(page.encode("utf-8", "surrogatepass"))
    report = parse_report(page, source="fuzz", html=True)
    validate(report)
    assert problems(report) == {}


SPAMMY = st.sampled_from(
    [
        "澳门",
        "金沙",
        "娱乐",
        "_",
        "¥",
        "|",
        "-",
        "app",
        "下载",
        "(zhí)",
        "（wen）",
        "(",
        ")",
        "打印本页",
        "发布时间:",
        "2023-01-19",
        "索引号",
        "字号",
        "。",
        "一、",
        "政府信息公開",
        "報告",
        "本年新收",
        "0",
        "12",
        "\n",
        " ",
        "\u3000",
        "\x0b",
        "\ufeff",
    ]
)


@FUZZ
@given(st.lists(SPAMMY, max_size=200).map("".join))
def test_clean_text_on_spam_chrome_and_pinyin_soup(text: str) -> None:
    result = clean_text(text)
    assert all(removal.text for removal in result.removed)
    report = parse_cleaned(result, source="fuzz")
    validate(report)
    assert problems(report) == {}
