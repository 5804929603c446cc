"""ParsePipeline: a cleaned page becomes the template's numbers (govcrawl.parse)."""

from __future__ import annotations

from typing import Any

from govcrawl.items import CleanedPage, ParsedPage
from govcrawl.parse.page import parse_cleaned


class ParsePipeline:
    def process_item(self, item: Any) -> Any:
        if not isinstance(item, CleanedPage):
            return item
        page = item.page
        report = parse_cleaned(
            item.cleaned,
            source=page.url,
            html=bool(item.cleaned.html),
            title=page.title,
            year=page.year,
            published=page.published,
        )
        report.findings.extend(item.findings)
        return ParsedPage(page=page, cleaned=item.cleaned, report=report)
