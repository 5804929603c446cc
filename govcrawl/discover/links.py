"""Links on list and column pages: anchors with their titles and row dates."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit, urlunsplit

from parsel import Selector

from govcrawl.dates import iso_date

_SKIP_SCHEMES = ("javascript:", "mailto:", "tel:", "#")
# Article URL dialects on the five portals' platforms (spec/portals.md §2).
ARTICLE_URL = re.compile(
    r"/\d{5,}\.s?html?$"  # panzhihua /{col}/4372216.shtml, heyang 19-digit ids
    r"|/content_\d+\.html?$"  # Hunan platform
    r"|/\d{6}/[0-9a-f]{32}\.shtml$"  # hexmon c{id}/{YYYYMM}/{hex}
    r"|/\d{6}/\d+\.shtml$"  # hegang /hegang/{col}/{YYYYMM}/{id}
    r"|/t\d{8}_\d+\.s?html?$"  # TRS t-date
    r"|/art_\w+\.html$"  # Hanweb
    r"|/info/\d+/\d+\.htm$",  # VSB
    re.I,
)


@dataclass(frozen=True)
class Link:
    url: str
    text: str
    date: str | None = None


def clean_url(base_url: str, href: str) -> str | None:
    """Absolute URL without fragment; None for script, mail and anchor links."""
    href = href.strip()
    if not href or href.lower().startswith(_SKIP_SCHEMES):
        return None
    parts = urlsplit(urljoin(base_url, href))
    if parts.scheme not in ("http", "https"):
        return None
    return urlunsplit(parts._replace(fragment=""))


def anchors(html: str, base_url: str, container: str = "body") -> list[Link]:
    """Anchors inside the CSS container, each with its title and its row's date."""
    selector = Selector(text=html)
    found: list[Link] = []
    for anchor in selector.css(f"{container} a"):
        url = clean_url(base_url, anchor.attrib.get("href", ""))
        if url is None:
            continue
        text = anchor.attrib.get("title") or " ".join(anchor.css("::text").getall())
        found.append(Link(url, " ".join(text.split()), row_date(anchor)))
    return found


def row_date(anchor: Selector) -> str | None:
    """The date printed in the anchor's row: its <li>, <tr> or <dl> (Pingtan's TRS
    lists put it in a sibling <dd>), else its parent when that holds no other link
    (a <span> or <em> beside the anchor in a <div> or <p>)."""
    row = anchor.xpath("ancestor::li[1]|ancestor::tr[1]|ancestor::dl[1]")
    if not row:
        parent = anchor.xpath("..")
        row = parent if len(parent.css("a")) == 1 else row
    return iso_date(" ".join(row[0].css("::text").getall())) if row else None


def is_article_url(url: str) -> bool:
    return bool(ARTICLE_URL.search(urlsplit(url).path))


def column_dir(url: str) -> str:
    """The column a list URL belongs to: its URL up to the last slash."""
    parts = urlsplit(url)
    path = (
        parts.path if parts.path.endswith("/") else parts.path.rsplit("/", 1)[0] + "/"
    )
    return urlunsplit(parts._replace(path=path, query="", fragment=""))


def subcolumn_links(links: list[Link], column: str) -> list[Link]:
    """Links to per-organ or per-year sub-columns: below the column, not articles.

    A list at the site root has no column directory, so no sub-columns."""
    if urlsplit(column).path in ("", "/"):
        return []
    return [
        link
        for link in links
        if link.url.startswith(column)
        and column_dir(link.url) != column
        and not is_article_url(link.url)
        and not urlsplit(link.url).query
    ]


# Index pages a column folder is served as; a menu link to one that answers 404
# (平潭's …/zfxxgknb/nlist.htm) does not mean the column is gone.
_COLUMN_INDEXES = ("", "index.htm", "index.html", "index.shtml", "nlist.htm")


def column_variants(url: str) -> list[str]:
    """The column folder of a list URL and its usual index pages, in trying order."""
    folder = column_dir(url)
    return [folder + name for name in _COLUMN_INDEXES if folder + name != url]
