"""Responses that are not pages: anti-bot challenges, soft 404s, homepage redirects."""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import urlsplit

_RUISHU = (b"$_ts", b"r='m'", b'r="m"')
_COOKIE_RELOAD = re.compile(
    rb"document\.cookie\s*=.{0,400}location\.(?:reload|href)", re.S
)
_SOFT_404 = ("非法请求".encode(), "非法请求".encode("gbk"))
_HOME_PATHS = ("", "/", "/index.html", "/index.htm", "/index.shtml")
_TINY_PAGE = 2048
# A page that is not there is not a page withheld: 404 and 410 are their own reason.
_GONE = (404, 410)


def challenge_reason(
    status: int, headers: Mapping[str, str], body: bytes
) -> str | None:
    """瑞数 412/202, 加速乐 521 and cookie-reload stubs, by status and by body."""
    cookies = headers.get("set-cookie", "")
    if (
        status == 521
        or "x-via-jsl" in headers
        or b"__jsluid" in body
        or "__jsluid" in cookies
    ):
        return "challenge:jiasule"
    if any(marker in body for marker in _RUISHU):
        return "challenge:ruishu"
    if status in (202, 412):
        return f"challenge:status-{status}"
    if len(body) < _TINY_PAGE and _COOKIE_RELOAD.search(body):
        return "challenge:cookie-reload"
    return None


def is_homepage_redirect(requested_url: str, final_url: str) -> bool:
    """A deep URL that landed on the site root (column moved or removed)."""
    asked, landed = urlsplit(requested_url), urlsplit(final_url)
    return landed.path in _HOME_PATHS and asked.path not in _HOME_PATHS


def blocked_reason(
    status: int,
    headers: Mapping[str, str],
    body: bytes,
    *,
    requested_url: str,
    final_url: str,
) -> str | None:
    """Why this response must not be parsed as a page, or None when it is a page.

    headers: lower-cased names."""
    challenge = challenge_reason(status, headers, body)
    if challenge:
        return challenge
    if status in _GONE:
        return "not-found"
    if status >= 400:
        return f"http:{status}"
    if b"404" in body and any(marker in body for marker in _SOFT_404):
        return "soft-404"
    if is_homepage_redirect(requested_url, final_url):
        return "redirect:homepage"
    return None
