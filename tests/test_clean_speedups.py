"""The clean stage's speed-ups change no result: each shortcut is checked against the
slow path it replaced (the code before it, written out here)."""

from __future__ import annotations

import re
from operator import ne
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree, html

from govcrawl.clean import brands, page, render, tamper
from govcrawl.clean.page import parse_document
from govcrawl.clean.scrub import (
    PRINTED_MAX,
    _remove_brands,
    pinyin_summary,
    scrub,
    traditional_summary,
)
from govcrawl.clean.text import WholeText
from govcrawl.decode import decode_body
from govcrawl.markup import unread_part
from govcrawl.normalize import (
    _PINYIN_LETTERS,
    CJK,
    fold_characters,
    fold_width,
    folded_count,
    is_blank,
    label_key,
    match_key,
    script_of,
    simplifier,
    squash_spaces,
    strip_pinyin,
    to_simplified,
)
from govcrawl.opencc_tables import t2s_characters, traditional_only_re
from tests.html_pages import walked_lines

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = sorted(FIXTURES.glob("**/*.html"))
FOLDS = t2s_characters()
# Foldable characters (some mapped to themselves), astral ones among them, plain CJK,
# pinyin annotations, joiners, digits, brand words and white space.
ALPHABET = st.sampled_from(
    [chr(code) for code in list(FOLDS)[::97]]
    + [chr(code) for code in FOLDS if code >= 0x10000][:8]
    + [chr(code) for code, new in FOLDS.items() if chr(code) == new]
    + list("政府信息公开年度报告执行(zhí)（wen）a1-_¥|｜ \u3000\u00a0\n²٣")
    + ["澳门", "金沙", "赌场", "bet", "365", "体育", "\U00020000", "档案"]
)
TEXTS = st.lists(ALPHABET, max_size=40).map("".join)


def _page_texts() -> list[str]:
    return [decode_body(path.read_bytes()).text for path in PAGES]


@pytest.mark.e2e
@given(TEXTS)
def test_folding_is_the_dict_translate(text: str) -> None:
    assert fold_characters(text) == text.translate(FOLDS)
    assert folded_count(text) == sum(map(ne, text, text.translate(FOLDS)))


def test_folding_pages_is_the_dict_translate() -> None:
    for text in _page_texts():
        assert fold_characters(text) == text.translate(FOLDS)


OLD_PINYIN_RE = re.compile(rf"(?<=[{CJK}])(?:[(（][{_PINYIN_LETTERS}]{{1,7}}[)）])+")


@pytest.mark.e2e
@given(TEXTS)
def test_pinyin_matches_as_the_lookbehind_form(text: str) -> None:
    assert strip_pinyin(text) == OLD_PINYIN_RE.sub("", text)


def test_pinyin_on_pages_matches_as_the_lookbehind_form() -> None:
    for text in _page_texts():
        assert strip_pinyin(text) == OLD_PINYIN_RE.sub("", text)


def _old_script_of(text: str) -> str:
    cjk = len(re.findall(f"[{CJK}]", text))
    if not cjk:
        return "simplified"
    hits = len(traditional_only_re().findall(text))
    return "traditional" if hits >= 3 and hits / cjk >= 0.02 else "simplified"


@pytest.mark.e2e
@given(TEXTS)
def test_script_is_the_share_of_cjk(text: str) -> None:
    assert script_of(text) == _old_script_of(text)


def _old_joiner_positions(text: str) -> list[int]:
    positions = []
    for index in range(1, len(text) - 1):
        char, before, after = text[index], text[index - 1], text[index + 1]
        if char not in "_¥￥|｜-" or not (before.isalnum() and after.isalnum()):
            continue
        if char == "-" and (before.isdigit() or after.isdigit()):
            continue
        positions.append(index)
    return positions


@pytest.mark.e2e
@given(TEXTS)
def test_joiners_are_found_as_by_the_character_loop(text: str) -> None:
    assert tamper._joiner_positions(text) == _old_joiner_positions(text)


OLD_BRAND_RE = re.compile(
    rf"{brands._BRAND}(?:[,，、_¥￥|｜-]{brands._TAIL})*", re.IGNORECASE
)


@pytest.mark.e2e
@given(TEXTS)
def test_brands_are_found_without_the_first_character_test(text: str) -> None:
    assert brands._BRAND_RE.findall(text) == OLD_BRAND_RE.findall(text)


def test_brands_on_pages_are_found_without_the_first_character_test() -> None:
    for text in _page_texts():
        view = match_key(text)
        assert brands._BRAND_RE.findall(view) == OLD_BRAND_RE.findall(view)


@pytest.mark.e2e
@given(TEXTS)
def test_blank_is_squashed_to_nothing(text: str) -> None:
    assert is_blank(text) == (squash_spaces(text) == "")


@pytest.mark.e2e
@given(st.lists(TEXTS, max_size=6))
def test_one_phrase_test_for_the_whole_converts_each_piece(pieces: list[str]) -> None:
    convert = simplifier("".join(pieces))
    assert [convert(piece) for piece in pieces] == list(map(to_simplified, pieces))


def _old_scrub(text: str) -> tuple[str, list[str], str, str]:
    """The scrub pass before: brands out, pinyin out, then the script read on what is
    left, then converted."""
    whole = WholeText(text)
    removed = [removal.text for removal in _remove_brands(text, whole)]
    state = [whole.text]
    pinyin = pinyin_summary(state[0])
    if pinyin:
        state[0] = strip_pinyin(state[0])
        removed.append(pinyin)
    printed = state[0]
    script = script_of(printed)
    if script != "traditional":
        return state[0], removed, script, ""
    removed.append(traditional_summary(printed))
    state[0] = to_simplified(printed)
    return state[0], removed, script, printed[:PRINTED_MAX]


@pytest.mark.parametrize("path", PAGES, ids=lambda path: path.name)
def test_scrub_reads_once_as_twice_before(path: Path) -> None:
    text = decode_body(path.read_bytes()).text
    whole = WholeText(text)
    removed, script, printed = scrub(whole)
    now = (whole.text, [removal.text for removal in removed], script, printed)
    assert now == _old_scrub(text)


@pytest.mark.parametrize("path", PAGES, ids=lambda path: path.name)
def test_lines_of_every_element_are_the_python_walk(path: Path) -> None:
    doc, _ = parse_document(decode_body(path.read_bytes()).text)
    for element in doc.iter():
        if isinstance(element.tag, str):
            assert render.element_lines(element) == walked_lines(element)


@pytest.mark.parametrize("path", PAGES, ids=lambda path: path.name)
def test_code_elements_are_the_xpath_union(path: Path) -> None:
    doc, _ = parse_document(decode_body(path.read_bytes()).text)
    union = [el for el in doc.xpath(page._CODE_XPATH) if page._is_code(el)]
    assert page._code_elements(doc) == union


@pytest.mark.e2e
@given(st.text())
def test_control_characters_are_counted_as_the_regex_finds_them(text: str) -> None:
    encoded = text.encode("utf-8", "surrogatepass")
    assert page._control_count(encoded) == len(page._CONTROL_RE.findall(text))


def _slow_fragment(element: html.HtmlElement) -> str:
    render._strip_other_attributes(element)
    return render.fragment(element)


@pytest.mark.parametrize("path", PAGES, ids=lambda path: path.name)
def test_fragment_strips_the_attributes_the_name_walk_strips(path: Path) -> None:
    out = []
    for serialise in (render.fragment, _slow_fragment):
        doc, _ = parse_document(decode_body(path.read_bytes()).text)
        out.append(serialise(doc.body))
    assert out[0] == out[1]


def test_fragment_strips_names_beyond_the_layout_ones() -> None:
    element = html.fromstring(
        '<div ms-if="x"><a href="/r" onclick="go()">报告</a></div>'
    )
    assert render.fragment(element) == '<div><a href="/r">报告</a></div>'


OLD_SPACE_RE = re.compile(r"[\s\u00a0\u3000\u200b\ufeff]+")
SPACES = st.text(
    st.sampled_from(list(" \t\n\r\x0b\x0c\x1c\x85\u00a0\u2028\u3000\u200b\ufeffa规"))
)


@pytest.mark.e2e
@given(st.one_of(TEXTS, SPACES, st.text()))
def test_squashing_splits_where_the_space_regex_matched(text: str) -> None:
    assert squash_spaces(text) == OLD_SPACE_RE.sub(" ", text).strip()
    assert label_key(text) == OLD_SPACE_RE.sub("", fold_width(text))


def _str_parsed(markup: str) -> tuple[bytes, str | None]:
    """The tree libxml2 built from the markup as a str (the route before UTF-8), and
    where it stopped reading."""
    markup = page._XML_DECLARATION.sub("", page._CONTROL_RE.sub("", markup))
    parser = etree.HTMLParser(remove_comments=True, remove_pis=True)
    doc = html.document_fromstring(markup, parser)
    return etree.tostring(doc), unread_part(parser)


def _utf8_parsed(markup: str, utf8: bytes | None = None) -> tuple[bytes, str | None]:
    doc, unread = parse_document(markup, utf8)
    cut = [removal.text for removal in unread if removal.kind == "truncated"]
    return etree.tostring(doc), cut[0].removeprefix("not read past ") if cut else None


@pytest.mark.parametrize("path", PAGES, ids=lambda path: path.name)
def test_pages_read_from_utf8_as_from_a_str(path: Path) -> None:
    body = path.read_bytes()
    markup = decode_body(body).text
    assert _utf8_parsed(markup) == _str_parsed(markup)
    if markup.encode() == body:
        assert _utf8_parsed(markup, body) == _str_parsed(markup)


@pytest.mark.parametrize(
    "markup",
    ["深" * 50 + "<div>" * 300 + "深" * 50, "<?xml version='1.0'?><p>\x01文</p>"],
)
def test_odd_pages_read_from_utf8_as_from_a_str(markup: str) -> None:
    assert _utf8_parsed(markup) == _str_parsed(markup)
