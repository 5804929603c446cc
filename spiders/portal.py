"""Generic spider: `scrapy crawl portal -a url=<homepage or column>`.

From a homepage it follows 政府信息公开 -> 政府信息公开年报 / 年度报告 links (up to
three hops) to the annual-report column, then lists it with the CMS adapter its
fingerprint selects."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response, TextResponse

from govcrawl.discover.cms import select_adapter
from govcrawl.discover.links import anchors, column_dir
from govcrawl.discover.titles import (
    is_disclosure_text,
    is_report_column_text,
    report_year,
)
from govcrawl.portals import portal_for_url
from spiders.base import GovPortalSpider

MAX_HOPS = 3


class PortalSpider(GovPortalSpider):
    name = "portal"

    def __init__(self, url: str = "", *args: Any, **kwargs: Any) -> None:
        if not url:
            raise ValueError("usage: scrapy crawl portal -a url=<homepage or column>")
        super().__init__(*args, **kwargs)
        self.entry_url = url
        known = portal_for_url(url)
        self.slug = known.slug if known else urlsplit(url).hostname or url

    @property
    def portal_name(self) -> str:
        return self.slug

    async def start(self) -> AsyncIterator[scrapy.Request]:
        yield scrapy.Request(
            self.entry_url, self.parse_entry, errback=self.failed, meta={"hops": 0}
        )

    def parse_entry(self, response: Response) -> Iterator[Any]:
        blocked = self.blocked(response)
        if blocked is not None:
            yield blocked
            retry = self.column_retry(response, blocked)
            if retry is not None:
                yield retry
            return
        assert isinstance(response, TextResponse)  # blocked() records other bodies
        adapter = select_adapter(response.url, response.text)
        page = adapter.parse_list(response.url, response.text)
        has_reports = any(report_year(row.text) for row in page.entries)
        # A page reached by a 年报 link is the column even before its organ or
        # year sub-columns show any report.
        column = response.meta.get("via_column") or adapter.name == "heilongjiang"
        if has_reports or column:
            self.logger.info("annual-report column %s (%s)", response.url, adapter.name)
            column_url = column_dir(response.url)
            yield from self.follow_list(response, page, column_url, adapter.name)
            return
        yield from self.next_hops(response)

    def next_hops(self, response: TextResponse) -> Iterator[scrapy.Request]:
        """Report-column links first; else the disclosure section, within MAX_HOPS."""
        hops = response.meta["hops"] + 1
        if hops > MAX_HOPS:
            return
        host = urlsplit(response.url).hostname
        links = [
            link
            for link in anchors(response.text, response.url)
            if urlsplit(link.url).hostname == host
        ]
        columns = [link for link in links if is_report_column_text(link.text)]
        targets = columns or [link for link in links if is_disclosure_text(link.text)]
        for link in targets:
            meta = {"hops": hops, "via_column": bool(columns)}
            yield scrapy.Request(
                link.url, self.parse_entry, errback=self.failed, meta=meta
            )
