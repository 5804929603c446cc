"""What the spider reads from a report page: its title, year and date, its attachment
links and the files that are the report, all from one tree of the page.

A pure function of the page's text, so that the crawl can run it in a worker process
(pipelines.workers) instead of Scrapy's thread."""

from __future__ import annotations

from dataclasses import dataclass

from parsel import Selector

from govcrawl.discover.attachments import attachment_anchors
from govcrawl.discover.detail import detail_meta
from govcrawl.discover.report_files import report_files
from govcrawl.discover.titles import report_year


@dataclass(frozen=True)
class ReportPageRead:
    """published: the page's own date, None when it prints none (the list's then)."""

    title: str
    year: int
    published: str | None
    attachments: list[str]
    files: list[str]


def read_report_page(
    text: str, url: str, row_title: str, row_year: int
) -> ReportPageRead:
    """The page's title when it names a report (else the list row's), the year that
    title names (else the row's), and its attachments and report files."""
    tree = Selector(text=text)
    meta = detail_meta(tree)
    title = meta.title if meta.title and report_year(meta.title) else row_title
    year = report_year(title) or row_year
    links = attachment_anchors(tree, url)
    files = report_files(tree, url, year, links)
    return ReportPageRead(
        title, year, meta.published, [link.url for link in links], files
    )
