"""scrapy-playwright's download handler, held to the offsite rule (issue 15 item 2).

Scrapy's requests pass govcrawl.offsite; what a rendered page loads or navigates to
(its scripts' `location`, a <meta refresh>, a frame, a picture) went straight from
Chromium. Here every request of the page is judged by
OffsiteMiddleware.browser_refusal before it leaves the browser: the portal's hosts
only, never an address the offsite middleware refuses (resolved off the event loop); a page its script opens
(window.open) too, by the context's route.
A refused navigation is answered 204 No Content, which leaves the page where it is
(an aborted one shows Chromium's error page in its place); one of the page itself or
of a window it opens (not of a frame in it: a widget) is kept under
BROWSER_REFUSED in the request's meta, where govcrawl.browser.BrowserRefusals (after
the page's callback) or the spider's errback records it; a refused subresource is
aborted. A script that navigates while the page is still being parsed keeps the
refused page from ever firing "load": that render times out (recorded, with the
refused navigation). The page's route is set by
scrapy-playwright's page init callback, before the page is loaded; the same rule
also runs first in PLAYWRIGHT_ABORT_REQUEST, so nothing passes if that callback
failed. Playwright's route sees no redirect hop (a 3xx is followed inside
Chromium), so a page that ends off the portal is refused as a whole, unread."""

from __future__ import annotations

import asyncio
import inspect
import logging
from collections.abc import Callable
from functools import partial
from typing import Any
from urllib.parse import urlsplit
from weakref import WeakKeyDictionary, WeakSet

from playwright.async_api import BrowserContext, Page, Route
from playwright.async_api import Request as PlaywrightRequest
from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.http import Response
from scrapy_playwright.handler import ScrapyPlaywrightDownloadHandler

from govcrawl.browser import BROWSER_REFUSED
from govcrawl.offsite import OffsiteMiddleware, OffsiteRequest

logger = logging.getLogger(__name__)
INIT = "playwright_page_init_callback"
Refused = list[tuple[str, str]]


class PortalBrowserHandler(ScrapyPlaywrightDownloadHandler):
    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.offsite = OffsiteMiddleware.from_crawler(crawler)
        self.configured_abort: Callable[[PlaywrightRequest], Any] | None = getattr(
            self, "abort_request", None
        )
        self.abort_request = self.abort
        # Each page being rendered -> its refused navigations; contexts guarded.
        self.pages: WeakKeyDictionary[Page, Refused] = WeakKeyDictionary()
        self.contexts: WeakSet[BrowserContext] = WeakSet()
        self.unplaced: Refused = []

    async def download_request(self, request: Request) -> Response:
        if not request.meta.get("playwright"):
            response: Response = await super().download_request(request)
            return response
        # In the meta before the page loads: an errback sees it too, and a request
        # a refresh or redirect makes of this one carries the same list on.
        refused: Refused = request.meta.setdefault(BROWSER_REFUSED, [])
        own = request.meta.get(INIT)
        request.meta[INIT] = partial(self._guard_page, refused, own)
        try:
            response = await super().download_request(request)
        finally:
            request.meta.pop(INIT)
            if own is not None:
                request.meta[INIT] = own
            refused += self.unplaced
            self.unplaced.clear()
        if response.url != request.url and urlsplit(response.url).scheme in (
            "http",
            "https",
        ):
            why = await self._refusal(response.url)
            if why is not None:
                raise OffsiteRequest(
                    f"{why} (the browser was led there from {request.url})"
                )
        return response

    async def _guard_page(
        self, refused: Refused, own: Any, page: Page, request: Request
    ) -> None:
        self.pages[page] = refused
        # Registered after scrapy-playwright's route, so it runs first.
        await page.route("**", self._route)
        if page.context not in self.contexts:
            # A page a script opens (window.open) has no page route of its own.
            self.contexts.add(page.context)
            await page.context.route("**", self._route)
        if own is not None:
            await _answer(own(page, request))

    async def _route(self, route: Route, request: PlaywrightRequest) -> None:
        why = await self._refusal(request.url)
        if why is None:
            await route.fallback()
            return
        self.stats.inc_value("govcrawl/browser_refused")
        if not request.is_navigation_request():
            logger.info("browser request refused: %s", why)
            await route.abort()
            return
        if _in_a_frame(request):
            # A frame off the portal is a widget (the 天气 iframe on 平潭's pages),
            # kept out as third-party pictures are, not a record.
            logger.info("browser frame refused: %s", why)
        else:
            logger.warning("browser navigation refused: %s", why)
            url = self.offsite.host_map.to_real(request.url) or request.url
            self._refused_on(request).append((url, why))
        await route.fulfill(status=204)

    def _refused_on(self, request: PlaywrightRequest) -> Refused:
        """The list of the rendered page the request was made on. A window's first
        navigation comes before its frame: the next page whose rendering ends
        takes it (the record names the refused URL, not the page)."""
        try:
            page = request.frame.page
        except Exception:  # before the frame, or a service worker's request
            return self.unplaced
        return self.pages.get(page, self.unplaced)

    async def abort(self, request: PlaywrightRequest) -> bool:
        """PLAYWRIGHT_ABORT_REQUEST: the offsite rule, then the configured one."""
        if await self._refusal(request.url) is not None:
            return True
        if self.configured_abort is None:
            return False
        return bool(await _answer(self.configured_abort(request)))

    async def _refusal(self, url: str) -> str | None:
        return await asyncio.to_thread(self.offsite.browser_refusal, url)


def _in_a_frame(request: PlaywrightRequest) -> bool:
    try:
        return request.frame.parent_frame is not None
    except Exception:  # a window's first navigation: its frame is not there yet
        return False


async def _answer(value: Any) -> Any:
    return await value if inspect.isawaitable(value) else value
