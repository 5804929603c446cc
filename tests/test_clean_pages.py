"""The clean stage on whole fixture pages (tests/fixtures/pages, built by
build_pages.py): the five portals in their chrome, one page per CMS family, the spam
mirrors and the GB encodings. The parse stage reads the cleaned fragment and must get
every number of the seeds' expected JSON; the flags must say exactly what each page
was built to be."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from lxml import html

from govcrawl.clean import clean_page
from govcrawl.model import CleanResult
from govcrawl.normalize import PINYIN_RE, script_of
from govcrawl.parse import parse_clean, parse_report, tokens
from tests.seeds import expected

PAGES = Path(__file__).parent / "fixtures" / "pages"
REPORTS = Path(__file__).parent / "fixtures" / "reports"
MANIFEST: dict[str, dict[str, str]] = json.loads(
    (PAGES / "pages.json").read_text(encoding="utf-8")
)

# What each page was built to be (build_pages.py): injected spam makes it tampered;
# pinyin annotations and traditional script are flagged on their own (a mirror's
# conversion, not tampering); a host outside *.gov.cn makes it a mirror; loopback
# hosts are neutral.
TAMPERED = {
    "heyang_2020",
    "spam_keyword_line",
    "encoding_gb18030_right",
    "encoding_gb18030_wrong",
    "encoding_gb18030_missing",
}
PINYIN = {
    "mirror_traditional_pinyin",
    "mirror_toneless_pinyin",
    "encoding_gbk_right",
    "encoding_gbk_wrong",
    "encoding_gbk_missing",
}
MIRRORS = {
    "heyang_2020",
    "spam_keyword_line",
    "mirror_verbatim",
    "mirror_traditional_pinyin",
    "mirror_toneless_pinyin",
}
TRADITIONAL = {
    "mirror_traditional_pinyin",
    "mirror_toneless_pinyin",
    "encoding_gbk_right",
    "encoding_gbk_wrong",
    "encoding_gbk_missing",
}
CHROME_STRINGS = (
    "选择阅读字号",
    "阅读次数",
    "视力保护色",
    "浏览量",
    "浏览次数",
    "字体：",
    "打印本页",
    "关闭窗口",
    "【打印】",
    "分享到",
    "扫一扫",
    "网站导航",
    "网站地图",
    "网站标识码",
    "ICP备",
    "公网安备",
    "技术支持",
    "版权所有",
    "智能问答机器人",
    "很高兴为您服务",
    "关怀版",
    "无障碍",
    "所在位置",
    "当前位置",
    "上一篇",
    "相关链接",
    "繁體中文",
    "索引号",
)
SPAM_STRINGS = ("澳门", "赌场", "金沙", "菠萝视频", "买球", "¥", "￥")


@pytest.fixture(scope="module", params=sorted(MANIFEST))
def cleaned(request: pytest.FixtureRequest) -> tuple[str, CleanResult]:
    page = MANIFEST[request.param]
    body = (PAGES / page["file"]).read_bytes()
    return request.param, clean_page(
        body, url=page["url"], content_type=page["content_type"]
    )


def test_parse_reads_every_expected_number(
    cleaned: tuple[str, CleanResult], monkeypatch: pytest.MonkeyPatch
) -> None:
    """From the fragment as stored, and from the tree clean hands over, which the
    parse stage reads without parsing any HTML."""
    name, result = cleaned
    want = expected(MANIFEST[name]["seed"])
    from_fragment = parse_report(result.html, html=True)

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the clean stage's tree was parsed again")

    monkeypatch.setattr(tokens.lxml.html, "document_fromstring", refuse)
    from_tree = parse_clean(result)
    for report in (from_fragment, from_tree):
        assert (report.template, report.year) == (want["template"], want["year"])
        assert report.proactive == want["proactive"]
        assert report.requests == want["requests"]
        assert report.review_litigation == want["review_litigation"]
    assert from_tree.title == from_fragment.title
    assert from_tree.agency == from_fragment.agency


def test_flags(cleaned: tuple[str, CleanResult]) -> None:
    name, result = cleaned
    assert result.tampered is (name in TAMPERED)
    assert result.pinyin is (name in PINYIN)
    assert result.converted is (name in TRADITIONAL)
    assert result.mirror is (name in MIRRORS)
    assert result.script == ("traditional" if name in TRADITIONAL else "simplified")


def test_chrome_spam_pinyin_and_traditional_are_gone(
    cleaned: tuple[str, CleanResult],
) -> None:
    _, result = cleaned
    for text in (result.text, result.html):
        assert [s for s in CHROME_STRINGS + SPAM_STRINGS if s in text] == []
        assert PINYIN_RE.search(text) is None
    assert script_of(result.text) == "simplified"


def _cells(fragment: str) -> list[html.HtmlElement]:
    return html.fragment_fromstring(fragment, create_parent="div").xpath("//td|//th")


def _numbers(cells: list[html.HtmlElement]) -> set[float]:
    text = " ".join(cell.text_content() for cell in cells)
    return {float(number) for number in re.findall(r"\d+(?:\.\d+)?", text)}


def test_every_expected_number_is_a_table_cell(
    cleaned: tuple[str, CleanResult],
) -> None:
    name, result = cleaned
    want = expected(MANIFEST[name]["seed"])
    values = list(want["proactive"].values()) + list(want["review_litigation"].values())
    values += [v for row in want["requests"].values() for v in row.values()]
    assert {float(v) for v in values if v is not None} <= _numbers(_cells(result.html))


PORTAL_PAGES = ("panzhihua_2022", "hegang_2024", "hetian_2023")


@pytest.mark.parametrize("name", PORTAL_PAGES)
def test_tables_come_out_whole(name: str) -> None:
    """Same cells, same text, same rowspan/colspan as the report page's body."""
    page = MANIFEST[name]
    result = clean_page((PAGES / page["file"]).read_bytes(), url=page["url"])
    source = (REPORTS / f"{name}.html").read_text(encoding="utf-8")
    ours, theirs = _cells(result.html), _cells(source)
    assert [c.text_content().split() for c in ours] == [
        c.text_content().split() for c in theirs
    ]
    spans = [(c.get("rowspan"), c.get("colspan")) for c in theirs]
    assert [(c.get("rowspan"), c.get("colspan")) for c in ours] == spans
    assert any(span != (None, None) for span in spans)


def _kinds(result: CleanResult) -> dict[str, list[str]]:
    kinds: dict[str, list[str]] = {}
    for removal in result.removed:
        kinds.setdefault(removal.kind, []).append(removal.text)
    return kinds


def _clean(name: str) -> CleanResult:
    page = MANIFEST[name]
    body = (PAGES / page["file"]).read_bytes()
    return clean_page(body, url=page["url"], content_type=page["content_type"])


def test_panzhihua_header_line_goes_but_its_date_and_source_stay_in_meta() -> None:
    result = _clean("panzhihua_2022")
    header = (
        "www.panzhihua.gov.cn 发布时间:2023-01-19 来源:攀枝花市西区人民政府办公室 "
        "选择阅读字号:[ 大 中 小 ] 阅读次数:"
    )
    assert header in _kinds(result)["chrome"]
    assert result.meta["ArticleTitle"] == "攀枝花市西区2022年政府信息公开工作年度报告"
    assert result.meta["PubDate"].startswith("2023-01-19")
    assert result.meta["ContentSource"] == "攀枝花市西区人民政府办公室"
    assert result.meta["SiteIDCode"] == "5104000001"
    assert result.text.splitlines()[0] == "攀枝花市西区2022年政府信息公开工作年度报告"
    assert result.encoding == "utf-8"


def test_hegang_chatbot_and_widgets_are_recorded() -> None:
    kinds = _kinds(_clean("hegang_2024"))
    assert kinds["chatbot"] == ["hi!我是智能问答机器人小鹤", "很高兴为您服务~"]
    assert "扫一扫在手机打开当前页" in kinds["widget"]
    assert "网站导航" in kinds["navigation"]
    assert any("_jiucuo_" in text for text in kinds["widget"])
    assert any("_ideConac" in text for text in kinds["widget"])


def test_hegang_publish_time_is_kept_in_meta() -> None:
    assert _clean("hegang_2024").meta["PubDate"] == "2025-01-26 15:07"


def test_yuanjiang_index_number_table_goes_to_meta() -> None:
    result = _clean("yuanjiang_2023")
    assert result.meta["索引号"] == "4309810005/2024-00012"
    assert result.meta["发布机构"] == "沅江市城市管理和综合执法局"
    assert "字号:【大 中 小】 视力保护色: 浏览量:" in _kinds(result)["chrome"]


def test_heyang_brand_is_removed_at_each_of_its_four_places() -> None:
    result = _clean("heyang_2020")
    spam = _kinds(result)["spam"]
    assert len(spam) == 4
    assert {text.rstrip(":") for text in spam} == {"澳门特区赌场_澳门金沙游戏¥中心大厅"}
    assert (
        "首页/ 政府信息公开 / 政府信息公开年报 / 2020年 / 正文"
        in _kinds(result)["navigation"]
    )
    assert "国家和省市政务公开工作的有关法规" in result.text
    assert result.meta["成文日期"] == "2021-01-28"


def test_keyword_title_and_first_line_are_spam() -> None:
    result = _clean("spam_keyword_line")
    spam = _kinds(result)["spam"]
    assert "免费菠萝视频app下载" in spam
    assert "澳门金沙娱乐场官网_威尼斯人买球app下载" in spam
    assert "title" not in result.meta
    assert result.text.splitlines()[1] == "一、总体情况"


def test_pinyin_mirror_is_one_record_with_a_count() -> None:
    pinyin = _kinds(_clean("mirror_toneless_pinyin"))["pinyin"]
    assert len(pinyin) == 1
    assert re.match(r"\d+ pinyin annotations, e\.g\. ", pinyin[0])
    assert "公(gong)(gong)" in pinyin[0]


@pytest.mark.parametrize(
    ("name", "encoding"),
    [
        (f"encoding_{encoding}_{label}", encoding)
        for encoding in ("gb2312", "gbk", "gb18030")
        for label in ("right", "wrong", "missing")
    ],
)
def test_gb_pages_decode_whatever_they_declare(name: str, encoding: str) -> None:
    body = (PAGES / MANIFEST[name]["file"]).read_bytes()
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    result = _clean(name)
    assert result.encoding == "gb18030"
    assert body.decode(encoding).count("政府信息公") > 3
    assert "政府信息公开" in result.text and "\ufffd" not in result.text
