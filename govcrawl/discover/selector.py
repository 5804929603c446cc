"""A fetched page as discover reads it: one parsel Selector per response, shared by
every reader of that page (metadata, attachment links, report files); a string is
parsed here once when no Selector is at hand."""

from __future__ import annotations

from parsel import Selector

Page = Selector | str


def as_selector(page: Page) -> Selector:
    return page if isinstance(page, Selector) else Selector(text=page)
