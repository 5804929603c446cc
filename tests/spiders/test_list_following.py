"""GovPortalSpider list following: report rows become requests, and a list page that
adds no new rows ends its pagination (deep TRS stubs, endless 下一页 links)."""

from __future__ import annotations

import scrapy
from scrapy.http import HtmlResponse

from govcrawl.discover.links import Link
from govcrawl.discover.listing import Fetch, ListPage
from spiders.portal import PortalSpider

LIST = "http://h.gov.cn/nb/list.aspx"
REPORT = Link(
    "http://h.gov.cn/nb/r1.aspx", "某局2023年政府信息公开工作年度报告", "2024-01-20"
)
NOTICE = Link(
    "http://h.gov.cn/nb/r2.aspx",
    "关于做好2023年度政府信息公开工作年度报告编制发布工作的通知",
)


def follow(spider: PortalSpider, page: ListPage, url: str) -> list[scrapy.Request]:
    response = HtmlResponse(url, body=b"<html></html>", request=scrapy.Request(url))
    followed = spider.follow_list(response, page, "http://h.gov.cn/nb/")
    return [item for item in followed if isinstance(item, scrapy.Request)]


def test_report_rows_are_requested_and_pagination_followed() -> None:
    spider = PortalSpider(url=LIST)
    more = [Fetch(f"{LIST}?p=2", "next_page")]
    requests = follow(spider, ListPage([REPORT, NOTICE], more), LIST)
    assert [(r.url, r.meta.get("year")) for r in requests] == [
        (REPORT.url, 2023),
        (f"{LIST}?p=2", None),
    ]


def test_a_page_with_nothing_new_stops_the_pagination() -> None:
    spider = PortalSpider(url=LIST)
    follow(spider, ListPage([REPORT, NOTICE], []), LIST)
    again = ListPage([NOTICE, REPORT], [Fetch(f"{LIST}?p=3", "next_page")])
    assert follow(spider, again, f"{LIST}?p=2") == []
