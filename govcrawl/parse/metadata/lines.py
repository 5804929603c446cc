"""The page's lines as the metadata readers see them: table rows as one line of
cells, list bullets gone, and where the header (before the body) ends."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import groupby
from operator import itemgetter

from govcrawl.normalize import CJK
from govcrawl.patterns import lazy

CELL = " | "
_BULLET = re.compile(r"^[•·▪■◆●○◇□\-–*?？]+\s*")
# The body starts at its first section heading: 一、总体情况.
_SECTION = re.compile(r"^[一壹][、.．,，]\s*\S{0,20}$")
HEADER_MAX = 150
_TEXT, _ROW = itemgetter(0), itemgetter(1)
# `标题:`, `发布机构 下各镇`, `来源: …`: a short field name, then its value.
FIELD = lazy(rf"^([{CJK}][{CJK} ]{{0,9}}?)\s*[:：]")


def reading_lines(pairs: Iterable[tuple[str, int | None]]) -> list[str]:
    """Lines of text in reading order from (text, table row) pairs: the cells of a
    table row become one line, joined by CELL."""
    lines: list[str] = []
    for row, group in groupby(pairs, key=_ROW):
        texts = map(_TEXT, group)
        if row is None:
            lines.extend(filter(None, texts))
        else:
            lines.append(CELL.join(texts))
    return [line for line in lines if line.strip(" |")]


def bare(line: str) -> str:
    """A line without its list bullet and outer spaces."""
    return _BULLET.sub("", line.strip()).strip()


def cells(line: str) -> list[str]:
    return [bare(cell) for cell in line.split(CELL) if bare(cell)]


def header_end(lines: Sequence[str]) -> int:
    """Index of the body's first section heading, or of the header's limit."""
    for index, line in enumerate(lines[:HEADER_MAX]):
        if _SECTION.match(bare(line)):
            return index
    return min(len(lines), HEADER_MAX)
