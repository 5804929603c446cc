"""The number of entries a list page declares, wherever its CMS writes it: TRS
`recordCount: '20'`, Hanweb `totalRecord:17`, a JSON `"total": 17`, 共20条, or a
page count 共2页 times the rows per page."""

from __future__ import annotations

import re

from govcrawl.discover.listing import Declared

_EXACT = (
    (re.compile(r"""recordCount['"]?\s*[:=]\s*['"]?(\d+)"""), "recordCount"),
    (re.compile(r"(?:totalRecord\s*:\s*|<totalrecord>)\s*(\d+)", re.I), "totalRecord"),
    (re.compile(r""""total"\s*:\s*(\d+)"""), "json total"),
    (re.compile(r"共\s*(\d+)\s*条"), "共N条"),
)
_PAGES = re.compile(r"共\s*(\d+)\s*页")


def declared_total(text: str, per_page: int) -> Declared | None:
    """What the page states about the whole list; None when it states nothing.
    per_page: rows on this page, the unit of a page count."""
    for pattern, source in _EXACT:
        found = pattern.search(text)
        if found:
            total = int(found.group(1))
            return Declared(total, total, source)
    pages = _PAGES.search(text)
    if pages and per_page:
        count = int(pages.group(1))
        return Declared(count * per_page, (count - 1) * per_page + 1, "共N页")
    return None
