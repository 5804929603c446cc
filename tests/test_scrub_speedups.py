"""Clean pass 3's (scrub's) speed-ups change no result: each shortcut is checked
against the code it replaced, written out here, on every fixture and real page's
text and on generated text."""

from __future__ import annotations

import re
from operator import ne
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from govcrawl.clean import tamper
from govcrawl.clean.brands import named_brands
from govcrawl.clean.page import parse_document
from govcrawl.clean.scrub import pinyin_summary
from govcrawl.decode import decode_body
from govcrawl.markup import text_of
from govcrawl.normalize import (
    CJK,
    PINYIN_RE,
    dense_match_key,
    fold_characters,
    folded_count,
    has_annotations,
    match_key,
    script_of,
)
from govcrawl.opencc_tables import (
    ASTRAL_RE,
    fold_table,
    foldable_re,
    has_astral,
    has_phrase,
    t2s_characters,
    t2s_phrases,
    traditional_only_re,
)

HERE = Path(__file__).parent
PAGES = sorted(
    [*(HERE / "fixtures").glob("**/*.html"), *(HERE / "real").glob("**/*.html")]
)
FOLDS = t2s_characters()
# Traditional-only characters (執 行 in 執行 is half of them), plain CJK, Latin,
# astral characters (some of them foldable), a lone surrogate and white space.
ASTRAL_FOLDS = [chr(code) for code in FOLDS if code >= 0x10000][:4]
ALPHABET = st.sampled_from(
    [*"執據統監現政府信息公开年度报告ab1 \n", "\U00020000", *ASTRAL_FOLDS, "\ud800"]
)
TEXTS = st.lists(ALPHABET, max_size=300).map("".join)


def _page_texts() -> list[str]:
    return [decode_body(path.read_bytes()).text for path in PAGES]


def _old_script_of(text: str) -> str:
    """script_of before: every traditional-only character counted."""
    hits = len(traditional_only_re().findall(text))
    if hits < 3:
        return "simplified"
    if hits >= 0.02 * len(text):
        return "traditional"
    cjk = len(re.sub(f"[^{CJK}]+", "", text))
    return "traditional" if hits / cjk >= 0.02 else "simplified"


@pytest.mark.e2e
@settings(deadline=None)
@given(TEXTS)
# 3 hits in 150 characters: exactly the share of all characters.
@example("執" * 3 + "a" * 147)
# 3 hits in 151: under the share of all characters, over the share of CJK ones.
@example("執" * 3 + "a" * 148)
def test_script_counted_up_to_the_share_is_told_as_counted_whole(text: str) -> None:
    assert script_of(text) == _old_script_of(text)


def test_script_of_pages_is_told_as_counted_whole() -> None:
    for text in _page_texts():
        assert script_of(text) == _old_script_of(text)


def _old_fold(text: str) -> str:
    """fold_characters before: every foldable character counted to choose a way."""
    found = len(foldable_re().findall(text))
    if not found:
        return text
    if found * 20 < len(text):
        return foldable_re().sub(lambda m: FOLDS.get(ord(m.group()), m.group()), text)
    return fold_table()(text)


@pytest.mark.e2e
@settings(deadline=None)
@given(TEXTS)
@example("執" * 5 + "a" * 95)
@example("執" * 5 + "a" * 96)
def test_folding_counted_up_to_dense_folds_as_before(text: str) -> None:
    assert fold_characters(text) == _old_fold(text) == text.translate(FOLDS)


@pytest.mark.e2e
@settings(deadline=None)
@given(TEXTS)
def test_astral_characters_are_told_as_the_regex_finds_them(text: str) -> None:
    assert has_astral(text) == (ASTRAL_RE.search(text) is not None)


@pytest.mark.parametrize("text", ["", "a", "執", "\U00020000", "a\ud800", "\U0010ffff"])
def test_astral_characters_in_short_texts(text: str) -> None:
    assert has_astral(text) == (ASTRAL_RE.search(text) is not None)


PHRASE_KEYS = [re.sub(r"\\(.)", r"\1", key) for key in t2s_phrases().pattern.split("|")]
# Phrase keys, their first two characters apart and joined to others, and text.
PHRASE_TEXTS = st.lists(
    st.sampled_from(
        [
            *PHRASE_KEYS[::7],
            *{key[:2] for key in PHRASE_KEYS[::5]},
            *"有序反覆計畫執行 \n",
        ]
    ),
    max_size=30,
).map("".join)


def test_every_phrase_key_has_two_characters() -> None:
    assert min(map(len, PHRASE_KEYS)) >= 2


@pytest.mark.e2e
@settings(deadline=None)
@given(PHRASE_TEXTS)
def test_phrases_found_from_their_first_two_characters_as_by_the_alternation(
    text: str,
) -> None:
    assert has_phrase(text) == (t2s_phrases().search(text) is not None)


def test_phrases_of_pages_found_as_by_the_alternation() -> None:
    texts = _page_texts()
    assert any(t2s_phrases().search(text) for text in texts)
    for text in texts:
        assert has_phrase(text) == (t2s_phrases().search(text) is not None)
        for line in text.splitlines():
            assert has_phrase(line) == (t2s_phrases().search(line) is not None)


# Dense traditional text (so the screen is asked) with spam terms and brand hints
# in both scripts, split by pinyin annotations, in Latin capitals and joined.
BRAND_TEXTS = st.lists(
    st.sampled_from(
        [
            *"執據統監現覆",
            "執行",
            "澳門",
            "澳门",
            "娛樂",
            "賭(dǔ)場",
            "金沙",
            "BET",
            "Be",
            "365",
            "體育",
            "資料大全",
            "美高梅",
            "比分",
            "_",
            "¥",
            "(zhí)",
            " ",
            "中國",
        ]
    ),
    max_size=30,
).map("".join)


def _screened_out(text: str) -> bool:
    return dense_match_key(text, tamper._holds_no_brand) is None


def _old_finds_nothing(text: str) -> bool:
    """find_brands before the screen found nothing: no candidate, no named brand."""
    view = match_key(text)
    return not tamper._candidates(view) and not named_brands(view)


@pytest.mark.e2e
@settings(deadline=None, max_examples=500)
@given(BRAND_TEXTS)
@example("執行執行澳(ào)門特區賭場_澳門金沙遊戲")
@example("執行執行執行BeT365")
def test_screened_out_texts_hold_no_brand(text: str) -> None:
    if _screened_out(text):
        assert _old_finds_nothing(text)
    assert dense_match_key(text, lambda _: False) == match_key(text)


def _body_texts() -> list[str]:
    texts = []
    for path in PAGES:
        doc, _ = parse_document(decode_body(path.read_bytes()).text)
        texts.append(text_of(doc.body))
    return texts


def test_folding_keeps_joiners_words_and_digits() -> None:
    for code, new in FOLDS.items():
        old = chr(code)
        assert (old.isalnum(), old.isdigit()) == (new.isalnum(), new.isdigit())
        assert old not in "_¥￥|｜-" and new not in "_¥￥|｜-"


def test_screened_out_pages_hold_no_brand() -> None:
    screened = 0
    for text in _body_texts():
        assert dense_match_key(text, lambda _: False) == match_key(text)
        if _screened_out(text):
            screened += 1
            assert _old_finds_nothing(text)
    # Yuanjiang's traditional mirror among them.
    assert screened >= 1


def _old_pinyin_summary(text: str) -> str:
    """pinyin_summary before: a match object per annotation."""
    if not has_annotations(text):
        return ""
    matches = list(PINYIN_RE.finditer(text))
    if not matches:
        return ""
    samples = dict.fromkeys(text[m.start() - 1] + m.group() for m in matches)
    shown = " ".join(list(samples)[:5])
    return f"{len(matches)} pinyin annotations, e.g. {shown}"


ANNOTATED_TEXTS = st.lists(
    st.sampled_from(
        [*"執文和a1 \n(（)）", "(zhí)", "（wen）", "(he)", "(xíng)", "執(zhí)"]
    ),
    max_size=30,
).map("".join)


@pytest.mark.e2e
@settings(deadline=None)
@given(ANNOTATED_TEXTS)
@example("執(zhí)(zhi)文（wen）(he)和(he)(he)")
def test_pinyin_summary_from_findall_is_the_match_walk(text: str) -> None:
    assert pinyin_summary(text) == _old_pinyin_summary(text)


def test_pinyin_summary_of_pages_is_the_match_walk() -> None:
    summaries = [pinyin_summary(text) for text in _body_texts()]
    assert any(summaries)
    assert summaries == list(map(_old_pinyin_summary, _body_texts()))


def test_folded_count_of_pages_is_the_characters_folding_changes() -> None:
    texts = _body_texts()
    assert any(folded_count(text) for text in texts)
    for text in texts:
        assert folded_count(text) == sum(map(ne, text, text.translate(FOLDS)))
