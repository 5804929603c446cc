"""Heilongjiang 集约化 platform (鹤岗; spec §1.4, §2 C): list.shtml is an empty shell
that the browser fills from GET /common/search/{channelId}?…&page=N (JSON
data.total / data.results). The API answers only with the list page as Referer."""

from __future__ import annotations

import json
import math
import re
from urllib.parse import parse_qs, urlencode, urljoin, urlsplit

from govcrawl.dates import iso_date
from govcrawl.discover.cms.pages import declared_pages
from govcrawl.discover.links import Link, anchors, is_article_url
from govcrawl.discover.listing import Declared, Fetch, ListPage, PageRun

_CHANNEL = re.compile(
    r"(?:/common/search/|channelId['\"]?\s*[:=]\s*['\"])([0-9a-f]{32})"
)
_PAGE_SIZE = 15


def search_url(list_url: str, channel: str, page: int) -> str:
    query = {
        "_isAgg": "false",
        "_isJson": "true",
        "_pageSize": _PAGE_SIZE,
        "_template": "index",
        "_rangeTimeGte": "",
        "_channelName": "",
        "page": page,
    }
    return urljoin(list_url, f"/common/search/{channel}?{urlencode(query)}")


def search_fetches(list_url: str, channel: str, pages: range) -> PageRun:
    referer = (("Referer", list_url),)

    def fetch(number: int) -> Fetch:
        url = search_url(list_url, channel, number)
        return Fetch(url, "heilongjiang", headers=referer)

    return PageRun(pages, fetch)


def search_results(url: str, text: str) -> tuple[list[Link], int]:
    """Rows and total count of one /common/search JSON answer."""
    data = json.loads(text)["data"]
    rows = [
        Link(
            urljoin(url, row["url"]),
            row["title"],
            iso_date(row.get("publishedTimeStr", "")),
        )
        for row in data["results"]
    ]
    return rows, int(data["total"])


class HeilongjiangAdapter:
    name = "heilongjiang"

    def fingerprint(self, url: str, text: str) -> bool:
        return "/common/search/" in text or "/common/search/" in urlsplit(url).path

    def parse_list(self, url: str, text: str, referer: str | None = None) -> ListPage:
        parts = urlsplit(url)
        if "/common/search/" in parts.path:
            return self._parse_search(url, text, referer or url)
        rendered = [link for link in anchors(text, url) if is_article_url(link.url)]
        channel = _CHANNEL.search(text)
        page = ListPage(entries=rendered)
        if channel is None:
            return page
        # A browser-rendered shell already shows page 1 and its pager.
        first = 2 if rendered else 1
        pages = range(first, declared_pages(text) + 1 if rendered else 2)
        page.more = search_fetches(url, channel.group(1), pages)
        return page

    def _parse_search(self, url: str, text: str, list_url: str) -> ListPage:
        rows, total = search_results(url, text)
        page = ListPage(entries=rows, declared=Declared(total, total, "json total"))
        query = parse_qs(urlsplit(url).query)
        if query.get("page", ["1"])[0] == "1":
            size = max(1, int(query.get("_pageSize", [str(_PAGE_SIZE)])[0]))
            channel = urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1]
            pages = range(2, math.ceil(total / size) + 1)
            page.more = search_fetches(list_url, channel, pages)
        return page
