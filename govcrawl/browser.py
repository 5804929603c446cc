"""What the browser may load when it renders a JavaScript list shell."""

from __future__ import annotations

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
