"""The parser never raises and keeps its invariants on shuffled, truncated and garbled
reports (tests/invariants.py: the seven checks, a flag for every blank cell, a finding
for every empty table), and a garbled prose line leaves every table as printed.
Generated input: the e2e tier, with the other fuzz harnesses."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govcrawl.parse import parse_report
from govcrawl.validate import validate
from tests.invariants import problems
from tests.seeds import SEED_NAMES, expected, seed_path

pytestmark = pytest.mark.e2e

SEED_TEXTS = [seed_path(name).read_text(encoding="utf-8") for name in SEED_NAMES]
RELAXED = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
TABLES = ("proactive", "requests", "review_litigation")


def assert_invariants(text: str, html: bool | None = None) -> None:
    report = parse_report(text, source="fuzz", html=html)
    validate(report)
    assert problems(report) == {}


@RELAXED
@given(st.sampled_from(SEED_TEXTS), st.randoms(use_true_random=False))
def test_shuffled_lines(text, random):
    lines = text.splitlines()
    random.shuffle(lines)
    assert_invariants("\n".join(lines))


@RELAXED
@given(st.sampled_from(SEED_TEXTS), st.floats(min_value=0, max_value=1))
def test_truncated(text, share):
    assert_invariants(text[: int(len(text) * share)])


@RELAXED
@given(
    st.sampled_from(SEED_TEXTS),
    st.lists(st.tuples(st.integers(0, 10**6), st.text(max_size=5)), max_size=30),
)
def test_garbled(text, edits):
    chars = list(text)
    for position, replacement in edits:
        chars[position % len(chars)] = replacement
    assert_invariants("".join(chars))


@RELAXED
@given(
    st.text(
        alphabet='<>/tdrabl ="|一二三四五六0123456789（）()、.\n第条项总计',
        max_size=400,
    )
)
def test_tag_soup(text):
    assert_invariants(text, html=True)
    assert_invariants(text, html=False)


def overview_lines(lines: list[str]) -> list[int]:
    """The paragraphs of section 一 (总体情况), between its heading and section 二's."""
    start = next(i for i, line in enumerate(lines) if line.startswith("一、"))
    end = next(i for i, line in enumerate(lines) if line.startswith("二、"))
    return [i for i in range(start + 1, end) if len(line := lines[i]) > 30 and line]


# Prose garbage: digits, separators, brackets, words of the tables' labels.
GARBLE = st.text(
    alphabet="0123456789 |\t（）()、一二三总计申请办理公开件年x", min_size=1, max_size=4
)


@RELAXED
@given(
    st.sampled_from(SEED_NAMES),
    st.integers(0, 10**6),
    st.lists(st.tuples(st.integers(0, 10**6), GARBLE), min_size=1, max_size=10),
)
def test_garbled_prose_line_leaves_the_tables_as_printed(name, line, edits):
    lines = seed_path(name).read_text(encoding="utf-8").splitlines()
    prose = overview_lines(lines)
    at = prose[line % len(prose)]
    chars = list(lines[at])
    for position, replacement in edits:
        chars[position % len(chars)] = replacement
    lines[at] = "".join(chars)
    # A garbled line that reads as a table heading is no longer prose.
    if re.match(r"[一二三四五六七]、", lines[at]):
        lines[at] = "。" + lines[at]
    report = parse_report("\n".join(lines), source=name)
    want = expected(name)
    assert {t: getattr(report, t) for t in TABLES} == {t: want[t] for t in TABLES}
