"""Page-count helpers shared by the numeric-suffix adapters."""

from __future__ import annotations

import re
from urllib.parse import urljoin

_TOTAL_PAGES = re.compile(r"共\s*(\d+)\s*页")


def total_pages(text: str, pattern: re.Pattern[str] | None = None) -> int:
    """Page count from the adapter's script pattern, else from 共N页; 1 if absent."""
    for regex in (pattern, _TOTAL_PAGES):
        found = regex.search(text) if regex else None
        if found:
            return max(1, int(found.group(1)))
    return 1


def sibling_urls(url: str, names: list[str]) -> list[str]:
    return [urljoin(url, name) for name in names]
