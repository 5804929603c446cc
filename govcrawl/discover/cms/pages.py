"""Page-count helpers shared by the numeric-suffix adapters. A declared count is
taken as declared and its pages built lazily (PageRun); the spider fetches at most
GOVCRAWL_MAX_LIST_PAGES of them and records the rest as a gap."""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urljoin

from govcrawl.discover.listing import Fetch, PageRun

_TOTAL_PAGES = re.compile(r"共\s*(\d+)\s*页")


def declared_pages(text: str, pattern: re.Pattern[str] | None = None) -> int:
    """Page count from the adapter's script pattern, else from 共N页; 1 if absent."""
    for regex in (pattern, _TOTAL_PAGES):
        found = regex.search(text) if regex else None
        if found:
            return max(1, int(found.group(1)))
    return 1


def sibling_pages(
    url: str, numbers: range, name: Callable[[int], str], adapter: str
) -> PageRun:
    """The pages named name(n) beside url, for n in numbers, built as read."""
    return PageRun(numbers, lambda number: Fetch(urljoin(url, name(number)), adapter))
