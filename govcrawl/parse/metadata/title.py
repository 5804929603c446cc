"""The report's heading, wherever it sits in the header: alone on its line, after a
field label (标题:), in a table cell, run into the body's first words, or printed
over two lines (organ, then year and 政府信息公开工作年度报告)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from govcrawl.discover.titles import names_report
from govcrawl.normalize import CJK
from govcrawl.parse.metadata.lines import FIELD, bare, cells, header_end
from govcrawl.parse.metadata.organ import ORGAN_END, title_organ
from govcrawl.parse.metadata.year import title_year

_TITLE_MAX = 100
_SAME_HEADING = 3
# Where a heading can end: its report word before a space or the line's end.
_REPORT_WORD = re.compile(r"(?:年度报告|年度報告|年报|年報|报告|報告)(?=\s|$)")
_TITLE_FIELD = re.compile(
    r"^(?:标题|標題|名称|名稱|题名|文章标题|信息名称|文件名称)\s*[:：]\s*"
)
# A sentence, a citation (《…》), a breadcrumb (首页 > …) or a field is no heading.
_NOT_HEADING = re.compile(r"[，。；！？,;、《》“”\">»›→]|\.{3}|…")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)|[〇零一二三四五六七八九]{4}年")
_YEAR_PIECE = re.compile(r"^(?:19|20)\d{2}\s*年?度?$")
# The first line of a two-line heading: an organ, maybe with its year.
_ORGAN_PIECE = re.compile(
    rf"^[{CJK}()（）·]{{2,40}}?{ORGAN_END}(?:\s*(?:19|20)\d{{2}}\s*年?度?)?$"
)
_PHRASE_PIECE = re.compile(rf"^[{CJK}()（）·]{{2,40}}(?:信息公开|信息公開)(?:工作)?$")


@dataclass(frozen=True)
class Heading:
    text: str
    line: int
    has_organ: bool
    year: int | None


def find_heading(printed: Sequence[str], lines: Sequence[str]) -> Heading | None:
    """The first heading in the header; an organ-less one (2022年政府信息公开工作
    年度报告) gives way to the same report's heading with its organ a few lines on.
    `printed` is the page's script, `lines` the same lines simplified."""
    first: Heading | None = None
    for index in range(header_end(lines)):
        if first is not None and index > first.line + _SAME_HEADING:
            break
        heading = _heading_at(printed, index)
        if heading is None:
            continue
        if heading.has_organ and (first is None or heading.year == first.year):
            return heading
        first = first or heading
    return first


def _heading_at(printed: Sequence[str], index: int) -> Heading | None:
    previous = bare(printed[index - 1]) if index else ""
    for cell in cells(printed[index]):
        text = _TITLE_FIELD.sub("", cell)
        if text == cell and FIELD.match(cell):
            continue
        ending = _REPORT_WORD.search(text)
        while ending is not None:
            heading = _heading_ending(text[: ending.end()], previous, index)
            if heading is not None:
                return heading
            ending = _REPORT_WORD.search(text, ending.end())
    return None


def _heading_ending(text: str, previous: str, index: int) -> Heading | None:
    """The shortest run of words before the report word that names the report,
    widened left (within the line, then to the line before) while it lacks an
    organ or a year and the next piece is one."""
    # (piece, what joins it to the right): the line before joins as printed over
    # two lines, the words of this line with their space.
    pieces = [(word, " ") for word in text.split()]
    if previous and _NOT_HEADING.search(previous) is None:
        pieces.insert(0, (previous, ""))
    title = pieces.pop()[0]
    while pieces and _wants_more(title) and _joins(pieces[-1][0], title):
        piece, joiner = pieces.pop()
        title = f"{piece}{joiner}{title}"
    if len(title) > _TITLE_MAX or _NOT_HEADING.search(title):
        return None
    if not (names_report(title) and _YEAR.search(title)):
        return None
    return Heading(title, index, title_organ(title) is not None, title_year(title))


def _wants_more(title: str) -> bool:
    return not (names_report(title) and _YEAR.search(title) and title_organ(title))


def _joins(piece: str, title: str) -> bool:
    if names_report(piece) or FIELD.match(piece):
        return False
    if _ORGAN_PIECE.match(piece) or _YEAR_PIECE.match(piece):
        return True
    return not names_report(title) and bool(_PHRASE_PIECE.match(piece))
