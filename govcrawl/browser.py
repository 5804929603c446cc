"""The browser that renders a JavaScript list shell: whether it is there, the
download handlers that drive it, and what it may load."""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from playwright.async_api import Request


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
    "http": "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler",
    "https": "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler",
}
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
