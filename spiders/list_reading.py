"""What GovPortalSpider does around reading a list: record it (list_pages), retry a
dead column URL, and use the browser only for a list that cannot be read otherwise
(a shell that shows nothing, an in-page pager) and only when Chromium is there."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar

import scrapy
from scrapy.http import Response, TextResponse
from scrapy.settings import BaseSettings
from scrapy_playwright.page import PageMethod
from twisted.python.failure import Failure

from govcrawl.browser import BROWSER_HANDLERS, WALK_PAGER_JS, browser_missing
from govcrawl.config import Config
from govcrawl.dates import utc_now
from govcrawl.discover.links import column_dir, column_variants
from govcrawl.discover.listing import Fetch, ListPage
from govcrawl.discover.titles import report_year
from govcrawl.discover.totals import declared_total
from govcrawl.items import BlockedPage, FailedRequest, ListPageSeen
from govcrawl.middlewares import CHARSET_CONFLICT, REAL_URL, HostMap
from govcrawl.portals import PORTALS

# What a retried column request keeps of the dead one's meta (not the download's).
_COLUMN_META = (
    "referer",
    "hops",
    "via_column",
    "playwright",
    "playwright_page_methods",
)


@dataclass(frozen=True)
class HeldPages:
    """List pages a list page asked for and the spider did not fetch, and why."""

    cut: int = 0
    reason: str | None = None


NO_NEW_REPORT = "next-page chain stopped: this page added no new report"


def meta_of(response: Response) -> dict[str, Any]:
    """The request's meta; none for a response built without a request (tests)."""
    return response.request.meta if response.request is not None else {}


class ListReading(scrapy.Spider):
    """The base of GovPortalSpider, which provides what is declared below."""

    portal_slug: ClassVar[str] = ""
    list_rows: dict[str, set[str]]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # List pages requested per list (by its first page), the first included.
        self.list_requested: dict[str, int] = {}

    # Set when the run's time budget is spent (govcrawl.operate.budget).
    stop_reason: str | None = None

    def while_running(self, fetches: Sequence[Fetch]) -> Iterator[Fetch]:
        """The fetches, until the run is closing (its budget spent, a signal):
        Scrapy drains a callback before it closes, and a list asking for
        thousands of pages held a SIGINT or a spent budget off for as long."""
        crawler = getattr(self, "crawler", None)
        for fetch in fetches:
            engine = crawler.engine if crawler else None
            if self.stop_reason or (engine is not None and not engine.running):
                return
            yield fetch

    @cached_property
    def config(self) -> Config:
        settings = getattr(self, "settings", None)  # none without a crawler (tests)
        return Config.from_settings(settings) if settings is not None else Config()

    def redirects_of(self, response: Response) -> list[str]:
        """The URLs that redirected to the response (3xx, <meta refresh>), first
        requested first, as real portal URLs where the host map rewrote them."""
        host_map = HostMap(dict(self.config.host_map))
        urls = meta_of(response).get("redirect_urls") or []
        return [host_map.to_real(url) or url for url in urls]

    def next_list_pages(
        self, list_url: str, more: Sequence[Fetch], added_report: bool
    ) -> tuple[Sequence[Fetch], HeldPages]:
        """The list pages to fetch next, at most GOVCRAWL_MAX_LIST_PAGES per list.
        A 下一页 chain can run past the last page forever, repeating its rows (2,024
        pages in 90 s): it is followed only from a page that added a new report.
        Counted pagination (index_N, list_N, N.html, PAGENUM) ends by itself and
        its later pages may hold rows a parent column did not list."""
        if more and more[0].adapter == "next_page" and not added_report:
            return [], HeldPages(0, NO_NEW_REPORT)
        cap = self.config.max_list_pages
        requested = self.list_requested.get(list_url, 1)
        taken = more[: max(0, cap - requested)]
        self.list_requested[list_url] = requested + len(taken)
        cut = len(more) - len(taken)
        if not cut:
            return taken, HeldPages()
        reason = (
            f"list:capped: {cut} more list page(s) past GOVCRAWL_MAX_LIST_PAGES "
            f"({cap}) not fetched"
        )
        return taken, HeldPages(cut, reason)

    if TYPE_CHECKING:

        @property
        def portal_name(self) -> str: ...

        def render_js(self) -> bool: ...

        def failed(self, failure: Failure) -> Iterator[FailedRequest]: ...

        def list_request(
            self,
            fetch: Fetch,
            column: str,
            referer: str | None = None,
            list_url: str | None = None,
        ) -> scrapy.Request: ...

    @classmethod
    def update_settings(cls, settings: BaseSettings) -> None:
        super().update_settings(settings)
        portal = PORTALS.get(cls.portal_slug)
        shells = bool(portal and portal.needs_js)
        if settings.getbool("GOVCRAWL_RENDER_JS") and (
            shells or Config.from_settings(settings).render_gaps
        ):
            settings.set("DOWNLOAD_HANDLERS", BROWSER_HANDLERS, priority="spider")

    def can_render(self, url: str) -> Iterator[FailedRequest]:
        """Nothing when Chromium is there; else one failure naming the page."""
        options = self.settings.getdict("PLAYWRIGHT_LAUNCH_OPTIONS")
        missing = browser_missing(url, options)
        if missing:
            self.logger.error("%s", missing)
            yield FailedRequest(
                url, self.portal_name, "browser:missing", missing, "list", utc_now()
            )

    def rendered_retry(self, response: TextResponse, page: ListPage) -> Iterator[Any]:
        """A JavaScript shell that shows no row and asks for no page: the list can
        be read no other way than in the browser."""
        if page.entries or page.more or response.meta.get("playwright"):
            return
        if not self.render_js():
            return
        url = response.meta.get(REAL_URL, response.url)
        missing = list(self.can_render(url))
        if missing:
            yield from missing
            return
        fetch = Fetch(url, response.meta.get("adapter") or "", js=True)
        request = self.list_request(fetch, response.meta["column"])
        yield request.replace(dont_filter=True)

    def column_retry(
        self, response: Response, blocked: BlockedPage
    ) -> scrapy.Request | None:
        """A list or column URL that answers 404/410: the next of its folder's
        index pages, before giving the column up."""
        first_page = response.meta.get("list_url", blocked.url) == blocked.url
        if blocked.reason != "not-found" or not first_page:
            return None
        left = response.meta.get("column_variants")
        left = column_variants(blocked.url) if left is None else left
        if not left:
            return None
        kept = {k: v for k, v in response.meta.items() if k in _COLUMN_META}
        meta = kept | {"column_variants": left[1:], "list_url": left[0]}
        meta |= {"adapter": "", "column": column_dir(left[0])}
        self.logger.info("column %s not found; trying %s", blocked.url, left[0])
        callback = response.request.callback if response.request else None
        return scrapy.Request(
            left[0], callback=callback, errback=self.failed, meta=meta
        )

    def walk_pager(self, response: TextResponse, page: ListPage) -> Iterator[Any]:
        """A list that declares more rows than it serves and pages them only in
        the browser (page.gap): rendered once, its pager walked (GOVCRAWL_RENDER_GAPS)."""
        declared = page.declared
        if not (page.gap and declared and page.row_count < declared.minimum):
            return
        settings = self.settings
        if meta_of(response).get("playwright") or not (
            Config.from_settings(settings).render_gaps
            and settings.getbool("GOVCRAWL_RENDER_JS")
        ):
            return
        url = meta_of(response).get(REAL_URL, response.url)
        missing = list(self.can_render(url))
        if missing:
            yield from missing
            return
        request = self.list_request(
            Fetch(url, "", js=True), column_dir(url), list_url=url
        )
        request.meta["playwright_page_methods"].append(
            PageMethod("evaluate", WALK_PAGER_JS)
        )
        self.logger.info("walking the in-page pager of %s in Chromium", url)
        yield request.replace(dont_filter=True)

    def list_seen(
        self,
        response: TextResponse,
        page: ListPage,
        adapter: str,
        pages: int,
        held: HeldPages | None = None,
    ) -> ListPageSeen:
        """The list_pages record of this page: entries shown, total declared, and
        the list pages it asked for that were not fetched (a gap)."""
        declared = page.declared or declared_total(response.text, page.row_count)
        list_url = meta_of(response).get("list_url", response.url)
        shown = self.list_rows.setdefault(list_url, set())
        fresh = {row.url for row in page.rows} - shown
        shown |= fresh
        return ListPageSeen(
            url=meta_of(response).get(REAL_URL, response.url),
            portal=self.portal_name,
            adapter=adapter,
            list_url=list_url,
            entries=page.row_count,
            fresh=len(fresh),
            reports=sum(1 for row in page.entries if report_year(row.text)),
            pages=pages,
            fetched_at=utc_now(),
            declared=declared.total if declared else None,
            declared_min=declared.minimum if declared else None,
            declared_from=declared.source if declared else None,
            gap="; ".join(filter(None, (page.gap, held.reason if held else None)))
            or None,
            charset_conflict=meta_of(response).get(CHARSET_CONFLICT),
        )
