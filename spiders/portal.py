"""Generic spider: `scrapy crawl portal -a url=<homepage or column>`, or
`-a slug=<registry slug>` for a portal of the registry (govcrawl.portals).

From a homepage it follows 政府信息公开 -> 政府信息公开年报 / 年度报告 links (up to
three hops) to the annual-report column, then lists it with the CMS adapter its
fingerprint selects. With `-a probe=1` (`govcrawl portals add`) it reads the lists
only: each report row becomes a ListedReport item instead of a request.

RegistrySpiderLoader (SPIDER_LOADER_CLASS) makes every registry slug a spider as
well: `scrapy crawl <slug>`, `scrapy list`, crawl-all and Scrapyd see them all."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any, Self
from urllib.parse import urlsplit

import scrapy
from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.http import Response, TextResponse
from scrapy.settings import BaseSettings
from scrapy.spiderloader import SpiderLoader

from govcrawl.browser import BROWSER_HANDLERS
from govcrawl.config import Config
from govcrawl.discover.cms import select_adapter
from govcrawl.discover.links import Link, anchors, column_dir
from govcrawl.discover.listing import ListPage
from govcrawl.discover.probe import ColumnFound, ListedReport
from govcrawl.discover.titles import (
    is_disclosure_text,
    is_report_column_text,
    report_year,
)
from govcrawl.middlewares import REAL_URL
from govcrawl.portals import PORTALS, Portal, portal_for_url, use_registry
from spiders.base import GovPortalSpider

MAX_HOPS = 3
USAGE = "usage: scrapy crawl portal -a url=<homepage or column> | -a slug=<portal>"


class PortalSpider(GovPortalSpider):
    name = "portal"

    def __init__(
        self, url: str = "", slug: str = "", probe: str = "", *args: Any, **kwargs: Any
    ) -> None:
        if bool(url) == bool(slug):
            raise ValueError(USAGE)
        if slug:
            # Spider arguments become attributes (scrapy.Spider): the run, its
            # progress lines and crawl-all's summary then name the portal.
            adapter = registered(slug).adapter or None
            kwargs |= {"name": slug, "portal_slug": slug, "adapter": adapter}
        super().__init__(*args, **kwargs)
        self.entry_url = url
        self.probe = probe not in ("", "0")
        known = portal_for_url(url) if url else None
        self.slug = slug or (known.slug if known else urlsplit(url).hostname or url)

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        spider = super().from_crawler(crawler, *args, **kwargs)
        # update_settings ran before the slug was known: a shell portal of the
        # registry gets the browser handler here (settings are not frozen yet).
        slug = spider.portal_slug
        if (
            slug
            and PORTALS[slug].needs_js
            and crawler.settings.getbool("GOVCRAWL_RENDER_JS")
        ):
            crawler.settings.set("DOWNLOAD_HANDLERS", BROWSER_HANDLERS, "spider")
        return spider

    @property
    def portal(self) -> Portal:
        """The registry entry; from a URL, the portal it names (a feed export reads
        every attribute of the spider)."""
        if self.portal_slug:
            return PORTALS[self.portal_slug]
        host = urlsplit(self.entry_url).hostname or ""
        return portal_for_url(self.entry_url) or Portal(
            self.slug, "", (host,), (self.entry_url,)
        )

    @property
    def portal_name(self) -> str:
        return self.slug

    async def start(self) -> AsyncIterator[Any]:
        if self.portal_slug:
            async for request in super().start():
                yield request
            return
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
            if self.probe:
                url = response.meta.get(REAL_URL, response.url)
                yield ColumnFound(url, adapter.name)
            column_url = column_dir(response.url)
            yield from self.follow_list(response, page, column_url, adapter.name)
            return
        yield from self.next_hops(response)

    def follow_list(
        self, response: TextResponse, page: ListPage, column: str, adapter: str = ""
    ) -> Iterator[Any]:
        """In a probe, the report rows are listed, not fetched."""
        reports = (self.parse_report, self.parse_attachment)
        for out in super().follow_list(response, page, column, adapter):
            if (
                self.probe
                and isinstance(out, scrapy.Request)
                and out.callback in reports
            ):
                yield listed_report(out)
            else:
                yield out

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


def listed_report(request: scrapy.Request) -> ListedReport:
    row: Link = request.meta["row"]
    list_url = request.meta["list_url"]
    return ListedReport(row.url, row.text, request.meta["year"], row.date, list_url)


def registered(slug: str) -> Portal:
    if slug not in PORTALS:
        known = ", ".join(PORTALS)
        raise ValueError(f"no portal {slug!r} in the registry (known: {known})")
    return PORTALS[slug]


def registry_spider(portal: Portal) -> type[Spider]:
    """A spider for a registry entry, as the thin modules in spiders/ are written."""
    attributes = {
        "name": portal.slug,
        "portal_slug": portal.slug,
        "adapter": portal.adapter or None,
        "__module__": __name__,
        "__doc__": f"{portal.name or portal.slug}: an entry of the portal registry.",
    }
    return type(f"Registry_{portal.slug}", (GovPortalSpider,), attributes)


class RegistrySpiderLoader(SpiderLoader):
    """The spiders of SPIDER_MODULES, plus one per registry slug no module names.
    GOVCRAWL_PORTALS (the user registry) is read here, once per crawl process."""

    def __init__(self, settings: BaseSettings) -> None:
        use_registry(Config.from_settings(settings).portals)
        super().__init__(settings)
        for slug, portal in PORTALS.items():
            self._spiders.setdefault(slug, registry_spider(portal))
