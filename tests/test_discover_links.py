"""Link, attachment, page-metadata and blocked-page helpers on inline HTML."""

from __future__ import annotations

from govcrawl.discover.attachments import attachment_links
from govcrawl.discover.blocked import blocked_reason
from govcrawl.discover.detail import detail_meta
from govcrawl.discover.links import Link, anchors, is_article_url, subcolumn_links

BASE = "http://www.example.gov.cn/zfxxgk/zfxxgknb/index.shtml"


def test_anchors_carry_title_and_row_date() -> None:
    page = """<ul><li><a href="./4372216.shtml" title="西区2022年报">西区…</a>
    <span>2023-01-19</span></li><li><a href="javascript:void(0)">x</a></li></ul>"""
    assert anchors(page, BASE) == [
        Link(
            "http://www.example.gov.cn/zfxxgk/zfxxgknb/4372216.shtml",
            "西区2022年报",
            "2023-01-19",
        )
    ]


def test_article_url_dialects() -> None:
    for path in (
        "/zfxxgk/zfxxgknb/xq/xqxxgkgzndbg/4372216.shtml",
        "/21502/21512/30459/42847/content_1190311.html",
        "/htx/c114808/202401/dc57871a9e6543c88fc8cde007d59f8a.shtml",
        "/hegang/zxqgkndbg/202501/68226.shtml",
        "/zfxxgk/zfxxgknb/2020n/xsp/1628950158324563970.html",
        "/col/col12/art/2023/1/19/art_123_789.html",
        "/info/1047/5230.htm",
        "/gk/202303/t20230320_534737.html",
    ):
        assert is_article_url("http://h.gov.cn" + path), path
    assert not is_article_url("http://h.gov.cn/zfxxgk/zfxxgknb/2.html")
    assert not is_article_url("http://h.gov.cn/htx/c114808/list_2.shtml")


def test_subcolumns_are_below_the_column_and_not_articles() -> None:
    column = "http://h.gov.cn/nb/"
    links = [
        Link("http://h.gov.cn/nb/2020n/1.html", "2020年"),
        Link("http://h.gov.cn/nb/2.html", "2"),
        Link("http://h.gov.cn/nb/2020n/1628950158324563970.html", "report"),
        Link("http://h.gov.cn/zfxxgk/index.html", "政府信息公开"),
    ]
    assert subcolumn_links(links, column) == [links[0]]
    assert subcolumn_links(links, "http://h.gov.cn/") == []


def test_attachments_from_anchors_oldsrc_viewer_and_document_write() -> None:
    page = """<div id="Zoom"><a href="/uploadfiles/202401/1.pdf">附件</a>
    <a href="/x/a.shtml">not</a>
    <a appendix="true" OLDSRC="/protect/P0202606/P020260612/P0.ofd">ofd</a>
    <a href="/pdfjs/web/viewer.html?file=/files/r.docx">view</a>
    <a href="/module/download/downfile.jsp?classid=0&filename=ab12.pdf">dl</a>
    <script>if("附件1.pdf<BR/>" != ""){document.write('<a href="./P020230119.wps">附件1</a>');}
    </script></div>"""
    assert attachment_links(page, "http://h.gov.cn/col/202301/t20230119_1.html") == [
        "http://h.gov.cn/uploadfiles/202401/1.pdf",
        "http://h.gov.cn/protect/P0202606/P020260612/P0.ofd",
        "http://h.gov.cn/files/r.docx",
        "http://h.gov.cn/module/download/downfile.jsp?classid=0&filename=ab12.pdf",
        "http://h.gov.cn/col/202301/P020230119.wps",
    ]


def test_detail_meta_prefers_meta_tags_then_header_line() -> None:
    tagged = """<head><meta name="ArticleTitle" content="X2022年政府信息公开工作年度报告">
    <meta name="PubDate" content="2023-01-19 10:00"></head>"""
    assert detail_meta(tagged).published == "2023-01-19"
    plain = "<title>T</title><body><div>发布时间:2024-1-4 字号</div></body>"
    meta = detail_meta(plain)
    assert (meta.title, meta.published) == ("T", "2024-01-04")


def reason(
    status: int,
    body: bytes,
    headers: dict[str, str] | None = None,
    asked: str = "http://h.gov.cn/a/1.html",
    final: str = "http://h.gov.cn/a/1.html",
) -> str | None:
    return blocked_reason(
        status, headers or {}, body, requested_url=asked, final_url=final
    )


def test_challenges_by_status_and_by_body() -> None:
    assert reason(412, b"<html></html>") == "challenge:status-412"
    assert (
        reason(200, b"<meta content='x' r='m'><script>$_ts=window['$_ts']</script>")
        == "challenge:ruishu"
    )
    assert (
        reason(521, b"<script>x</script>", {"x-via-jsl": "b5"}) == "challenge:jiasule"
    )
    assert (
        reason(200, b"<script>document.cookie='a=1';location.reload()</script>")
        == "challenge:cookie-reload"
    )


def test_soft_errors() -> None:
    assert reason(200, "<h2>非法请求 404！</h2>".encode("gbk")) == "soft-404"
    assert (
        reason(200, b"<html>home</html>", final="http://h.gov.cn/")
        == "redirect:homepage"
    )
    assert reason(404, b"missing") == "not-found"
    assert reason(410, b"gone") == "not-found"
    assert reason(403, b"forbidden") == "http:403"
    assert reason(200, "<p>2022年政府信息公开工作年度报告</p>".encode()) is None
