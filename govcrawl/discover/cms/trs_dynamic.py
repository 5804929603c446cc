"""TRS lists in "动静结合" mode (平潭 www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/): the
static HTML holds the first `maxStaticIndex` pages of rows (<dl><dd><a> with the
date in a sibling <dd>); the script list2.trsapi pages the rest in the browser from
`recordCount` and `prepage`. No static pager exists, so what the script would show
is recorded as a gap rather than guessed at."""

from __future__ import annotations

import re

from govcrawl.discover.links import Link, anchors, is_article_url
from govcrawl.discover.listing import ListPage
from govcrawl.discover.totals import declared_total

_SCRIPT = "list2.trsapi"
_PER_PAGE = re.compile(r"prepage\s*:\s*['\"]?(\d+)")
_STATIC_PAGES = re.compile(r"maxStaticIndex\s*:\s*['\"]?(\d+)")


class TrsDynamicAdapter:
    name = "trs_dynamic"

    def fingerprint(self, url: str, text: str) -> bool:
        return _SCRIPT in text

    def parse_list(self, url: str, text: str, referer: str | None = None) -> ListPage:
        # A rendered page whose pager was walked repeats rows (govcrawl-walked).
        rows_by_url: dict[str, Link] = {}
        for link in anchors(text, url):
            if is_article_url(link.url):
                rows_by_url.setdefault(link.url, link)
        rows = list(rows_by_url.values())
        page = ListPage(entries=rows, declared=declared_total(text, len(rows)))
        per_page = _PER_PAGE.search(text)
        static = _STATIC_PAGES.search(text)
        page.gap = (
            f"rows after the static page(s) are paged by {_SCRIPT} (TRS 动静结合, "
            f"maxStaticIndex {static.group(1) if static else '?'}, prepage "
            f"{per_page.group(1) if per_page else '?'}): no static pager to follow"
        )
        return page
