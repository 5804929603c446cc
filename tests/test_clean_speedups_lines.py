"""The clean stage's line-level speed-ups change no result: each shortcut is checked
against the slow path it replaced (the code before it, written out here)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from govcrawl.clean import boilerplate, brands
from govcrawl.clean.boilerplate import chrome_kind, may_be_chrome
from govcrawl.decode import decode_body
from govcrawl.normalize import match_key

FIXTURES = Path(__file__).parent / "fixtures"
REAL = Path(__file__).parent / "real"
PAGES = sorted([*FIXTURES.glob("**/*.html"), *FIXTURES.glob("**/*.txt")])
PAGES += sorted([*REAL.glob("**/*.html"), *REAL.glob("**/*.txt")])
OLD_ANY_MARKER = re.compile(
    "|".join(f"(?:{pattern})" for _, pattern in boilerplate._MARKERS)
)
MARKERS = [re.compile(pattern) for _, pattern in boilerplate._MARKERS]


def _old_chrome_kind(line: str) -> str | None:
    """chrome_kind before: the union of the markers searched first."""
    if "。" in line and "障" not in line and "盲" not in line:
        return None
    text = boilerplate.squash_spaces(line)
    if not text or len(text) > 600:
        return None
    text = match_key(text)
    if len(text) > 200 or ("。" in text and not boilerplate._NOTICE.search(text)):
        return None
    if not OLD_ANY_MARKER.search(text):
        return None
    for kind, pattern in boilerplate._COMPILED:
        if pattern.search(text):
            return kind
    return None


def _page_lines() -> list[str]:
    lines: list[str] = []
    for path in PAGES:
        text = decode_body(path.read_bytes()).text
        lines += re.split(r"<[^>]*>|\n", text)
    return [line for line in lines if line.strip()]


def test_chrome_of_every_fixture_line_is_told_as_before() -> None:
    for line in _page_lines():
        assert chrome_kind(line) == _old_chrome_kind(line), line


# Generated input, a few thousand examples: with the fuzz harnesses in the e2e tier
# (the fixture lines above keep the fast tier's check).
@pytest.mark.e2e
@pytest.mark.parametrize(
    "pattern",
    MARKERS,
    ids=[f"marker{index}" for index in range(len(MARKERS))],
)
@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_every_marker_match_holds_an_anchor(
    pattern: re.Pattern[str], data: st.DataObject
) -> None:
    text = data.draw(st.from_regex(pattern))
    assert pattern.search(text)
    assert may_be_chrome(text)


# Digits, Latin names in both cases, letters that lower() lengthens or that case-fold
# specially, brand words, hints without a brand, joiners and white space.
BRAND_TEXTS = st.lists(
    st.sampled_from(
        [
            *"0123456789٣bBeEtTuUdDaApPİıſK_¥|-,、 \n",
            *("bet", "BET", "uedbet", "beat365", "app", "澳门", "金沙", "香港", "特区"),
            *("赌场", "美高梅", "娱乐城", "足球", "比分直播", "在哪投注", "五大联赛"),
            *("官网", "体育", "平台", "网址", "在", "五"),
        ]
    ),
    max_size=50,
).map("".join)


@pytest.mark.e2e
@settings(max_examples=500, deadline=None)
@given(
    st.one_of(
        BRAND_TEXTS,
        st.from_regex(re.compile(brands._BRAND_RE.pattern, re.I)),
        st.text(),
    )
)
# The farthest a brand's first hint lies into it: 6 + 6 digits before `bet`.
@example("文123456789012bet官网")
@example("文123456世界杯在哪投注")
def test_brands_near_hints_are_the_brands_a_scan_finds(view: str) -> None:
    assert brands.named_brands(view) == brands._BRAND_RE.findall(view)


def test_brands_near_hints_on_pages_are_the_brands_a_scan_finds() -> None:
    for path in PAGES:
        view = match_key(decode_body(path.read_bytes()).text)
        assert brands.named_brands(view) == brands._BRAND_RE.findall(view)
