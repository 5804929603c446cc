"""The clean stage's tree-level speed-ups change no result: each is checked against
the slow path it replaced (the code before it, written out here), on every fixture
page and on generated markup."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree, html

from govcrawl.clean import page
from govcrawl.clean.page import drop_code, parse_document
from govcrawl.clean.scrub import (
    PRINTED_MAX,
    pinyin_summary,
    scrub,
    traditional_summary,
)
from govcrawl.clean.slots import BodyText
from govcrawl.clean.tamper import (
    MAX_BRANDS,
    brand_pattern,
    find_brands,
    is_spam_line,
    keeps_words,
    remove_brands,
)
from govcrawl.decode import decode_body
from govcrawl.markup import text_of
from govcrawl.model import Removal
from govcrawl.normalize import (
    match_key,
    script_of,
    simplifier,
    strip_pinyin,
    to_simplified,
)

FIXTURES = Path(__file__).parent / "fixtures"
REAL = Path(__file__).parent / "real"
PAGES = sorted([*FIXTURES.glob("**/*.html"), *REAL.glob("**/*.html")])
# Tags, text with brands, pinyin, traditional characters and OpenCC phrases (有序,
# 反覆), white space, comments, the slot mark, and code elements.
MARKUP = st.lists(
    st.sampled_from(
        [
            "<p>",
            "</p>",
            "<div>",
            "</div>",
            "<b>",
            "</b>",
            "<br>",
            "<td>",
            "<table><tr>",
            "</table>",
            "<!-- c -->",
            "<?php x ?>",
            "<script>var a;</script>",
            "執(zhí)行",
            "文(wen)",
            "（）",
            "澳门金沙赌场_澳门金沙娱乐",
            "美高梅娛樂城",
            "免费菠萝视频app下载",
            "有序",
            "反覆",
            "檔案",
            "政府信息公開",
            "答覆",
            " ",
            "\n",
            "\u3000",
            "\ufdd0",
            "年度报告",
            ":",
        ]
    ),
    max_size=40,
).map("".join)


def _old_text_slots(element: html.HtmlElement) -> list[tuple[html.HtmlElement, str]]:
    slots = []
    for node in element.iter():
        tail = node.tail
        if tail and not tail.isspace() and node is not element:
            slots.append((node, "tail"))
        text = node.text if isinstance(node.tag, str) else None
        if text and not text.isspace():
            slots.append((node, "text"))
    return slots


def _old_scrub(body: html.HtmlElement) -> tuple[list[Removal], str, str]:
    """The scrub pass on a tree before: every slot collected by a Python walk and
    edited one by one, brands first (each slot searched for them), then pinyin and
    the script, the text read from the tree after each step."""
    slots: list[tuple[html.HtmlElement, str]] = []

    def apply(edit: Callable[[str], str]) -> None:
        if not slots:
            slots.extend(_old_text_slots(body))
        for node, slot in slots:
            value = getattr(node, slot)
            edited = edit(value) if value else value
            if edited != value:
                setattr(node, slot, edited)

    removed = _old_brands(text_of(body), apply)
    text = text_of(body)
    pinyin = pinyin_summary(text)
    script = script_of(text)
    if pinyin:
        apply(strip_pinyin)
        removed.append(Removal("pinyin", pinyin))
    if script != "traditional":
        return removed, script, ""
    printed = text_of(body)
    removed.append(Removal("traditional", traditional_summary(printed)))
    apply(simplifier(printed))
    return removed, script, printed[:PRINTED_MAX]


def _old_brands(
    text: str, apply: Callable[[Callable[[str], str]], None]
) -> list[Removal]:
    brands = find_brands(text)
    if not brands:
        return []
    fragments: list[str] = []

    def drop_line(line: str) -> str:
        cleaned, found = remove_brands(line, brands)
        if not found or (is_spam_line(line) and not keeps_words(cleaned)):
            return line
        fragments.extend(found)
        return cleaned

    def drop(piece: str) -> str:
        if brand_pattern(brands).search(match_key(piece)) is None:
            return piece
        return "\n".join(map(drop_line, piece.split("\n")))

    apply(drop)
    removed = [Removal("spam", fragment) for fragment in fragments]
    if len(brands) == MAX_BRANDS:
        removed.append(Removal("limit", "limit"))
    return removed


def _scrubbed(markup: str, scrubber: Callable) -> tuple:
    doc, _ = parse_document(markup)
    drop_code(doc, {})
    removed, script, printed = scrubber(doc.body)
    return etree.tostring(doc, encoding="unicode"), _kinds(removed), script, printed


def _new_scrub(body: html.HtmlElement) -> tuple[list[Removal], str, str]:
    text = BodyText(body)
    result = scrub(text)
    text.commit()
    return result


def _kinds(removed: list[Removal]) -> list[tuple[str, str]]:
    # The brand limit's wording is scrub's own; that it is there is what is compared.
    return [(r.kind, "limit" if r.kind == "limit" else r.text) for r in removed]


def _compare(markup: str) -> None:
    old, new = (_scrubbed(markup, scrubber) for scrubber in (_old_scrub, _new_scrub))
    assert new == old


@pytest.mark.parametrize("path", PAGES, ids=lambda path: path.name)
def test_body_text_edits_as_each_slot_was_edited(path: Path) -> None:
    _compare(decode_body(path.read_bytes()).text)


HARD_MARKUP = [
    # Brands in an element's text and in its tail: removals are listed tail first.
    "<div><b>今天美高梅娛樂城很好</b>明天澳门特区赌场也好</div>",
    # A text node holding the line that joins the pieces.
    "<p>执行\n\ufdd0\n工作</p><p>文(wen)</p>",
]


@pytest.mark.parametrize("markup", HARD_MARKUP)
def test_body_text_edits_hard_markup_as_each_slot(markup: str) -> None:
    _compare("<html><body>" + markup)


@pytest.mark.e2e
@settings(max_examples=300, deadline=None)
@given(MARKUP)
def test_body_text_edits_generated_markup_as_each_slot(markup: str) -> None:
    _compare("<html><body>" + markup)


def _stripped_parse(markup: str) -> bytes:
    """The tree before: comments and processing instructions parsed, then stripped
    with their tails kept in place."""
    markup = page._XML_DECLARATION.sub("", page._CONTROL_RE.sub("", markup))
    parser = etree.HTMLParser(encoding="utf-8")
    doc = html.document_fromstring(markup.encode(), parser)
    etree.strip_elements(
        doc, etree.Comment, etree.ProcessingInstruction, with_tail=False
    )
    return etree.tostring(doc)


@pytest.mark.e2e
@settings(max_examples=300, deadline=None)
@given(MARKUP)
def test_comments_left_out_by_the_parser_as_stripped_after(markup: str) -> None:
    markup = "<html><body>" + markup
    doc, _ = parse_document(markup)
    assert etree.tostring(doc) == _stripped_parse(markup)


_ADJACENT = etree.XPath("//text()[preceding-sibling::node()[1][self::text()]]")


@pytest.mark.e2e
@settings(max_examples=300, deadline=None)
@given(MARKUP)
def test_no_two_text_nodes_are_adjacent_after_the_head_pass(markup: str) -> None:
    doc, _ = parse_document("<html><body>" + markup)
    drop_code(doc, {})
    assert _ADJACENT(doc) == []


@pytest.mark.parametrize("path", PAGES, ids=lambda path: path.name)
def test_pages_without_comments_as_stripped_after(path: Path) -> None:
    markup = decode_body(path.read_bytes()).text
    doc, _ = parse_document(markup)
    assert etree.tostring(doc) == _stripped_parse(markup)


LINES = st.lists(
    st.sampled_from(["有序", "反覆", "答覆", "計畫", "檔案", "執行", "\n", " ", "a-"]),
    max_size=30,
).map("".join)


@pytest.mark.e2e
@given(LINES)
def test_phrase_pages_convert_line_by_line_as_whole(text: str) -> None:
    assert simplifier(text + "有序")(text) == to_simplified(text)
