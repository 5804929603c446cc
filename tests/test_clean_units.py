"""Unit tests of the clean stage's judgements on single lines and strings: which
lines are chrome (and what metadata they carry), which strings are spam, which hosts
are mirrors."""

from __future__ import annotations

import pytest

from govcrawl.clean.boilerplate import chrome_kind, line_meta
from govcrawl.clean.tamper import find_brands, is_mirror, is_spam_line, remove_brands
from govcrawl.normalize import folded, match_key

# Chrome as spec/portals.md §3 quotes it from real pages, with the expected kind.
CHROME = (
    (
        "www.panzhihua.gov.cn 发布时间:2023-01-19 来源:攀枝花市西区人民政府办公室 "
        "选择阅读字号:[ 大 中 小 ] 阅读次数:",
        "chrome",
    ),
    ("字号:【 视力保护色: 浏览量:", "chrome"),
    ("来源: 发布日期: 浏览次数: 字体:【大 中 小】", "chrome"),
    ("【字体：大 中 小】", "chrome"),
    ("点击率:【 打印 】【 关闭 】", "chrome"),
    ("【打印本页】【关闭窗口】", "chrome"),
    ("分享到: 关闭 分享到微信", "chrome"),
    ("访问量:1024", "chrome"),
    ("扫一扫在手机打开当前页", "widget"),
    ("关怀版 无障碍", "widget"),
    ("简体中文 | 繁體中文", "widget"),
    ("您当前所在位置: 首页 > 政府信息公开 > 年报", "navigation"),
    ("首页 > 政务公开 > 正文", "navigation"),
    ("首页/ 政府信息公开 / 政府信息公开年报 / 部门信息公开年报 / 正文", "navigation"),
    ("网站导航", "navigation"),
    ("网站地图 | 网站声明 | 联系我们", "navigation"),
    ("上一篇：攀枝花市西区2021年政府信息公开工作年度报告", "navigation"),
    ("相关链接", "navigation"),
    ("网站标识码：5104000001", "footer"),
    ("蜀ICP备05001234号", "footer"),
    ("川公网安备 51040202000001号", "footer"),
    ("主办：攀枝花市西区人民政府办公室 承办：攀枝花市西区大数据中心", "footer"),
    ("技术支持：某网络公司", "footer"),
    ("hi!我是智能问答机器人小鹤", "chatbot"),
    ("很高兴为您服务~", "chatbot"),
    # Real pages in tests/real/clean and issue 12: traditional, annotated, site bars.
    ("累計(jì)次數(shù):", "chrome"),
    ("字體:[ ]", "chrome"),
    ("發(fā)布日期:2018-05-01 瀏覽次數(shù):", "chrome"),
    ("• 字号:", "chrome"),
    ("发布日期: 2024-01-16 访问次数:", "chrome"),
    ("公務(wù)安全郵箱登錄 | 政務(wù)服務(wù)門戶登錄 |", "widget"),
    ("站群导航", "widget"),
    ("登录| 注册", "widget"),
    ("长者版 无障碍阅读", "widget"),
    ("按回车键在新窗口打开无障碍说明页面,按Ctrl+~键打开导盲模式。", "widget"),
    (
        "聯(lián)盟導(dǎo)讀您現(xiàn)在的位置:首 頁(yè) -- 聯(lián)盟導(dǎo)讀",
        "navigation",
    ),
    ("> 政务公开 > 乡镇街道 > 下各镇 > 政府信息公开年报", "navigation"),
    ("点击查看解读", "navigation"),
    ("今天是:", "widget"),
    ("中央政府门户网站 ----年--月-日 星期-", "widget"),
    ("字体大小:A+ A A- 分享: 打印", "chrome"),
    ("字号 :  | ", "chrome"),
    ("您当前的位置:首页", "navigation"),
    ("当前位置 > 张家港市教育局 > 政府信息公开年报", "navigation"),
    (
        "首页 政务资讯 政务公开 政府领导 五通桥区情 部门乡镇 政民互动 办事服务",
        "navigation",
    ),
)

# Report lines that mention chrome words but are prose, headings or table rows.
REPORT_LINES = (
    "全年政府网站浏览量:120万次,较上年增长15%。",
    "(四)政府信息公开平台建设",
    "加强网站无障碍改造,提升适老化水平。",
    "由县政府办公室主办的政务公开日活动吸引群众参与。",
    "一、本年新收政府信息公开申请数量 | 4 | 0 | 0 | 0 | 1 | 0 | 5",
    "行政许可 | 266 | 增77 | 1038",
    "2022年,全区未收到依申请公开信件。",
    "截至年底,网站累计访问次数达120万次。",
    "配备“粤智助”机、计算机、打印机等设备,方便群众自助打印。",
    "來源:區城管局 時間:2026-01-27 10:55",
    "更新时间:2024-01-16 发布时间: |  来源:区卫健办",
    "本报告数据统计期限为2024年1月1日至2024年12月31日",
)


@pytest.mark.parametrize(("line", "kind"), CHROME)
def test_chrome_lines_are_recognised_with_their_kind(line: str, kind: str) -> None:
    assert chrome_kind(line) == kind


@pytest.mark.parametrize("line", REPORT_LINES)
def test_report_lines_are_not_chrome(line: str) -> None:
    assert chrome_kind(line) is None


def test_header_line_metadata() -> None:
    assert line_meta(CHROME[0][0]) == {
        "PubDate": "2023-01-19",
        "ContentSource": "攀枝花市西区人民政府办公室",
    }
    assert line_meta("来源: 发布日期: 浏览次数:") == {}
    assert line_meta(
        "索引号： | 4303000006/2024-1272047 | 发布机构： | 湘潭县城管局"
    ) == {
        "索引号": "4303000006/2024-1272047",
        "发布机构": "湘潭县城管局",
    }
    assert line_meta("2025-01-26 15:07") == {"PubDate": "2025-01-26 15:07"}


SEED_002_SENTENCE = (
    "负责贯彻落实国家和省市澳门特区赌场_澳门金沙游戏¥中心大厅:政务公开工作的有关法规"
)


def test_brand_string_is_found_and_removed_with_its_colon() -> None:
    brands = find_brands(SEED_002_SENTENCE)
    assert brands == ["澳门特区赌场_澳门金沙游戏¥中心大厅"]
    text, removed = remove_brands(SEED_002_SENTENCE, brands)
    assert text == "负责贯彻落实国家和省市政务公开工作的有关法规"
    assert removed == ["澳门特区赌场_澳门金沙游戏¥中心大厅:"]


def test_overreaching_brand_is_cut_back_to_the_repeated_one() -> None:
    text = (
        "围绕《澳门特区赌场_澳门金沙游戏¥中心大厅办公室澳门特区赌场_澳门金沙游戏¥"
        "中心大厅:开展政务新媒体摸底统计工作的通知》"
    )
    cleaned, removed = remove_brands(text, find_brands(text))
    assert cleaned == "围绕《办公室开展政务新媒体摸底统计工作的通知》"
    assert len(removed) == 2


@pytest.mark.parametrize(
    ("text", "cleaned", "removed"),
    [
        # bjjpgj.com: the organ replaced by a traditional casino name.
        (
            "美高梅娛樂城办公厅2022年政府信息公开工作年度报告",
            "办公厅2022年政府信息公开工作年度报告",
            ["美高梅娛樂城"],
        ),
        # he18tv.com: two brands joined by a comma, in place of a county.
        (
            "请与澳门特区赌场,澳门博彩业网址交通运输局联系",
            "请与交通运输局联系",
            ["澳门特区赌场,澳门博彩业网址"],
        ),
        # list-casino.com and dustudy.com.
        ("市政府澳門賭場推薦办公室", "市政府办公室", ["澳門賭場推薦"]),
        (
            "本报告的电子版可以在UedBet体育人民政府网站下载",
            "本报告的电子版可以在人民政府网站下载",
            ["UedBet体育"],
        ),
        # Spam-branded titles in tests/real/titles.
        (
            "365bet网上娱乐_365BETAPP官网_365体育平台网址人民政府合作交流办公室",
            "人民政府合作交流办公室",
            ["365bet网上娱乐_365BETAPP官网_365体育平台网址"],
        ),
        (
            "188博金宝app_188博金宝体育@关于印发2020年政务公开工作要点的通知",
            "关于印发2020年政务公开工作要点的通知",
            ["188博金宝app_188博金宝体育@"],
        ),
        (
            "国务院办公厅比分直播,篮球比分直播印发2015年政府信息公开工作要点的通知",
            "国务院办公厅印发2015年政府信息公开工作要点的通知",
            ["比分直播,篮球比分直播"],
        ),
        # The cut is the span as printed, annotations included.
        (
            "現將澳(ào)門(mén)賭(dǔ)場(chǎng)辦公室",
            "現將辦公室",
            ["澳(ào)門(mén)賭(dǔ)場(chǎng)"],
        ),
    ],
)
def test_brands_without_joiners_are_cut_as_printed(
    text: str, cleaned: str, removed: list[str]
) -> None:
    assert remove_brands(text, find_brands(text)) == (cleaned, removed)


def test_the_folded_view_maps_back_to_the_printed_text() -> None:
    text = "公務(wù)安全和(he)(he)國"
    view = folded(text)
    assert view.text == match_key(text) == "公务安全和国"
    assert text[slice(*view.span(0, 2))] == "公務(wù)"
    assert text[slice(*view.span(4, 6))] == "和(he)(he)國"
    assert folded("浏览次数").span(1, 3) == (1, 3)


@pytest.mark.parametrize(
    "text",
    [
        "加强全民健身和体育场馆建设,丰富群众文化娱乐生活。",
        "依法查处地下赌场3处,打击赌博违法活动。",
        "体育彩票公益金使用情况",
        "十堰市郧阳区金沙路13号",
        "详见 www.tibet.gov.cn 体育彩票投注站管理办法",
        "推进政务新媒体视频号建设,发布视频548条。",
        "金沙县人民政府2023年政府信息公开工作年度报告",
        "附件:年报_2023.pdf",
    ],
)
def test_ordinary_words_from_the_lexicon_are_not_spam(text: str) -> None:
    assert find_brands(text) == []
    assert not is_spam_line(text)


@pytest.mark.parametrize(
    "line",
    [
        "免费菠萝视频app下载",
        "澳门金沙娱乐场官网_威尼斯人买球app下载",
        "欧洲杯决赛竞猜_2024欧洲杯买球平台-线上app官网",
    ],
)
def test_keyword_lines_are_spam(line: str) -> None:
    assert is_spam_line(line)


@pytest.mark.parametrize(
    ("url", "mirror"),
    [
        (
            "http://www.pzhsxq.gov.cn/zfxxgk/zfxxgknb/xq/xqxxgkgzndbg/4372216.shtml",
            False,
        ),
        ("https://www.gov.cn/zhengce/content/2021-09/29/content_5640156.htm", False),
        ("https://poiraudeau.com/zfxxgk/zfxxgknb/xq/xqxxgkgzndbg/4372216.shtml", True),
        (
            "http://zwfw.ppfh.org/zfxxgk/zfxxgknb/2020n/xsp/1628950158324563970.html",
            True,
        ),
        ("http://127.0.0.1:8765/zfxxgk/zfxxgknb/4372216.shtml", False),
        ("http://localhost/zfxxgk/4372216.shtml", False),
        (None, False),
    ],
)
def test_mirror_hosts(url: str | None, mirror: bool) -> None:
    assert is_mirror(url) is mirror


def test_fragment_drops_attribute_names_lxml_reads_as_namespaces():
    from lxml import html as lxml_html

    from govcrawl.clean.render import fragment

    element = lxml_html.fromstring('<div><td {x="1" rowspan="2">7</td></div>')
    assert fragment(element) == '<div><td rowspan="2">7</td></div>'


def test_lossy_decode_is_recorded():
    from govcrawl.clean import clean_page

    body = "<html><body><p>政府信息公开</p></body></html>".encode("gb18030")
    broken = body.replace("信".encode("gb18030"), b"\x81\x20")
    result = clean_page(broken)
    assert [r.kind for r in result.removed if r.kind == "encoding"] == ["encoding"]
    assert all(r.kind != "encoding" for r in clean_page(body).removed)
