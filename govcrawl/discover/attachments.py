"""Attachment links on report pages, including those written by document.write."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from parsel import Selector

from govcrawl.discover.links import Link, clean_url
from govcrawl.discover.selector import Page, as_selector

_EXTENSIONS = r"pdf|docx?|wps|ofd|xlsx?|et|zip|rar"
_ATTACHMENT_PATH = re.compile(rf"\.(?:{_EXTENSIONS})$", re.I)
_HANWEB_DOWNLOAD = "/module/download/downfile.jsp"
# TRS writes attachment anchors from script: document.write('<a href="./P0….pdf">').
# The written text stops at the next document.write, so an unclosed call is not
# rescanned from every later one.
_DOCUMENT_WRITE = re.compile(
    r"document\.write(?:ln)?\(\s*(['\"])((?:(?!\1\s*\)|document\.write).)*)\1\s*\)",
    re.S,
)


def is_attachment_url(url: str) -> bool:
    parts = urlsplit(url)
    if parts.path.endswith(_HANWEB_DOWNLOAD):
        return True
    if _ATTACHMENT_PATH.search(parts.path):
        return True
    return any(
        _ATTACHMENT_PATH.search(value)
        for key, values in parse_qs(parts.query).items()
        if key in ("file", "filename")
        for value in values
    )


def _viewer_target(url: str) -> str | None:
    """pdf.js viewer links carry the document in ?file=."""
    parts = urlsplit(url)
    if "viewer" not in parts.path:
        return None
    files = parse_qs(parts.query).get("file")
    return files[0] if files else None


def _candidates(selector: Selector) -> list[tuple[str, str]]:
    """(href, text) of every element that may point at a file."""
    found: list[tuple[str, str]] = []
    for anchor in selector.css("a"):
        text = anchor.attrib.get("title") or " ".join(anchor.css("::text").getall())
        for name in ("href", "oldsrc", "OLDSRC"):
            if name in anchor.attrib:
                found.append((anchor.attrib[name], text))
    for query in ("iframe::attr(src)", "embed::attr(src)", "object::attr(data)"):
        found += [(href, "") for href in selector.css(query).getall()]
    return found


def attachment_anchors(page: Page, base_url: str) -> list[Link]:
    """Attachment links in page order, without duplicate URLs, with their texts."""
    selector = as_selector(page)
    hrefs = _candidates(selector)
    for script in selector.root.xpath("//script/text()"):
        for _, written in _DOCUMENT_WRITE.findall(script):
            hrefs += _candidates(Selector(text=written.replace("\\'", "'")))
    found: dict[str, Link] = {}
    for href, text in hrefs:
        url = clean_url(base_url, href)
        if url is None:
            continue
        target = _viewer_target(url)
        if target is not None:
            url = clean_url(url, target) or url
        if is_attachment_url(url) and url not in found:
            found[url] = Link(url, " ".join(text.split()))
    return list(found.values())


def attachment_links(page: Page, base_url: str) -> list[str]:
    """Absolute attachment URLs in page order, without duplicates."""
    return [link.url for link in attachment_anchors(page, base_url)]
