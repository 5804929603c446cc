"""Parsing a cleaned page or an extracted attachment (called by govcrawl.flow), with
the page's own metadata filling what the report body does not print."""

from __future__ import annotations

from govcrawl.dates import iso_date
from govcrawl.model import CleanResult, Report
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


def _meta_date(meta: dict[str, str]) -> str | None:
    return iso_date(meta.get("PubDate") or meta.get("published") or "")
