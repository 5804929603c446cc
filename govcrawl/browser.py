"""The browser that renders a JavaScript list shell: whether it is there, the
download handlers that drive it (govcrawl.browser_handler), and what it may load."""

from __future__ import annotations

import os
import shutil
from collections.abc import AsyncIterable, AsyncIterator, Iterable, Iterator, Mapping
from typing import Any
from urllib.parse import urlsplit

from playwright.async_api import Request
from scrapy.crawler import Crawler
from scrapy.http import Response

from govcrawl.dates import utc_now
from govcrawl.items import FailedRequest

# The navigations the browser refused on a page (URL, why): request meta.
BROWSER_REFUSED = "govcrawl_browser_refused"


def abort_third_party(request: Request) -> bool:
    """Render a list with its own portal's resources only. Third-party widgets (the
    找错 widget from zfwzgl.www.gov.cn, counters, analytics) list no reports, and on the
    fixture portals they would leave 127.0.0.1."""
    if request.is_navigation_request():
        return False
    try:
        page_host = urlsplit(request.frame.url).hostname
    except Exception:  # a service worker's request has no frame: not the list's own
        return True
    return urlsplit(request.url).hostname != page_host


# Set for a spider only when it may render (GovPortalSpider.update_settings): the
# scrapy-playwright handler starts Playwright even for crawls that render nothing.
BROWSER_HANDLERS = {
    "http": "govcrawl.browser_handler.PortalBrowserHandler",
    "https": "govcrawl.browser_handler.PortalBrowserHandler",
}


class BrowserRefusals:
    """Spider middleware: each navigation the browser refused while rendering a
    page (a script or refresh leading off the portal) is recorded after the page's
    own output, as a refused Scrapy request is (`offsite`)."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BrowserRefusals:
        return cls(crawler)

    def process_spider_output(
        self, response: Response, result: Iterable[Any]
    ) -> Iterator[Any]:
        yield from result
        yield from self.refused(response)

    async def process_spider_output_async(
        self, response: Response, result: AsyncIterable[Any]
    ) -> AsyncIterator[Any]:
        async for output in result:
            yield output
        for failed in self.refused(response):
            yield failed

    def refused(self, response: Response) -> Iterator[FailedRequest]:
        spider = self.crawler.spider
        portal = getattr(spider, "portal_name", getattr(spider, "name", ""))
        yield from browser_refusals(response.meta, portal)


def browser_refusals(meta: dict[str, Any], portal: str) -> Iterator[FailedRequest]:
    """The navigations refused while rendering the page, each once: `offsite`."""
    refused = meta.get(BROWSER_REFUSED) or []
    while refused:
        url, why = refused.pop(0)
        yield FailedRequest(url, portal, "offsite", why, "list", utc_now())


INSTALL_HINT = "install it with `apt-get install chromium`"


def chromium_path(launch_options: Mapping[str, Any]) -> str | None:
    """The configured Chromium if it can run, else chromium on PATH, else None."""
    configured = launch_options.get("executable_path")
    if configured and os.access(configured, os.X_OK):
        return str(configured)
    return shutil.which("chromium")


def browser_missing(url: str, launch_options: Mapping[str, Any]) -> str | None:
    """One line naming the page that needs Chromium and how to get it; None when
    Chromium is there."""
    if chromium_path(launch_options):
        return None
    configured = launch_options.get("executable_path") or "PATH"
    return (
        f"{url} can only be listed in a browser and Chromium is missing (not at "
        f"{configured}, not on PATH): {INSTALL_HINT}, or point "
        "PLAYWRIGHT_LAUNCH_OPTIONS executable_path (GOVCRAWL_CHROMIUM) at one"
    )


# Walk a list's in-page pager (TRS list2.trsapi draws one; its pages exist nowhere
# else): click 下一页 until it is gone or the rows stop changing, keeping a copy of
# every page's rows in #govcrawl-walked, which the rendered HTML then carries.
WALK_PAGER_JS = """
async () => {
  const kept = document.createElement('div');
  kept.id = 'govcrawl-walked';
  const rows = () => [...document.querySelectorAll('dl, li, tr')].filter(
    row => row.querySelector('a[href]') && !kept.contains(row));
  const mark = () => rows().map(row => row.querySelector('a[href]').href).join(' ');
  const next = () => [...document.querySelectorAll('a')].find(
    a => ['下一页', '下页', '>'].includes(a.textContent.trim()));
  for (let turn = 0; turn < 200; turn++) {
    rows().forEach(row => kept.appendChild(row.cloneNode(true)));
    const link = next();
    if (!link) break;
    const before = mark();
    link.click();
    for (let wait = 0; wait < 50 && mark() === before; wait++) {
      await new Promise(done => setTimeout(done, 100));
    }
    if (mark() === before) break;
  }
  document.body.appendChild(kept);
}
"""
