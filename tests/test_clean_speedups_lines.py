"""The clean stage's line-level speed-ups change no result: each shortcut is checked
against the slow path it replaced (the code before it, written out here)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govcrawl.clean import boilerplate
from govcrawl.clean.boilerplate import chrome_kind, may_be_chrome
from govcrawl.decode import decode_body
from govcrawl.normalize import match_key

FIXTURES = Path(__file__).parent / "fixtures"
REAL = Path(__file__).parent / "real"
PAGES = sorted([*FIXTURES.glob("**/*.html"), *FIXTURES.glob("**/*.txt")])
PAGES += sorted([*REAL.glob("**/*.html"), *REAL.glob("**/*.txt")])
OLD_ANY_MARKER = re.compile(
    "|".join(f"(?:{pattern})" for _, pattern in boilerplate._MARKERS), re.I
)


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


@pytest.mark.parametrize(
    "pattern",
    [pattern for _, pattern in boilerplate._COMPILED],
    ids=[f"marker{index}" for index in range(len(boilerplate._COMPILED))],
)
@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_every_marker_match_holds_an_anchor(
    pattern: re.Pattern[str], data: st.DataObject
) -> None:
    text = data.draw(st.from_regex(pattern))
    assert pattern.search(text)
    assert may_be_chrome(text)
