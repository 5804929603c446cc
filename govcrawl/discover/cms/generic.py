"""Fallback for unknown CMSs: every anchor is a candidate row; follow 下一页 and
尾页. The spider stops following a list when a page adds no new rows."""

from __future__ import annotations

from govcrawl.discover.links import anchors
from govcrawl.discover.listing import Fetch, ListPage

_NEXT_TEXTS = ("下一页", "下页", "尾页", "末页")


class NextPageAdapter:
    name = "next_page"

    def fingerprint(self, url: str, text: str) -> bool:
        return True

    def parse_list(self, url: str, text: str, referer: str | None = None) -> ListPage:
        links = anchors(text, url)
        pager = [link for link in links if link.text.strip() in _NEXT_TEXTS]
        more = [Fetch(link.url, self.name) for link in pager if link.url != url]
        # Every anchor is a candidate; the list's own rows carry a date or an
        # article URL, menus and footers do not.
        return ListPage(entries=links, more=more, menus=True)
