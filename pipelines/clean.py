"""CleanPipeline: a fetched report page or attachment becomes its clean report.

HTML pages go through govcrawl.clean; PDF, DOCX, DOC, WPS and OFD bodies (told by
their bytes, then their name) through govcrawl.attachments, whose findings (needs
OCR, broken file, over the size limit) ride along to the report."""

from __future__ import annotations

import logging
from typing import Any

from govcrawl.attachments import attachment_kind
from govcrawl.clean import clean_page
from govcrawl.items import CleanedPage, ReportPage
from govcrawl.model import CleanResult, Finding
from govcrawl.parse.page import clean_attachment

logger = logging.getLogger(__name__)


class CleanPipeline:
    def process_item(self, item: Any) -> Any:
        if not isinstance(item, ReportPage):
            return item
        if attachment_kind(item.url, item.body):
            return clean_attachment_page(item)
        content_type = header(item.headers, "Content-Type")
        try:
            cleaned = clean_page(item.body, url=item.url, content_type=content_type)
        except ValueError as error:
            # An empty or unreadable page is still stored, with the reason as a
            # finding on its report: nothing fetched is dropped.
            logger.warning("clean: %s unreadable: %s", item.url, error)
            finding = Finding("unreadable_page", str(error), item.url)
            return CleanedPage(item, CleanResult(text="", html=""), [finding])
        return CleanedPage(page=item, cleaned=cleaned)


def clean_attachment_page(page: ReportPage) -> CleanedPage:
    cleaned, findings = clean_attachment(page.body, page.url)
    return CleanedPage(page=page, cleaned=cleaned, findings=findings)


def header(headers: dict[str, str], name: str) -> str | None:
    """Header lookup ignoring case: fetchers store Content-Type or content-type."""
    wanted = name.lower()
    return next((v for k, v in headers.items() if k.lower() == wanted), None)
