"""What a CMS adapter reads from a list page, and the requests it asks for next."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from govcrawl.discover.links import Link


@dataclass(frozen=True)
class Fetch:
    """A request to make, independent of Scrapy. adapter: who parses the answer."""

    url: str
    adapter: str
    method: str = "GET"
    body: str | None = None
    headers: tuple[tuple[str, str], ...] = ()
    js: bool = False


@dataclass
class ListPage:
    """Row links of one list page plus the further list pages to fetch."""

    entries: list[Link] = field(default_factory=list)
    more: list[Fetch] = field(default_factory=list)
    # Pages the list declares past GOVCRAWL_MAX_LIST_PAGES, not fetched: a gap.
    cut: int = 0


class ListAdapter(Protocol):
    name: str

    def fingerprint(self, url: str, text: str) -> bool:
        """True when the page is a list of this CMS family."""
        ...

    def parse_list(self, url: str, text: str, referer: str | None = None) -> ListPage:
        """Rows and further pages; referer: the page that asked for this one."""
        ...
