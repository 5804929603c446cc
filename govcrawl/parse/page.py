"""Parsing a cleaned page or an extracted attachment, with the page's own metadata
filling what the report body does not print."""

from __future__ import annotations

from govcrawl.attachments import extract
from govcrawl.dates import iso_date
from govcrawl.model import CleanResult, Finding, Report
from govcrawl.parse import parse_report


def parse_cleaned(
    cleaned: CleanResult,
    *,
    source: str,
    html: bool = True,
    title: str | None = None,
    year: int | None = None,
    published: str | None = None,
) -> Report:
    """Parse the clean stage's output. Portals keep title and date in meta tags and
    chrome lines the clean stage removed (panzhihua's "发布时间:2023-01-19" header);
    the spider's list entry (title, year, date) comes last."""
    report = parse_report(
        cleaned.html if html else cleaned.text, source=source, html=html
    )
    meta = cleaned.meta
    report.title = report.title or meta.get("ArticleTitle") or title or None
    report.year = report.year or year
    report.published = report.published or _meta_date(meta) or published
    return report


def clean_attachment(body: bytes, name: str) -> tuple[CleanResult, list[Finding]]:
    """An attachment's extracted content in the clean stage's shape, and its
    findings (attachment_needs_ocr, attachment_unsafe_archive, …) as they are."""
    extracted = extract(body, name=name)
    cleaned = CleanResult(
        text=extracted.text, html=extracted.html, encoding=extracted.kind or "unknown"
    )
    return cleaned, extracted.findings


def _meta_date(meta: dict[str, str]) -> str | None:
    return iso_date(meta.get("PubDate") or meta.get("published") or "")
