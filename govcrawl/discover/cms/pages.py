"""Page-count helpers shared by the numeric-suffix adapters."""

from __future__ import annotations

import os
import re
from urllib.parse import urljoin

_TOTAL_PAGES = re.compile(r"共\s*(\d+)\s*页")
# parseInt(100000000) in a hostile list made static_index build every URL at once
# (10.6 GB). Pages past the cap are not fetched; the spider records them as a gap.
MAX_LIST_PAGES = 1000


def max_list_pages() -> int:
    value = os.environ.get("GOVCRAWL_MAX_LIST_PAGES", "").strip()
    return int(value) if value.isdecimal() and int(value) > 0 else MAX_LIST_PAGES


def declared_pages(text: str, pattern: re.Pattern[str] | None = None) -> int:
    """Page count from the adapter's script pattern, else from 共N页; 1 if absent."""
    for regex in (pattern, _TOTAL_PAGES):
        found = regex.search(text) if regex else None
        if found:
            return max(1, int(found.group(1)))
    return 1


def total_pages(text: str, pattern: re.Pattern[str] | None = None) -> int:
    """The declared page count, at most GOVCRAWL_MAX_LIST_PAGES."""
    return min(declared_pages(text, pattern), max_list_pages())


def sibling_urls(url: str, names: list[str]) -> list[str]:
    return [urljoin(url, name) for name in names]
