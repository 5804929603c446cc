"""Where each table sits in the token stream, found by its anchors and the section
headings around it (headings are matched on numeral plus keyword: wording drifts)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, count
from operator import attrgetter

from govcrawl.parse.labels import exact
from govcrawl.parse.tokens import Token
from govcrawl.template import (
    REQUEST_GROUPS,
    REQUEST_HEADER_NOTE,
    REQUEST_HEADER_WRAPPER,
    REQUEST_ROWS,
    SECTIONS,
)

_HEADING = re.compile(r"^([一二三四五六])[、.,]")
_HEADING_MAX = 40
BLOCK_TITLE = re.compile(r"^(?:第二十条)?第\(?([一二三四五六七八九十]+)\)?项$")
_TABLE_LABELS = (*REQUEST_ROWS, *REQUEST_GROUPS)
_SECTION_ORDER = [key for key, _, _ in SECTIONS]
# Table 四's first header cell; a page's text content glues its header row into one.
_REVIEW_STARTS = frozenset({"行政复议", "行政复议行政诉讼"})


@dataclass(frozen=True)
class Region:
    start: int
    end: int


@lru_cache(maxsize=16384)
def section_of(key: str) -> str | None:
    """The section a heading opens (given its token's key), or None when it is no
    heading; the answer depends on the key only, and keys repeat across reports."""
    found = _HEADING.match(key)
    if not found or len(key) > _HEADING_MAX:
        return None
    if any(exact(key, label) for label in _TABLE_LABELS):
        return None
    for section, numeral, words in SECTIONS:
        if numeral == found.group(1) and any(word in key for word in words):
            return section
    return None


def _first(keys: Sequence[str], start: int, test: Callable[[str], bool]) -> int | None:
    # The tests are cached per key, so map calls them from C over the keys.
    return next(compress(count(start), map(test, keys[start:])), None)


@lru_cache(maxsize=16384)
def is_block_title(key: str) -> bool:
    return bool(BLOCK_TITLE.match(key))


@lru_cache(maxsize=16384)
def _is_request_start(key: str) -> bool:
    return (
        REQUEST_HEADER_NOTE in key
        or key == REQUEST_HEADER_WRAPPER
        or exact(key, REQUEST_ROWS[0])
    )


@lru_cache(maxsize=16384)
def _is_review_start(key: str) -> bool:
    return key in _REVIEW_STARTS


def _end(headings: dict[int, str], start: int, after: str, limit: int) -> int:
    """The first heading of a section later than `after`, or the limit."""
    rank = _SECTION_ORDER.index(after)
    later = [
        index
        for index, section in headings.items()
        if index > start and _SECTION_ORDER.index(section) > rank
    ]
    return min([*later, limit])


def locate(
    tokens: Sequence[Token], keys: Sequence[str] | None = None
) -> dict[str, Region | None]:
    """`keys`: the tokens' keys, when the caller has them."""
    if keys is None:
        keys = list(map(attrgetter("key"), tokens))
    sections = list(map(section_of, keys))
    headings = {i: s for i in compress(count(), sections) if (s := sections[i])}
    size = len(tokens)
    proactive = _first(keys, 0, is_block_title)
    requests = _first(keys, proactive or 0, _is_request_start)
    review_from = requests if requests is not None else (proactive or 0)
    review = _first(keys, review_from, _is_review_start)
    regions: dict[str, Region | None] = {}
    limits = (
        ("proactive", proactive, "s2_proactive", requests),
        ("requests", requests, "s3_requests", review),
        ("review_litigation", review, "s4_review_litigation", None),
    )
    for name, start, section, next_start in limits:
        limit = size if next_start is None else next_start
        regions[name] = (
            None
            if start is None
            else Region(start, _end(headings, start, section, limit))
        )
    return regions
