"""Parsing a cleaned page or an extracted attachment, with the page's own metadata
filling what the report body does not print."""

from __future__ import annotations

from govcrawl.attachments import extract
from govcrawl.model import CleanResult, Finding, Report
from govcrawl.parse import parse_report
from govcrawl.parse.metadata import Listed, with_listed


def parse_cleaned(
    cleaned: CleanResult,
    *,
    source: str,
    html: bool = True,
    title: str | None = None,
    year: int | None = None,
    published: str | None = None,
) -> Report:
    """Parse the clean stage's output. Portals keep title and date in meta tags the
    clean stage lifted off the page; the spider's list entry (title, year, date)
    fills what the page does not print and replaces guesses (parse.metadata)."""
    report = parse_report(
        cleaned.html if html else cleaned.text, source=source, html=html
    )
    with_listed(report, cleaned.meta, Listed(title or None, year, published))
    return report


def clean_attachment(body: bytes, name: str) -> tuple[CleanResult, list[Finding]]:
    """An attachment's extracted content in the clean stage's shape, and its
    findings (attachment_needs_ocr, attachment_unsafe_archive, …) as they are."""
    extracted = extract(body, name=name)
    cleaned = CleanResult(
        text=extracted.text, html=extracted.html, encoding=extracted.kind or "unknown"
    )
    return cleaned, extracted.findings
