"""What a CMS adapter reads from a list page, and the requests it asks for next."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from govcrawl.discover.links import Link, is_article_url


@dataclass(frozen=True)
class Fetch:
    """A request to make, independent of Scrapy. adapter: who parses the answer."""

    url: str
    adapter: str
    method: str = "GET"
    body: str | None = None
    headers: tuple[tuple[str, str], ...] = ()
    js: bool = False


@dataclass(frozen=True)
class Declared:
    """How many entries a list says it holds: exactly `total` (recordCount, 共N条, a
    JSON total) or, from a page count (共N页 × per page), at least `minimum`."""

    total: int
    minimum: int
    source: str


@dataclass
class ListPage:
    """Row links of one list page plus the further list pages to fetch.

    menus: entries include every anchor of the page (menus, footers), so only those
    with a date or an article URL are list rows; declared: the total the page states;
    gap: why entries may be out of reach (a pager only a browser runs)."""

    entries: list[Link] = field(default_factory=list)
    more: list[Fetch] = field(default_factory=list)
    declared: Declared | None = None
    menus: bool = False
    gap: str | None = None
    # Pages the list declares past GOVCRAWL_MAX_LIST_PAGES, not fetched: a gap.
    cut: int = 0

    @property
    def rows(self) -> list[Link]:
        if not self.menus:
            return self.entries
        return [link for link in self.entries if link.date or is_article_url(link.url)]

    @property
    def row_count(self) -> int:
        return len(self.rows)


class ListAdapter(Protocol):
    name: str

    def fingerprint(self, url: str, text: str) -> bool:
        """True when the page is a list of this CMS family."""
        ...

    def parse_list(self, url: str, text: str, referer: str | None = None) -> ListPage:
        """Rows and further pages; referer: the page that asked for this one."""
        ...
