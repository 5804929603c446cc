"""Parsing a cleaned page or an extracted attachment (called by govcrawl.flow), with
the page's own metadata filling what the report body does not print."""

from __future__ import annotations

from govcrawl.model import CleanResult, Report
from govcrawl.parse import parse_clean
from govcrawl.parse.metadata import Listed, with_listed


def parse_cleaned(
    cleaned: CleanResult,
    *,
    source: str,
    title: str | None = None,
    year: int | None = None,
    published: str | None = None,
) -> Report:
    """Parse the clean stage's output. Portals keep title and date in meta tags the
    clean stage lifted off the page; the spider's list entry (title, year, date)
    fills what the page does not print and replaces guesses (parse.metadata)."""
    report = parse_clean(cleaned, source=source)
    listed = Listed(title or None, year, published)
    with_listed(report, cleaned.meta, listed, printed=cleaned.printed)
    return report
