"""The report's title on an HTML page: spam taken out of <title> and ArticleTitle
(clean pass 2), and the title put back on top of the report (clean pass 7)."""

from __future__ import annotations

import re

from lxml import html

from govcrawl.clean.tamper import find_brands, is_spam_line, remove_brands
from govcrawl.markup import text_of
from govcrawl.model import Removal
from govcrawl.normalize import squash_spaces, strip_pinyin
from govcrawl.patterns import lazy

_TITLE_PARTS = lazy(r"\s*[_|｜]\s*|\s+")
# `report title_site name`, `report title - site name`
_SITE_SUFFIX = lazy(r"(?<!\s)\s*[_|｜]\s*|(?<!\s)\s+-\s+")
# Bounded like the 80-character titles it accepts: `.*` let every `2022年` of a
# hostile title rescan to the end (0.5 MB took 85 s).
_TITLE_MAX = 80
_TITLE_RE = re.compile(rf"\d{{4}}\s*年.{{0,{_TITLE_MAX}}}(?:报告|年报)$")


def clean_titles(meta: dict[str, str]) -> list[Removal]:
    """Keyword spam put into <title> or ArticleTitle by a mirror, whole or as one
    part of a `part_part` / `part | part` title."""
    removed: list[Removal] = []
    for key in ("title", "ArticleTitle"):
        title = meta.get(key, "")
        parts = [part for part in _TITLE_PARTS.split(title) if part]
        dropped = [part for part in parts if is_spam_line(part)]
        if dropped:
            title = " ".join(part for part in parts if part not in dropped)
        title, brands = remove_brands(title, find_brands(title))
        removed += [Removal("spam", part) for part in dropped + brands]
        title = strip_pinyin(title).strip()
        if title:
            meta[key] = title
        else:
            meta.pop(key, None)
    return removed


def report_title(meta: dict[str, str], removed: list[Removal]) -> str | None:
    """The page's own title for the report: ArticleTitle, else the report-shaped
    part of <title> or of a heading around the content (Ucap's UCAPTITLE)."""
    if meta.get("ArticleTitle"):
        return meta["ArticleTitle"]
    candidates = _SITE_SUFFIX.split(meta.get("title", ""))
    for removal in removed:
        if removal.kind == "layout":
            candidates += [
                c for line in removal.text.splitlines() for c in line.split(" | ")
            ]
    return next(
        (c for c in candidates if len(c) <= _TITLE_MAX and _TITLE_RE.search(c)), None
    )


def keep_title(content: html.HtmlElement, title: str | None) -> None:
    """Portals print the title above the body container; put it back on top as
    <h1> so the fragment names its report, unless the body already starts with it."""
    opening = _opening(text_of(content)).replace(" ", "")
    if not title or title.replace(" ", "") in opening:
        return
    heading = html.Element("h1")
    heading.text = title
    heading.tail, content.text = content.text, None
    content.insert(0, heading)


def _opening(text: str, size: int = 200) -> str:
    """squash_spaces(text)[:size], squashing only as much of a long text as needed:
    once a prefix squashes to more than size characters, its first size are final."""
    prefix = squash_spaces(text[: size * 4])
    if len(prefix) > size or len(text) <= size * 4:
        return prefix[:size]
    return squash_spaces(text)[:size]
