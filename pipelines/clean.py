"""CleanPipeline: a fetched report page becomes its clean report (govcrawl.clean)."""

from __future__ import annotations

import logging
from typing import Any

from govcrawl.clean import clean_page
from govcrawl.items import CleanedPage, ReportPage

logger = logging.getLogger(__name__)


class CleanPipeline:
    def process_item(self, item: Any) -> Any:
        if not isinstance(item, ReportPage):
            return item
        content_type = header(item.headers, "Content-Type")
        try:
            cleaned = clean_page(item.body, url=item.url, content_type=content_type)
        except ValueError as error:
            # Attachments (PDF, Office) are not pages: pass them on whole, not lost.
            logger.warning("clean: %s left as fetched: %s", item.url, error)
            return item
        return CleanedPage(page=item, cleaned=cleaned)


def header(headers: dict[str, str], name: str) -> str | None:
    """Header lookup ignoring case: fetchers store Content-Type or content-type."""
    wanted = name.lower()
    return next((v for k, v in headers.items() if k.lower() == wanted), None)
