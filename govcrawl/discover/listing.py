"""What a CMS adapter reads from a list page, and the requests it asks for next."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol, overload

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


class PageRun(Sequence[Fetch]):
    """The list pages a pager declares, built one at a time as they are read: a list
    declaring parseInt(100000000) pages made static_index build every URL at once
    (10.6 GB RSS); a run costs a range until the spider takes its capped share."""

    def __init__(self, numbers: range, fetch: Callable[[int], Fetch]) -> None:
        self.numbers = numbers
        self.fetch = fetch

    def __len__(self) -> int:
        return len(self.numbers)

    @overload
    def __getitem__(self, index: int) -> Fetch: ...

    @overload
    def __getitem__(self, index: slice) -> PageRun: ...

    def __getitem__(self, index: int | slice) -> Fetch | PageRun:
        if isinstance(index, slice):
            return PageRun(self.numbers[index], self.fetch)
        return self.fetch(self.numbers[index])

    def __iter__(self) -> Iterator[Fetch]:
        return map(self.fetch, self.numbers)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return len(self) == len(other) and list(self) == list(other)

    def __repr__(self) -> str:
        return f"PageRun({self.numbers!r})"


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
    # Pages the spider fetches next, at most GOVCRAWL_MAX_LIST_PAGES per list.
    more: Sequence[Fetch] = field(default_factory=list)
    declared: Declared | None = None
    menus: bool = False
    gap: str | None = None

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
