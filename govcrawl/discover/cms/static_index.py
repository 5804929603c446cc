"""Static index.shtml / index_N.shtml lists (攀枝花 city platform, spec §1.1).

Rows are div.new-box ul a with a date span; the page count is parseInt(N) in an
inline script."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from govcrawl.discover.cms.pages import declared_pages, sibling_pages
from govcrawl.discover.links import anchors
from govcrawl.discover.listing import ListPage

_PAGE_COUNT = re.compile(r"parseInt\(\s*['\"]?(\d+)['\"]?\s*\)")
_FIRST_PAGE = re.compile(r"/(?:index\.shtml)?$")


class StaticIndexAdapter:
    name = "static_index"

    def fingerprint(self, url: str, text: str) -> bool:
        return 'class="new-box"' in text

    def parse_list(self, url: str, text: str, referer: str | None = None) -> ListPage:
        page = ListPage(entries=anchors(text, url, "div.new-box ul"))
        if _FIRST_PAGE.search(urlsplit(url).path):
            count = declared_pages(text, _PAGE_COUNT)
            # Later pages are index_2 … index_N (1-based, as the pager links them).
            numbers = range(2, count + 1)
            page.more = sibling_pages(url, numbers, "index_{}.shtml".format, self.name)
        return page
