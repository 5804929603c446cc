"""The clean stage on the five reference reports as text (the seeds carry page chrome
as whole lines): the parse stage reads the cleaned text and gets every expected
number; chrome, spam and pinyin go, each with a record."""

from __future__ import annotations

import pytest

from govcrawl.clean import clean_text
from govcrawl.model import CleanResult
from govcrawl.parse import parse_report
from tests.seeds import SEED_NAMES, expected, seed_path

PANZHIHUA, YUANJIANG, HEYANG, HEGANG, HETIAN = SEED_NAMES


def _clean(name: str) -> CleanResult:
    return clean_text(seed_path(name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", SEED_NAMES)
def test_parse_reads_every_expected_number(name: str) -> None:
    report = parse_report(_clean(name).text)
    want = expected(name)
    assert (report.template, report.year) == (want["template"], want["year"])
    assert report.proactive == want["proactive"]
    assert report.requests == want["requests"]
    assert report.review_litigation == want["review_litigation"]


# Yuanjiang (seed 001) is a traditional copy with pinyin and no spam: converted and
# annotated, not tampered; Heyang (seed 002) carries an injected brand.
@pytest.mark.parametrize(
    ("name", "tampered", "pinyin", "script"),
    [
        (PANZHIHUA, False, False, "simplified"),
        (YUANJIANG, False, True, "traditional"),
        (HEYANG, True, False, "simplified"),
        (HEGANG, False, False, "simplified"),
        (HETIAN, False, False, "simplified"),
    ],
)
def test_flags(name: str, tampered: bool, pinyin: bool, script: str) -> None:
    result = _clean(name)
    flags = (result.tampered, result.pinyin, result.converted, result.mirror)
    assert flags == (tampered, pinyin, script == "traditional", False)
    assert result.script == script


def test_panzhihua_header_line_is_chrome_and_its_facts_are_meta() -> None:
    result = _clean(PANZHIHUA)
    assert [(r.kind, r.text) for r in result.removed] == [
        (
            "chrome",
            "www.panzhihua.gov.cn 发布时间:2023-01-19 来源:攀枝花市西区人民政府办公室 "
            "选择阅读字号:[ 大 中 小 ] 阅读次数:",
        )
    ]
    assert result.meta == {
        "PubDate": "2023-01-19",
        "ContentSource": "攀枝花市西区人民政府办公室",
    }
    assert result.text.splitlines()[:2] == [
        "攀枝花市西区2022年政府信息公开工作年度报告",
        "一、总体情况",
    ]


def test_hegang_ends_with_the_report_not_its_chrome() -> None:
    result = _clean(HEGANG)
    assert [(r.kind, r.text) for r in result.removed] == [
        ("widget", "扫一扫在手机打开当前页"),
        ("navigation", "网站导航"),
        ("chatbot", "hi!我是智能问答机器人小鹤"),
        ("chatbot", "很高兴为您服务~"),
    ]
    assert result.text.endswith("六、其他需要报告的事项\n\n无。")
    assert "2025-01-26 15:07" in result.text


def test_heyang_brand_goes_from_each_sentence() -> None:
    result = _clean(HEYANG)
    assert [r.kind for r in result.removed] == ["spam"] * 4
    assert "澳门" not in result.text and "¥" not in result.text
    assert "制定印发了《合阳县人民政府违反政府信息公开工作规定责任追究暂行办法》" in (
        result.text
    )


def test_yuanjiang_pinyin_and_script_are_one_record_each() -> None:
    result = _clean(YUANJIANG)
    assert [r.kind for r in result.removed] == ["pinyin", "traditional"]
    assert result.removed[0].text.startswith("93 pinyin annotations, e.g. 執(zhí)")
    assert result.removed[1].text.endswith("converted to simplified (OpenCC t2s)")
    assert result.text.startswith("2023年城管执法局政府信息公开工作年度报告\n")
    assert "现行有效件数" in result.text


def test_hetian_has_nothing_to_remove() -> None:
    result = _clean(HETIAN)
    assert result.removed == []
    assert result.text == seed_path(HETIAN).read_text(encoding="utf-8").rstrip()
