"""TRS WCM lists paged by createPageHTML (spec §2 A; the Hunan county platform).

Classic: createPageHTML(N, cur, "index", "htm") pages as index_1 … index_{N-1}.
page_div: createPageHTML('page_div', N, cur, 'xxx_list', 'shtml', 1000) pages as
xxx_list_1 … xxx_list_{N-1}."""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import urlsplit

from govcrawl.discover.cms.pages import sibling_pages
from govcrawl.discover.links import anchors, is_article_url
from govcrawl.discover.listing import Fetch, ListPage

_CLASSIC = re.compile(
    r"createPageHTML\(\s*(\w+)\s*,\s*\w+\s*,\s*['\"](\w+)['\"]\s*,\s*['\"](\w+)['\"]"
)
_PAGE_DIV = re.compile(
    r"createPageHTML\(\s*['\"]\w+['\"]\s*,\s*(\d+)\s*,\s*\d+\s*,\s*['\"](\w+)['\"]\s*,"
    r"\s*['\"](\w+)['\"]"
)
_COUNT_VAR = re.compile(r"var\s+countPage\s*=\s*(\d+)")


def later_pages(url: str, text: str, adapter: str) -> Sequence[Fetch]:
    """Pages 2..N as the pager script names them: stem_1 … stem_{N-1}."""
    found = _PAGE_DIV.search(text) or _CLASSIC.search(text)
    if found is None:
        return []
    count_text, stem, extension = found.groups()
    if not count_text.isdigit():
        variable = _COUNT_VAR.search(text)
        count_text = variable.group(1) if variable else "1"
    name = f"{stem}_{{}}.{extension}".format
    return sibling_pages(url, range(1, int(count_text)), name, adapter)


class TrsAdapter:
    name = "trs"

    def fingerprint(self, url: str, text: str) -> bool:
        return "createPageHTML(" in text or "countPage" in text

    def parse_list(self, url: str, text: str, referer: str | None = None) -> ListPage:
        rows = [link for link in anchors(text, url) if is_article_url(link.url)]
        page = ListPage(entries=rows)
        if not re.search(r"_\d+\.\w+$", urlsplit(url).path):
            page.more = later_pages(url, text, self.name)
        return page
