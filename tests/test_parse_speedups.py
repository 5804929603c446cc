"""The parse and validate stages' speed-ups change no result: each shortcut is checked
against the slow path it replaced (the code before it, written out here), on every
real and fixture text and on generated ones."""

from __future__ import annotations

import re
from copy import deepcopy
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govcrawl.model import Report
from govcrawl.normalize import CJK, to_simplified
from govcrawl.opencc_tables import t2s_phrases
from govcrawl.parse.metadata import agency, script
from govcrawl.parse.metadata.organ import ORGAN_END
from govcrawl.validate import validate

TESTS = Path(__file__).parent
TEXTS = sorted(
    [*(TESTS / "real").glob("**/*.txt"), *(TESTS / "fixtures").glob("**/*.txt")]
)
_ORGAN = rf"[{CJK}]{{2,40}}?{ORGAN_END}"
_YEAR = r"(?:(?:19|20)\d{2}\s*年?度?)"
# The three patterns as they were, opening on `^|[…]` and on an optional word.
BEFORE = {
    "_NAMED_BY_SUBJECT": re.compile(
        rf"(?:^|[，。；,;\s])({_ORGAN})\s*(?:{_YEAR}\s*(?:年报|年度报告)|本(?:年度)?报告"
        rf"|(?:形成|编制|制定|发布|公布)了?《{_YEAR}?(?:政府)?(?:信息|政务)公开)"
    ),
    "_SUBJECT": re.compile(
        rf"(?:^|[。！？?\s])(?:截至|截止到?|到)?{_YEAR}(?:\d{{1,2}}月(?:\d{{1,2}}日)?底?)?"
        rf"(?:以来|来|全年)?\s*[,，]*\s*({_ORGAN})"
        r"(?:坚持|认真|严格|深入|全面|按照|紧紧|紧扣|以|在|持续|始终|进一步|围绕|切实|结合"
        r"|积极|着力|高度|不断|扎实|继续|聚焦|依法|立足|对照|主动|通过|门户网站|网站)"
    ),
    "_REPORT_NAME": re.compile(
        r"(?:政府)?(?:信息|政务)公开(?:工作)?(?:年度)?(?:工作)?(?:情况)?的?"
        r"(?:年度报告|年报|报告)(?!格式|编制|制度|有关|的通知)"
    ),
}
PIECES = st.sampled_from(
    [
        "，",
        "。",
        " ",
        "\n",
        "\u3000",
        "2023年",
        "2021 年度",
        "本报告",
        "本年度报告",
        "年度报告",
        "年报",
        "形成了《",
        "政府信息公开",
        "政务公开工作",
        "乐山市",
        "人民政府",
        "旅游局",
        "办公室",
        "管委会",
        "以来,",
        "坚持",
        "现将",
        "x",
    ]
)
GENERATED = st.lists(PIECES, max_size=30).map("".join)


def _texts() -> list[str]:
    return [path.read_text(encoding="utf-8", errors="replace") for path in TEXTS]


def _groups(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [found.span() for found in pattern.finditer(text)]


def _check_rewritten(text: str) -> None:
    shifted = agency._START + text
    for name in ("_NAMED_BY_SUBJECT", "_SUBJECT"):
        now = [found.group(1) for found in getattr(agency, name).finditer(shifted)]
        assert now == [found.group(1) for found in BEFORE[name].finditer(text)], name
    report_name = BEFORE["_REPORT_NAME"]
    assert _groups(agency._REPORT_NAME, text) == _groups(report_name, text)


def test_the_texts_are_there() -> None:
    assert len(TEXTS) > 150


def test_organ_patterns_read_the_real_texts_as_before() -> None:
    for text in _texts():
        _check_rewritten(text[: agency.OPENING])


@pytest.mark.e2e
@given(GENERATED)
def test_organ_patterns_read_generated_texts_as_before(text: str) -> None:
    _check_rewritten(text)


def _report(requests: dict[str, dict[str, int | None]]) -> Report:
    report = Report(source="t")
    report.requests = deepcopy(requests)
    return report


ROW = {"natural_person": 2, "commercial": 1, "research": 0, "social_welfare": 0}
ROW |= {"legal_service": 0, "other_org": 0, "total": 3}


@pytest.mark.parametrize(
    ("cells", "ok"), [({}, True), ({"total": 4}, False), ({"research": None}, True)]
)
def test_row_sums_read_as_before(cells: dict[str, int | None], ok: bool) -> None:
    """B3 holds when every cell is printed and adds up (the values alone decide it),
    and reads its terms as before when a cell is blank or the sum fails."""
    row = ROW | cells
    (b3,) = [c for c in validate(_report({"new_requests": row})) if c.id == "B3"]
    assert b3.ok is ok
    if row["research"] is None:
        assert b3.message == (
            "B3: holds in lenient mode (blank cells read as 0: new_requests.research)"
        )
    elif not ok:
        assert b3.cells[0] == "requests.new_requests.total"
        assert "new_requests.total is 4 but its parts sum to 3" in b3.message
    else:
        assert b3.message == "B3: holds in strict mode"


def test_bad_counts_are_named_as_before() -> None:
    """B7 reads the counts' types and least value first; a negative count in table
    三 or 四 is still named by its path, table 三's first."""
    report = _report({"new_requests": ROW | {"research": -1}})
    report.review_litigation = {"review_upheld": 0, "review_total": -2}
    (b7,) = [check for check in validate(report) if check.id == "B7"]
    assert not b7.ok
    assert b7.cells == [
        "requests.new_requests.research",
        "review_litigation.review_total",
    ]
    assert b7.failures == [
        "requests.new_requests.research is -1, not a whole number >= 0",
        "review_litigation.review_total is -2, not a whole number >= 0",
    ]


def test_whole_counts_pass_b7() -> None:
    report = _report({"new_requests": ROW | {"research": None}})
    report.review_litigation = {"review_upheld": 0, "review_total": 0}
    (b7,) = [check for check in validate(report) if check.id == "B7"]
    assert b7.ok and b7.message == "B7: every count is a whole number >= 0"


PHRASE_KEYS = t2s_phrases().pattern.split("|")
# Mostly plain traditional words, so that a window often holds no phrase key, with a
# few phrases (opencc's matcher is slow: each example takes a tenth of a second).
WORDS = ["政府資訊公開", "報告", "機關", "縣", "檔案", "，", "。", "2021年", "x"]
TRADITIONAL = st.lists(
    st.sampled_from([*WORDS, *WORDS, *PHRASE_KEYS[:6]]), min_size=150, max_size=300
).map("".join)


def _check_title_start(chars: str) -> None:
    converted = script._simplified(chars)
    for start in (0, 470, 500, 511, 2040, len(converted) - 9):
        key = converted[max(start, 0) : max(start, 0) + 12]
        if key:
            assert script._title_start(chars, key) == converted.find(key), start


def test_title_found_in_the_converted_start_as_in_the_whole() -> None:
    """printed_title converts a page's start before all of it: the title's place is
    the one the whole page's conversion gives, on every real text."""
    for text in _texts():
        _check_title_start("".join(text.split()))


@pytest.mark.e2e
@settings(deadline=None, max_examples=15)
@given(TRADITIONAL)
def test_title_found_in_generated_traditional_text_as_in_the_whole(text: str) -> None:
    _check_title_start(text)


def test_a_phrase_across_the_window_end_is_read_whole() -> None:
    """A phrase whose first character converts otherwise alone (乾坤 stays 乾坤, 乾
    alone is 干): across the window's end it must not read as that character."""
    phrase = next(
        key
        for key in PHRASE_KEYS
        if to_simplified(key)[0] != to_simplified(key[0])
        and len(to_simplified(key)) == len(key)
    )
    alone = to_simplified(phrase[0])
    chars = "x" * (script._WINDOW - 1) + phrase + "，" + alone + "y"
    assert script._simplified(chars).find(alone) == script._WINDOW + len(phrase)
    assert script._title_start(chars, alone) == script._WINDOW + len(phrase)
