"""Metadata of a report page: title and publish date from the standard meta tags
(ArticleTitle, PubDate; spec §2), else from the page header line."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import cast

from lxml import etree
from parsel import Selector

from govcrawl.dates import iso_date
from govcrawl.discover.selector import Page, as_selector

_PUBLISHED_LINE = re.compile(
    r"(?:发布时间|发布日期|发文日期|时间)\s*[:：]\s*(\d{4}[-./年]\d{1,2}[-./月]\d{1,2})"
)
_META_TITLE = ("ArticleTitle", "UCAPTITLE", "title")
_META_DATE = ("PubDate", "PUBLISHTIME", "pubdate")
# Plain strings: lxml's default "smart" strings each keep a link to their element,
# half the time of reading a report page's text.
_BODY_TEXT = etree.XPath("//body//text()", smart_strings=False)


@dataclass(frozen=True)
class DetailMeta:
    title: str | None
    published: str | None


def _meta(selector: Selector, names: tuple[str, ...]) -> str | None:
    for name in names:
        value = selector.css(f'meta[name="{name}"]::attr(content)').get()
        if value and value.strip():
            return " ".join(value.split())
    return None


def detail_meta(page: Page) -> DetailMeta:
    selector = as_selector(page)
    title = _meta(selector, _META_TITLE) or selector.css("title::text").get()
    date_text = _meta(selector, _META_DATE)
    published = iso_date(date_text) if date_text else None
    if published is None:
        # The lxml tree's own strings: parsel would wrap every text node of the
        # page in a Selector first, the slowest step of reading a report page.
        text = " ".join(cast(list[str], _BODY_TEXT(selector.root)))
        found = _PUBLISHED_LINE.search(text)
        published = iso_date(found.group(1)) if found else None
    return DetailMeta(" ".join(title.split()) if title else None, published)
