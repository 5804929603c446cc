"""The clean stage on small inline pages: which element holds the report, how tables
render, what happens to titles, attachments, Word markup, binary and empty input."""

from __future__ import annotations

import pytest
from lxml import html

from govcrawl.clean import clean_page, clean_text
from govcrawl.clean.extract import find_content
from govcrawl.clean.render import element_lines, fragment
from govcrawl.markup import looks_like_html


def _page(body: str) -> html.HtmlElement:
    return html.document_fromstring(f"<html><body>{body}</body></html>").body


REPORT_P = "<p>" + "二〇二三年政府信息公开工作年度报告正文。" * 8 + "</p>"


@pytest.mark.parametrize(
    ("wrapper", "selector"),
    [
        ('<div id="Zoom">{}</div>', "#zoom"),
        ('<div id="zoom"><div class="TRS_Editor">{}</div></div>', ".TRS_Editor"),
        ('<div class="view TRS_UEDITOR trs_paper_default">{}</div>', ".TRS_UEDITOR"),
        ('<div class="trs_editor_view">{}</div>', ".trs_editor_view"),
        ('<div id="UCAP-CONTENT" class="UCAPCONTENT">{}</div>', "#UCAPCONTENT"),
        (
            '<div id="printContent"><div class="m-txt-article">{}</div></div>',
            ".m-txt-article",
        ),
        ('<div class="detail-text">{}</div>', ".detail-text"),
        (
            '<div id="vsb_content_2"><div class="v_news_content">{}</div></div>',
            ".v_news_content",
        ),
        ('<div class="infoContent">{}</div>', ".infoContent"),
    ],
)
def test_cms_containers_are_found(wrapper: str, selector: str) -> None:
    body = _page('<div class="nav">首页 政务公开</div>' + wrapper.format(REPORT_P))
    content, found = find_content(body)
    assert found == selector
    assert content.text_content() == REPORT_P[3:-4]


def test_generic_fallback_keeps_text_and_every_table() -> None:
    body = _page(
        '<table><tr><td class="menu"><a>首页</a><a>机构概况</a></td><td class="main">'
        f"{REPORT_P}<table><tr><td>规章</td><td>0</td></tr><tr><td>行政许可</td>"
        '<td>98</td></tr></table></td></tr><tr><td colspan="2">版权所有</td></tr></table>'
    )
    content, found = find_content(body)
    assert found == "generic"
    assert content.get("class") == "main"


def test_tables_render_whole_with_spans_and_rows_as_pipes() -> None:
    body = _page(
        '<div id="Zoom" style="x"><table class="MsoNormalTable" style="y"><tr>'
        '<td rowspan="2" style="z"><p>信息内容</p></td><td colspan="3"><p>本年</p>'
        "<p>新制作数量</p></td></tr><tr><td>规章</td><td>0</td><td>5</td></tr>"
        "</table></div>"
    )
    content, _ = find_content(body)
    assert element_lines(content) == ["信息内容 | 本年新制作数量", "规章 | 0 | 5"]
    out = fragment(content)
    assert 'rowspan="2"' in out and 'colspan="3"' in out
    assert "style" not in out and "class" not in out


@pytest.mark.parametrize("mark", ["\ufdd0", "\ufdd2", "\ufdd4"])
def test_lines_keep_text_holding_the_renderer_marks(mark: str) -> None:
    # element_lines marks line breaks and cells with these noncharacters; a page
    # holding one is rendered the same, the mark kept as text.
    body = _page(
        f"<div><p>第一{mark}段</p>前言<br>后记<table><tr><td> 规{mark}章 </td>"
        "<td>0</td></tr><tr></tr></table></div>"
    )
    assert element_lines(body) == [
        f"第一{mark}段",
        "前言",
        "后记",
        f"规{mark}章 | 0",
        "",
    ]


def test_lines_break_at_blocks_and_rows_without_marks() -> None:
    body = _page(
        "<div><p>第一 \u3000 段</p>前言<br>后记<table><tr><td> 规\u00a0章 </td>"
        "<td></td><td>0</td></tr><tr></tr></table>尾</div>"
    )
    assert element_lines(body) == ["第一 段", "前言", "后记", "规 章 |  | 0", "", "尾"]


def test_chrome_inside_a_table_cell_is_kept() -> None:
    page = (
        '<div id="Zoom"><p>' + "报告正文。" * 30 + "</p><table><tr><td>分享到:</td>"
        "<td>3</td></tr><tr><td>行政许可</td><td>98</td></tr></table></div>"
    )
    result = clean_page(page.encode())
    assert "分享到: | 3" in result.text.splitlines()


def test_pinyin_is_one_record_per_page() -> None:
    result = clean_text(
        "城管執(zhí)法局政府信息公開工作年度報告\n公(gong)(gong)開(kai)"
    )
    pinyin = [removal for removal in result.removed if removal.kind == "pinyin"]
    assert len(pinyin) == 1
    assert pinyin[0].text.startswith("3 pinyin annotations, e.g. 執(zhí)")
    assert result.text == "城管执法局政府信息公开工作年度报告\n公开"
    flags = (result.tampered, result.pinyin, result.converted)
    assert (result.script, flags) == ("traditional", (False, True, True))


def test_traditional_without_pinyin_is_converted_but_not_tampered() -> None:
    result = clean_text("沅江市城市管理和綜合執法局政府信息公開工作年度報告")
    assert result.text == "沅江市城市管理和综合执法局政府信息公开工作年度报告"
    flags = (result.tampered, result.pinyin, result.converted)
    assert (result.script, flags) == ("traditional", (False, False, True))


def test_html_or_text_detection() -> None:
    assert looks_like_html("<!DOCTYPE html><html><body>x</body></html>")
    assert looks_like_html('<div class="TRS_Editor"><p>正文</p></div>')
    assert not looks_like_html("一、总体情况\n规章 | 0 | 0 | 5")


@pytest.mark.parametrize(
    "body", [b"%PDF-1.7\n%\xe2\xe3", b"PK\x03\x04\x14\x00", b"\xd0\xcf\x11\xe0\xa1\xb1"]
)
def test_binary_documents_are_refused_with_a_clear_error(body: bytes) -> None:
    with pytest.raises(ValueError, match="not an HTML or text page"):
        clean_page(body)


def test_attachment_only_report_keeps_its_container_and_link() -> None:
    page = (
        '<div class="nav"><a href="/">首页</a> <a href="/zwgk/">政务公开</a> '
        '<a href="/zwfw/">政务服务</a> <a href="/hdjl/">互动交流</a></div>'
        '<div id="zoom"><p>详见附件</p><p><a href="./P020240119384725118452.pdf">'
        "2023年政府信息公开工作年度报告.pdf</a></p></div>"
        '<div class="footer">网站标识码：5104000001</div>'
    )
    result = clean_page(page.encode())
    assert result.text == "详见附件\n2023年政府信息公开工作年度报告.pdf"
    assert 'href="./P020240119384725118452.pdf"' in result.html


def test_word_markup_leaves_no_comments_or_processing_instructions() -> None:
    page = (
        '<div id="Zoom"><?xml:namespace prefix = o ns = "urn:schemas-microsoft-com:'
        'office:office" /><!--[if gte mso 9]><xml></xml><![endif]-->'
        "<p>一、总体情况<o:p></o:p></p></div>"
    )
    result = clean_page(page.encode())
    assert result.text == "一、总体情况"
    assert "<?" not in result.html and "<!--" not in result.html


def test_empty_page_is_refused() -> None:
    with pytest.raises(ValueError, match="empty page"):
        clean_page(b" \n ")


@pytest.mark.parametrize(
    ("title", "kept"),
    [
        ("免费菠萝视频app下载", None),
        (
            "澳门金沙娱乐场官网_威尼斯人买球app下载_攀枝花市西区2022年政府信息公开工作年度报告",
            "攀枝花市西区2022年政府信息公开工作年度报告",
        ),
        (
            "攀枝花市西区2022年政府信息公开工作年度报告_攀枝花市西区人民政府",
            "攀枝花市西区2022年政府信息公开工作年度报告_攀枝花市西区人民政府",
        ),
    ],
)
def test_spam_title_parts_go_and_clean_titles_stay(
    title: str, kept: str | None
) -> None:
    result = clean_page(f"<title>{title}</title><div id='zoom'>正文</div>".encode())
    assert result.meta.get("title") == kept
    assert result.tampered is (kept != title)


def test_brand_in_the_footer_marks_the_page_tampered() -> None:
    """lahohwa.com (spec §3 (b)): the footer's site name replaced by a brand."""
    page = (
        '<div id="zoom"><p>一、总体情况</p></div><div class="footer">主办：'
        "欧洲杯决赛竞猜_2024欧洲杯买球平台-线上app官网</div>"
    )
    result = clean_page(page.encode())
    assert result.tampered
    spam = [removal.text for removal in result.removed if removal.kind == "spam"]
    assert spam == ["主办：欧洲杯决赛竞猜_2024欧洲杯买球平台-线上app官网"]
    assert result.text == "一、总体情况"


def test_title_from_the_page_title_when_there_is_no_article_title() -> None:
    page = (
        "<title>和田县吾宗肖乡人民政府信息公开工作 2023年度报告_和田县人民政府</title>"
        '<div class="nav">首页 | 政务公开 | 2022年度报告</div>'
        '<div class="TRS_Editor"><p>一、总体情况</p></div>'
    )
    result = clean_page(page.encode())
    assert result.text.splitlines() == [
        "和田县吾宗肖乡人民政府信息公开工作 2023年度报告",
        "一、总体情况",
    ]
    assert result.html.startswith(
        "<div><h1>和田县吾宗肖乡人民政府信息公开工作 2023年度报告</h1>"
    )


def test_a_print_class_on_the_report_block_does_not_remove_it() -> None:
    report = "<p>" + "本机关认真贯彻落实政府信息公开条例。" * 20 + "</p>"
    page = (
        f'<div id="zoom"><div class="article print-area">{report}<table><tr><td>规章'
        '</td><td>0</td></tr></table></div><div class="print">【打印】</div></div>'
    )
    result = clean_page(page.encode())
    assert result.text.startswith("本机关认真贯彻落实") and "规章 | 0" in result.text
    assert [(r.kind, r.text) for r in result.removed] == [("chrome", "【打印】")]
