"""The body's organ patterns and the claims' T1 pattern, read at their anchors
(parse.metadata.anchored), find
what pattern.finditer finds over the whole text: on every real and fixture text and
page, and on generated texts built of the patterns' own words."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govcrawl import claims
from govcrawl.markup import text_of
from govcrawl.parse.metadata import agency

TESTS = Path(__file__).parent
TEXTS = sorted(
    [*(TESTS / "real").glob("**/*.txt"), *(TESTS / "fixtures").glob("**/*.txt")]
)
PAGES = sorted(
    path
    for base in ("fixtures", "real")
    for path in (TESTS / base).rglob("*")
    if path.suffix in {".html", ".htm"}
)
READERS: list[tuple[re.Pattern[str], Callable[[str], list[re.Match[str]]]]] = [
    (agency._NAMED_BY_SUBJECT, agency._named_matches),
    (agency._SUBJECT, agency._subject_matches),
    (agency._WEBSITE, agency._website_matches),
    (
        claims._REQUESTS,
        lambda text: list(
            claims._matches(claims._REQUESTS, text, claims.CLAIM_CHECKS[0].opens)
        ),
    ),
]
WORDS = st.sampled_from(
    [
        *("，", "。", "；", ",", " ", "\n", "\u3000", "、", "(", "（", "《", "x"),
        *("2023年", "2021 年度", "1999", "20", "年", "度", "本报告", "本年度报告"),
        *("年度报告", "年报", "形成了", "编制", "政府信息公开", "政务公开", "公开"),
        *("乐山市", "人民政府", "旅游局", "办公室", "管委会", "街道", "以来,", "坚持"),
        *("截至", "截止到", "到", "在", "通过", "登录", "门户", "网站", "子"),
        *("http://", "www", "现将", "，" * 3, "字" * 38),
        *(
            "。2022年以来，乐山市人民政府坚持",
            "在乐山市人民政府门户网站",
            "乐山市旅游局",
        ),
        *("共收到", "全年受理", "累计办理", "申请", "12件", "共", "全年", "累计"),
        *("乐山市旅游局2023年年报", "、乐山市办公室（www", "截止到2021年12月底"),
    ]
)


def _check(text: str) -> None:
    for pattern, read in READERS:
        before = [match.span() for match in pattern.finditer(text)]
        assert [match.span() for match in read(text)] == before, pattern.pattern


def test_the_texts_are_there() -> None:
    assert len(TEXTS) > 150 and len(PAGES) > 25


def test_organ_patterns_read_every_text_as_before() -> None:
    for path in TEXTS:
        text = path.read_text(encoding="utf-8", errors="replace")
        _check(agency._START + text[: agency.OPENING * 2])
        _check(text)


def test_organ_patterns_read_every_page_as_before() -> None:
    import lxml.html

    for path in PAGES:
        text = text_of(lxml.html.fromstring(path.read_bytes()))
        _check(agency._START + text[: agency.OPENING * 2])


@pytest.mark.e2e
@settings(max_examples=400)
@given(st.lists(WORDS, max_size=60).map("".join))
def test_organ_patterns_read_generated_texts_as_before(text: str) -> None:
    _check(text)
    _check(agency._START + text)
