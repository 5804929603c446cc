"""A binary body where an HTML report page was linked is recorded, not dropped."""

from __future__ import annotations

from scrapy.http import HtmlResponse, Request, Response

from spiders.panzhihua import PanzhihuaSpider

URL = "http://www.pzhsxq.gov.cn/zfxxgk/zfxxgknb/xq/xqxxgkgzndbg/4372216.shtml"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_binary_body_for_a_page_is_blocked_as_not_a_page():
    response = Response(URL, body=PNG, request=Request(URL))
    blocked = PanzhihuaSpider().blocked(response)
    assert blocked is not None
    assert (blocked.reason, blocked.url, blocked.body) == ("not-a-page", URL, PNG)


def test_attachments_and_html_pages_are_not_blocked():
    spider = PanzhihuaSpider()
    binary = Response(
        URL.replace(".shtml", ".pdf"), body=b"%PDF-1.7\n", request=Request(URL)
    )
    assert spider.blocked(binary, page=False) is None
    html = HtmlResponse(
        URL,
        body="<html><body><p>年度报告</p></body></html>".encode(),
        request=Request(URL),
    )
    assert spider.blocked(html) is None
