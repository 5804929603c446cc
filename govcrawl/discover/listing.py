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

    rows: how many entries are list rows (None: all); declared: the total the page
    states; gap: why entries may be out of reach (a pager only a browser runs)."""

    entries: list[Link] = field(default_factory=list)
    more: list[Fetch] = field(default_factory=list)
    declared: Declared | None = None
    rows: int | None = None
    gap: str | None = None

    @property
    def row_count(self) -> int:
        return len(self.entries) if self.rows is None else self.rows


class ListAdapter(Protocol):
    name: str

    def fingerprint(self, url: str, text: str) -> bool:
        """True when the page is a list of this CMS family."""
        ...

    def parse_list(self, url: str, text: str, referer: str | None = None) -> ListPage:
        """Rows and further pages; referer: the page that asked for this one."""
        ...
