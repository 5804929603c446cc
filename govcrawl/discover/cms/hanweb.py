"""Hanweb 大汉 JCMS columns (spec §2 B): the first rows sit in an embedded
<datastore>; later rows come from dataproxy.jsp, by POST (startrecord/endrecord) or
by GET (page=N) depending on the site."""

from __future__ import annotations

import math
import re
from urllib.parse import parse_qs, urlencode, urljoin, urlsplit

from govcrawl.discover.links import Link, anchors
from govcrawl.discover.listing import Fetch, ListPage, PageRun
from govcrawl.discover.totals import declared_total

# CDATA ends at the first ]]>; stopping at the next opener too keeps an unclosed
# record from being rescanned by every later one (linear time on hostile lists).
_RECORD = re.compile(
    r"<record>\s*<!\[CDATA\[((?:(?!\]\]>|<record>).)*)\]\]>\s*</record>", re.S
)
_NEXTGROUP = re.compile(
    r"<nextgroup>\s*<!\[CDATA\[((?:(?!\]\]>|<nextgroup>).)*)\]\]>", re.S
)
_PROXY = re.compile(r"proxyUrl\s*:\s*['\"]([^'\"]+)['\"]")
_TOTAL_RECORD = re.compile(r"(?:totalRecord\s*:\s*|<totalrecord>)\s*(\d+)", re.I)
_PER_PAGE = re.compile(r"perPage\s*:\s*['\"]?(\d+)")
_PARAM = r"""['"]?{name}['"]?\s*[:=]\s*['"]?([\w-]+)"""
_FORM_KEYS = ("webid", "columnid", "unitid", "webname")
_DEFAULT_PROXY = "/module/web/jpage/dataproxy.jsp"
_PAGES_PER_CALL = 3


def records(text: str, url: str) -> list[Link]:
    rows = []
    for record in _RECORD.findall(text):
        rows += anchors(record, url)
    return rows


def column_params(text: str) -> dict[str, str]:
    """webid, columnid, unitid (and webname) read from the column page source."""
    params: dict[str, str] = {}
    for key in _FORM_KEYS:
        found = re.search(_PARAM.format(name=key), text, re.I)
        if found:
            params[key] = found.group(1)
    return params


def _first(pattern: re.Pattern[str], text: str, default: int) -> int:
    found = pattern.search(text)
    return int(found.group(1)) if found else default


def post_fetches(proxy: str, params: dict[str, str], total: int, per: int) -> PageRun:
    form = urlencode(
        {"col": "1", "appid": "1", "path": "/", "sourceContentType": "1"}
        | params
        | {"permissiontype": "0"}
    )
    headers = (("Content-Type", "application/x-www-form-urlencoded"),)

    def fetch(start: int) -> Fetch:
        end = min(total, start + per * _PAGES_PER_CALL - 1)
        query = urlencode({"startrecord": start, "endrecord": end, "perpage": per})
        return Fetch(f"{proxy}?{query}", "hanweb", "POST", form, headers)

    return PageRun(range(1, total + 1, per * _PAGES_PER_CALL), fetch)


def get_fetches(nextgroup_url: str, pages: int) -> PageRun:
    parts = urlsplit(nextgroup_url)
    query = {key: values[0] for key, values in parse_qs(parts.query).items()}

    def fetch(number: int) -> Fetch:
        paged = parts._replace(query=urlencode(query | {"page": number}))
        return Fetch(paged.geturl(), "hanweb")

    return PageRun(range(2, pages + 1), fetch)


class HanwebAdapter:
    name = "hanweb"

    def fingerprint(self, url: str, text: str) -> bool:
        return "<datastore>" in text or "dataproxy.jsp" in text

    def parse_list(self, url: str, text: str, referer: str | None = None) -> ListPage:
        page = ListPage(entries=records(text, url))
        if "dataproxy.jsp" in urlsplit(url).path:
            return page
        page.declared = declared_total(text, len(page.entries))
        total = _first(_TOTAL_RECORD, text, len(page.entries))
        per = max(1, _first(_PER_PAGE, text, len(page.entries)))
        nextgroup = _NEXTGROUP.search(text)
        link = (
            re.search(r"href=['\"]([^'\"]+)", nextgroup.group(1)) if nextgroup else None
        )
        if link and "page=" in link.group(1):
            page.more = get_fetches(urljoin(url, link.group(1)), math.ceil(total / per))
        else:
            found = _PROXY.search(text)
            proxy = urljoin(url, found.group(1) if found else _DEFAULT_PROXY)
            page.more = post_fetches(proxy, column_params(text), total, per)
        return page
