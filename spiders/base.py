"""GovPortalSpider: list pages -> report pages, for every portal and CMS family.

Portal facts live in govcrawl.portals; list parsing in govcrawl.discover.cms. A
portal spider only names its portal (and, when known, its CMS adapter)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

import scrapy
from scrapy.http import Response, TextResponse
from scrapy_playwright.page import PageMethod
from twisted.python.failure import Failure

from govcrawl.attachments import attachment_kind
from govcrawl.browser import browser_refusals
from govcrawl.config import Config
from govcrawl.dates import utc_now
from govcrawl.discover.blocked import blocked_reason
from govcrawl.discover.cms import adapter_named, select_adapter
from govcrawl.discover.links import (
    Link,
    anchors,
    column_dir,
    subcolumn_links,
)
from govcrawl.discover.listing import Fetch, ListPage
from govcrawl.discover.report_files import is_document
from govcrawl.discover.report_page import read_report_page
from govcrawl.discover.titles import report_year
from govcrawl.failures import failure_message, failure_reason
from govcrawl.items import BlockedPage, FailedRequest, ReportPage
from govcrawl.middlewares import REAL_URL
from govcrawl.portals import PORTALS, Portal
from pipelines.workers import on_workers
from spiders.list_reading import HeldPages, ListReading, meta_of

# Challenge and error statuses must reach the spider to be recorded as blocked.
BLOCKING_STATUSES = [202, 403, 404, 410, 412, 500, 502, 503, 521]


def header_dict(response: Response) -> dict[str, str]:
    return {
        key.decode("latin-1").lower(): b", ".join(values).decode("latin-1")
        for key, values in response.headers.items()
    }


@dataclass(frozen=True)
class Parent:
    """The report page an attachment was linked from (small: it rides in meta)."""

    url: str
    title: str
    published: str | None


def request_kind(callback: Any, spider: GovPortalSpider) -> str:
    """What a failed request was for: a report page, a report file or a list."""
    if callback == spider.parse_report:
        return "report"
    if callback == spider.parse_attachment:
        return "attachment"
    return "list"


class GovPortalSpider(ListReading):
    portal_slug: ClassVar[str] = ""
    # None: choose the adapter by fingerprint on every list page.
    adapter: ClassVar[str | None] = None
    handle_httpstatus_list = BLOCKING_STATUSES

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.seen_rows: set[str] = set()
        # Row URLs each list (by its first page) has shown so far.
        self.list_rows: dict[str, set[str]] = {}
        # Title reading builds its tables (opencc's 4,000 characters, 0.1 s) on first
        # use: at start-up, then, not on the first list page.
        report_year("")

    @property
    def portal(self) -> Portal:
        return PORTALS[self.portal_slug]

    @property
    def portal_name(self) -> str:
        return self.portal_slug

    def render_js(self) -> bool:
        # The generic spider has no registered portal: it renders gaps, not shells.
        portal = PORTALS.get(self.portal_slug)
        needs_js = bool(portal and portal.needs_js)
        return needs_js and self.settings.getbool("GOVCRAWL_RENDER_JS")

    async def start(self) -> AsyncIterator[Any]:
        first = self.render_js() and Config.from_settings(self.settings).render_first
        for url in self.portal.start_urls:
            missing = list(self.can_render(url)) if first else []
            for failure in missing:
                yield failure
            fetch = Fetch(url, self.adapter or "", js=first and not missing)
            yield self.list_request(fetch, column_dir(url))

    def list_request(
        self,
        fetch: Fetch,
        column: str,
        referer: str | None = None,
        list_url: str | None = None,
    ) -> scrapy.Request:
        """list_url: the first page of the list a pager fetch belongs to."""
        meta: dict[str, Any] = {"adapter": fetch.adapter, "column": column}
        meta["referer"] = referer
        meta["list_url"] = list_url or fetch.url
        if fetch.js:
            meta["playwright"] = True
            meta["playwright_page_methods"] = [
                PageMethod("wait_for_load_state", "networkidle")
            ]
        return scrapy.Request(
            fetch.url,
            callback=self.parse_list,
            errback=self.failed,
            method=fetch.method,
            body=fetch.body,
            headers=dict(fetch.headers),
            meta=meta,
        )

    def blocked(self, response: Response, *, page: bool = True) -> BlockedPage | None:
        """A response that is not what was linked: a challenge, an error, a soft 404,
        a homepage redirect or, where an HTML page was linked (page), a binary body."""
        requested = response.meta.get(REAL_URL, response.url)
        if response.meta.get("redirect_urls") and requested == response.url:
            requested = response.meta["redirect_urls"][0]
        reason = blocked_reason(
            response.status,
            header_dict(response),
            response.body,
            requested_url=requested,
            final_url=response.url,
        )
        # Scrapy types a body by its URL when the Content-Type names no text type, so
        # a PDF behind an .shtml link arrives as an HtmlResponse (and crashed parsel).
        binary = not isinstance(response, TextResponse) or bool(
            attachment_kind(response.url, response.body)
        )
        if reason is None and page and binary:
            reason = "not-a-page"  # a binary body where an HTML page was linked
        if reason is None:
            return None
        self.logger.warning("blocked %s: %s", requested, reason)
        return BlockedPage(
            url=requested,
            portal=self.portal_name,
            reason=reason,
            status=response.status,
            body=response.body,
            headers=header_dict(response),
            fetched_at=utc_now(),
            fetched_url=response.url if response.url != requested else None,
            redirects=self.redirects_of(response),
        )

    def parse_list(self, response: Response) -> Iterator[Any]:
        blocked = self.blocked(response)
        if blocked is not None:
            yield blocked
            retry = self.column_retry(response, blocked)
            if retry is not None:
                yield retry
            return
        assert isinstance(response, TextResponse)  # blocked() records other bodies
        name = response.meta.get("adapter")
        adapter = (
            adapter_named(name) if name else select_adapter(response.url, response.text)
        )
        page = adapter.parse_list(
            response.url, response.text, response.meta.get("referer")
        )
        yield from self.follow_list(
            response, page, response.meta["column"], adapter.name
        )
        yield from self.rendered_retry(response, page)

    def follow_list(
        self, response: TextResponse, page: ListPage, column: str, adapter: str = ""
    ) -> Iterator[Any]:
        new = [row for row in page.entries if row.url not in self.seen_rows]
        self.seen_rows.update(row.url for row in new)
        for row in new:
            year = report_year(row.text)
            if year is not None and is_document(row.url):
                yield self.attachment_request(row.url, row, year, response.url, None)
            elif year is not None:
                yield self.report_request(row, year, response.url)
        list_url = meta_of(response).get("list_url", response.url)
        added = any(report_year(row.text) for row in new)
        more, held = self.next_list_pages(list_url, page.more, added)
        if held.cut:
            yield self.list_cut(response.url, held)
        yield self.list_seen(response, page, adapter or "unknown", len(more), held)
        yield from self.walk_pager(response, page)
        for fetch in self.while_running(more):
            yield self.list_request(fetch, column, response.url, list_url)
        content_type = response.headers.get("Content-Type") or b"text/html"
        if b"html" in content_type.lower():
            for link in subcolumn_links(anchors(response.text, response.url), column):
                yield self.list_request(Fetch(link.url, ""), column_dir(link.url))

    def list_cut(self, url: str, held: HeldPages) -> FailedRequest:
        return FailedRequest(
            url=url,
            portal=self.portal_name,
            reason="list:capped",
            message=held.reason or "",
            kind="list",
            failed_at=utc_now(),
        )

    def report_request(self, row: Link, year: int, list_url: str) -> scrapy.Request:
        meta = {"row": row, "year": year, "list_url": list_url}
        return scrapy.Request(
            row.url, callback=self.parse_report, errback=self.failed, meta=meta
        )

    def attachment_request(
        self, url: str, row: Link, year: int, list_url: str, parent: Parent | None
    ) -> scrapy.Request:
        """A report file: linked from its report page (parent) or from a list row."""
        meta = {"row": row, "year": year, "list_url": list_url, "parent": parent}
        return scrapy.Request(
            url, callback=self.parse_attachment, errback=self.failed, meta=meta
        )

    def failed(self, failure: Failure) -> Iterator[FailedRequest]:
        """A download that failed after its retries becomes a record, not a log line:
        timeouts, resets, truncated or oversized bodies, redirect loops."""
        request = failure.request  # type: ignore[attr-defined]
        url = request.meta.get(REAL_URL, request.url)
        error = failure.value
        if error is None:  # Twisted types it optional; an errback always has one
            raise RuntimeError(f"failure without an exception for {url}")
        reason = failure_reason(error)
        self.logger.error("failed %s: %s", url, reason)
        yield FailedRequest(
            url=url,
            portal=self.portal_name,
            reason=reason,
            message=failure_message(error),
            kind=request_kind(request.callback, self),
            failed_at=utc_now(),
        )
        # What the browser refused on the page (govcrawl.browser_handler).
        yield from browser_refusals(request.meta, self.portal_name)

    async def parse_report(self, response: Response) -> AsyncIterator[Any]:
        blocked = self.blocked(response)
        if blocked is not None:
            yield blocked
            return
        assert isinstance(response, TextResponse)  # blocked() records other bodies
        row: Link = response.meta["row"]
        # One tree of the page, built in a worker process (the crawl's pool) when
        # there is one: the page's metadata, attachment links and report files.
        read = await on_workers(
            getattr(self, "crawler", None),
            read_report_page,
            response.text,
            response.url,
            row.text,
            response.meta["year"],
        )
        page = ReportPage(
            url=response.url,
            portal=self.portal_name,
            title=read.title,
            year=read.year,
            published=read.published or row.date,
            body=response.body,
            headers=header_dict(response),
            status=response.status,
            fetched_at=utc_now(),
            list_url=response.meta["list_url"],
            attachments=read.attachments,
            redirects=self.redirects_of(response),
        )
        yield page
        parent = Parent(page.url, page.title, page.published)
        for url in read.files:
            yield self.attachment_request(
                url, row, read.year, page.list_url or "", parent
            )

    def parse_attachment(self, response: Response) -> Iterator[Any]:
        """The report as a file (PDF, Word, WPS, OFD), a page of its own kind that
        names the report page linking it (parent_url)."""
        blocked = self.blocked(response, page=False)
        if blocked is not None:
            yield blocked
            return
        row: Link = response.meta["row"]
        parent: Parent | None = response.meta["parent"]
        yield ReportPage(
            url=response.url,
            portal=self.portal_name,
            title=parent.title if parent else row.text,
            year=response.meta["year"],
            published=parent.published if parent else row.date,
            body=response.body,
            headers=header_dict(response),
            status=response.status,
            fetched_at=utc_now(),
            kind=attachment_kind(response.url, response.body) or "html",
            list_url=response.meta["list_url"],
            parent_url=parent.url if parent else None,
            redirects=self.redirects_of(response),
        )
