"""The parser never raises: shuffled, truncated and garbled reports give findings."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govcrawl.parse import parse_report
from govcrawl.validate import validate
from tests.seeds import SEED_NAMES, seed_path

SEED_TEXTS = [seed_path(name).read_text(encoding="utf-8") for name in SEED_NAMES]
RELAXED = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def _parse_and_validate(text: str, html: bool | None = None) -> None:
    report = parse_report(text, source="fuzz", html=html)
    checks = validate(report)
    assert [check.id for check in checks] == [f"B{n}" for n in range(1, 8)]


@RELAXED
@given(st.sampled_from(SEED_TEXTS), st.randoms(use_true_random=False))
def test_shuffled_lines(text, random):
    lines = text.splitlines()
    random.shuffle(lines)
    _parse_and_validate("\n".join(lines))


@RELAXED
@given(st.sampled_from(SEED_TEXTS), st.floats(min_value=0, max_value=1))
def test_truncated(text, share):
    _parse_and_validate(text[: int(len(text) * share)])


@RELAXED
@given(
    st.sampled_from(SEED_TEXTS),
    st.lists(st.tuples(st.integers(0, 10**6), st.text(max_size=5)), max_size=30),
)
def test_garbled(text, edits):
    chars = list(text)
    for position, replacement in edits:
        chars[position % len(chars)] = replacement
    _parse_and_validate("".join(chars))


@RELAXED
@given(
    st.text(
        alphabet='<>/tdrabl ="|一二三四五六0123456789（）()、.\n第条项总计',
        max_size=400,
    )
)
def test_tag_soup(text):
    _parse_and_validate(text, html=True)
    _parse_and_validate(text, html=False)
