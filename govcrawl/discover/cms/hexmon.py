"""The c{id} .shtml platform ("hexmon", spec §2 D; 和田县 htx.gov.cn).

Lists: /{site}/c{col}/list.shtml then list_N.shtml.
Articles: /{site}/c{col}/{YYYYMM}/{hex}.shtml."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from govcrawl.discover.cms.pages import declared_pages, sibling_pages
from govcrawl.discover.links import anchors, is_article_url
from govcrawl.discover.listing import ListPage

_LIST_URL = re.compile(r"/c\d+/(?:\w+_)?list(?:_\d+)?\.shtml$", re.I)
_FIRST_PAGE = re.compile(r"/(?:\w+_)?list\.shtml$")


class HexmonAdapter:
    name = "hexmon"

    def fingerprint(self, url: str, text: str) -> bool:
        return (
            bool(_LIST_URL.search(urlsplit(url).path)) and "/common/search/" not in text
        )

    def parse_list(self, url: str, text: str, referer: str | None = None) -> ListPage:
        rows = [link for link in anchors(text, url) if is_article_url(link.url)]
        page = ListPage(entries=rows)
        first = _FIRST_PAGE.search(urlsplit(url).path)
        if first:
            stem = first.group(0)[1:].removesuffix(".shtml")
            numbers = range(2, declared_pages(text) + 1)
            name = (stem + "_{}.shtml").format
            page.more = sibling_pages(url, numbers, name, self.name)
        return page
