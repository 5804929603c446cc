"""Properties of clean and parse on generated pages: random bytes, truncated and
garbled GBK, NUL bytes, random tag soup, spam and pinyin soup. Every page comes back
as a result that keeps the invariants (tests/invariants.py), or a clear refusal."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from govcrawl.clean import clean_text
from govcrawl.parse import parse_report
from govcrawl.parse.page import parse_cleaned
from govcrawl.validate import validate
from tests.fuzz_pages import (
    FUZZ,
    GBK_PAGE,
    HEGANG_BODY,
    clean_and_parse,
    clean_or_refuse,
)
from tests.invariants import problems

# End-to-end: pages of megabytes and long hypothesis runs through clean and parse.
pytestmark = pytest.mark.e2e


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
