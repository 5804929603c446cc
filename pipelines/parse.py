"""ParsePipeline: a cleaned page becomes the template's numbers (govcrawl.parse)."""

from __future__ import annotations

from typing import Any

from govcrawl.items import CleanedPage, ParsedPage
from govcrawl.parse import parse_report


class ParsePipeline:
    def process_item(self, item: Any) -> Any:
        if not isinstance(item, CleanedPage):
            return item
        report = parse_report(item.cleaned.html, source=item.page.url, html=True)
        meta = item.cleaned.meta
        # The page's own metadata fills what the report body does not print: portals
        # keep title and date in meta tags and chrome lines the clean stage removed.
        report.title = report.title or meta.get("ArticleTitle") or item.page.title
        report.year = report.year or item.page.year
        report.published = report.published or item.page.published or _date(meta)
        return ParsedPage(page=item.page, cleaned=item.cleaned, report=report)


def _date(meta: dict[str, str]) -> str | None:
    value = meta.get("PubDate") or meta.get("published")
    return value[:10] if value else None
