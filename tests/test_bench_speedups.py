"""Speed-ups made for `govcrawl bench` change no result: each is checked against the
slow path it skips."""

from __future__ import annotations

import re
from pathlib import Path

import opencc
import pytest
from hypothesis import given
from hypothesis import strategies as st
from parsel import Selector

from govcrawl.bench.parse_rate import Corpus
from govcrawl.clean.titles import _opening
from govcrawl.decode import decode_body
from govcrawl.discover.detail import detail_meta
from govcrawl.normalize import (
    CJK,
    script_of,
    squash_spaces,
    to_simplified,
)
from govcrawl.opencc_tables import _traditional_only_chars

T2S = opencc.OpenCC("t2s")
# Traditional, simplified, shared characters, digits and punctuation.
ALPHABET = "政府資訊公開年度報告申請數量總計处理结果一二三、（）0123456789 檔案文件"


def slow_path(text: str) -> str:
    return T2S.convert(text).replace("档案", "文件")


def test_reference_pages_convert_as_before() -> None:
    texts = [decode_body(body).text for body in Corpus.load().html]
    for text in texts:
        for line in text.splitlines():
            assert to_simplified(line) == slow_path(line)


@pytest.mark.e2e
@given(st.text(alphabet=ALPHABET, max_size=40))
def test_any_mix_converts_as_before(text: str) -> None:
    assert to_simplified(text) == slow_path(text)


TRADITIONAL_PAGES = ("mirror_traditional_pinyin.html", "yuanjiang_2023.html")
PAGES = Path(__file__).parent / "fixtures" / "pages"
PHRASES = (Path(opencc.__file__).parent / "dictionary" / "TSPhrases.txt").read_text(
    encoding="utf-8"
)
PHRASE_KEYS = [line.split("\t")[0] for line in PHRASES.splitlines() if line]


def test_traditional_pages_convert_as_before() -> None:
    for name in TRADITIONAL_PAGES:
        text = decode_body((PAGES / name).read_bytes()).text
        for line in text.splitlines():
            assert to_simplified(line) == slow_path(line)


@pytest.mark.e2e
@given(st.lists(st.sampled_from(PHRASE_KEYS + list(ALPHABET)), max_size=12))
def test_phrase_keys_among_other_text_convert_as_before(parts: list[str]) -> None:
    text = "".join(parts)
    assert to_simplified(text) == slow_path(text)


def test_traditional_text_is_still_converted() -> None:
    assert to_simplified("政府資訊公開工作年度報告") == "政府资讯公开工作年度报告"


def test_detail_meta_reads_the_same_body_text_as_parsel_css() -> None:
    pages = [decode_body(body).text for body in Corpus.load().html]
    pages.append("<html><body><p>发布时间：</p><p>2024-01-19</p></body></html>")
    for page in pages:
        selector = Selector(text=page)
        slow = " ".join(selector.css("body ::text").getall())
        assert " ".join(selector.root.xpath("//body//text()")) == slow
    assert detail_meta(pages[-1]).published == "2024-01-19"


def slow_script_of(text: str) -> str:
    cjk = re.findall(f"[{CJK}]", text)
    if not cjk:
        return "simplified"
    hits = sum(1 for char in cjk if char in _traditional_only_chars())
    share = hits / len(cjk)
    return "traditional" if hits >= 3 and share >= 0.02 else "simplified"


@pytest.mark.e2e
@given(st.text(alphabet=ALPHABET + "𨭎𣠲𧹈abc", max_size=60))
def test_script_is_told_as_before(text: str) -> None:
    assert script_of(text) == slow_script_of(text)


def test_pages_script_is_told_as_before() -> None:
    for path in sorted(PAGES.glob("*.html")):
        text = decode_body(path.read_bytes()).text
        assert script_of(text) == slow_script_of(text)


@pytest.mark.e2e
@given(st.text(alphabet="年报告 \n\u3000\xa0ab", max_size=60), st.integers(1, 12))
def test_title_check_reads_the_same_opening(text: str, size: int) -> None:
    assert _opening(text, size) == squash_spaces(text)[:size]
