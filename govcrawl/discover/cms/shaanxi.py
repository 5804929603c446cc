"""Shaanxi county platform (合阳, 延安, 白水; spec §1.3) and its 博达 VSB predecessor.

Current: …/1.html, …/2.html with rows in div.m-lst and parseInt('N') pages.
Legacy VSB: ?totalpage=N&PAGENUM=k&urltype=tree.TreeTempUrl&wbtreeid=T."""

from __future__ import annotations

import re
from urllib.parse import urlencode, urlsplit

from govcrawl.discover.cms.pages import declared_pages, sibling_pages
from govcrawl.discover.links import anchors, is_article_url
from govcrawl.discover.listing import Fetch, ListPage, PageRun

_PAGE_COUNT = re.compile(r"parseInt\(\s*['\"]?(\d+)['\"]?\s*\)")
_NUMBERED = re.compile(r"/(\d+)\.html$")
_VSB_TOTAL = re.compile(r"totalpage=(\d+)", re.I)
_VSB_TREE = re.compile(r"wbtreeid=(\d+)", re.I)


class ShaanxiAdapter:
    name = "shaanxi"

    def fingerprint(self, url: str, text: str) -> bool:
        return 'class="m-lst"' in text

    def parse_list(self, url: str, text: str, referer: str | None = None) -> ListPage:
        page = ListPage(entries=anchors(text, url, "div.m-lst ul li"))
        numbered = _NUMBERED.search(urlsplit(url).path)
        if numbered and numbered.group(1) == "1":
            numbers = range(2, declared_pages(text, _PAGE_COUNT) + 1)
            page.more = sibling_pages(url, numbers, "{}.html".format, self.name)
        return page


class VsbAdapter:
    name = "vsb"

    def fingerprint(self, url: str, text: str) -> bool:
        return "wbtreeid" in text and "PAGENUM" in text

    def parse_list(self, url: str, text: str, referer: str | None = None) -> ListPage:
        rows = [link for link in anchors(text, url) if is_article_url(link.url)]
        page = ListPage(entries=rows)
        tree = _VSB_TREE.search(text)
        if "PAGENUM" in urlsplit(url).query or tree is None:
            return page
        count = declared_pages(text, _VSB_TOTAL)
        base = urlsplit(url)._replace(query="").geturl()

        def fetch(number: int) -> Fetch:
            query = {
                "totalpage": count,
                "PAGENUM": number,
                "urltype": "tree.TreeTempUrl",
                "wbtreeid": tree.group(1) if tree else "",
            }
            return Fetch(f"{base}?{urlencode(query)}", self.name)

        page.more = PageRun(range(2, count + 1), fetch)
        return page
