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
from govcrawl.patterns import lazy

_TITLE_MAX = 100
_SAME_HEADING = 3
# Where a heading can end: its report word before a space or the line's end.
_REPORT_WORD = re.compile(r"(?:年度报告|年度報告|年报|年報|报告|報告)(?=\s|$)")
_TITLE_FIELD = re.compile(
    r"^(?:标题|標題|名称|名稱|题名|文章标题|信息名称|文件名称)\s*[:：]\s*"
)
# A sentence, a citation (《…》), a breadcrumb (首页 > …) or a field is no heading.
_NOT_HEADING = lazy(
    rf"[，。；！？,;、《》“”»›→]|\.{{3}}|…|\s>|>\s|>>|(?<=[{CJK}])>(?=[{CJK}])"
)
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)|[〇零一二三四五六七八九]{4}年")
_YEAR_PIECE = re.compile(r"^(?:19|20)\d{2}\s*年?度?$")
# The first line of a two-line heading: an organ, maybe with its year.
_ORGAN_PIECE = lazy(
    rf"^(?:(?:19|20)\d{{2}}\s*年?度?)?[{CJK}()（）·]{{2,40}}?{ORGAN_END}"
    rf"(?:\s*(?:19|20)\d{{2}}\s*年?度?)?$"
)
_PHRASE_PIECE = lazy(rf"^[{CJK}()（）·\d\s]{{2,40}}(?:信息公开|信息公開)(?:工作)?$")
_HEADING_WORD = lazy(rf"^[{CJK}()（）·\d]+$")
_PIECE_MAX = 40
_SPLIT_PHRASE = re.compile(
    r"政府信息公[开開](?:工作)?(?:年度)?(?:工作)?(?:报告|報告|年报|年報)"
)
_ASCII_LEAD = lazy(
    r"^[A-Za-z0-9.\-_/:]+\.(?:com|cn|net|org|cc|top|vip)(?=[\u4e00-\u9fff])"
)
_LEVEL = re.compile(r"[省市县区旗盟州乡镇]|街道|地区|苏木")


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
    return first or _undated_heading(printed, header_end(lines))


def _undated_heading(printed: Sequence[str], end: int) -> Heading | None:
    """Without a dated heading, a whole line naming its organ and the report
    (xiangqiao.gov.cn: 湘桥区教育局政府信息公开工作年度报告); the year then comes
    from the body."""
    for index in range(end):
        line = bare(printed[index])
        if (
            len(line) <= _TITLE_MAX
            and _NOT_HEADING.search(line) is None
            and _HEADING_WORD.match(line) is not None
            and title_organ(line) is not None
        ):
            return Heading(line, index, True, None)
    return None


def _heading_at(printed: Sequence[str], index: int) -> Heading | None:
    # A mirror's domain glued before the organ: puroview.com沙头镇 / 2008年….
    previous = _ASCII_LEAD.sub("", bare(printed[index - 1])) if index else ""
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
    """The shortest run of words before the report word that names the report with
    its organ, widened left within the line (PDF text spaces words apart: …苏木 2021
    年政府信息 公开工作年度报告), then to the line before (an organ, its year, the
    head of the report phrase); else the shortest that names the report at all."""
    words = text.split()
    found: list[str] = []
    title = words.pop()
    while True:
        if _names_dated_report(title):
            if not _wants_more(title):
                return _heading(title, index)
            found.append(title)
        if words and _word_joins(words[-1]):
            title = f"{words.pop()} {title}"
            continue
        break
    if previous and _NOT_HEADING.search(previous) is None and _joins(previous, title):
        joined = f"{previous}{title}"
        if _names_dated_report(joined) and (not found or not _wants_more(joined)):
            return _heading(joined, index)
    return _heading(found[0], index) if found else None


def _heading(title: str, index: int) -> Heading | None:
    if len(title) > _TITLE_MAX:
        return None
    half = len(title) // 2
    if len(title) % 2 == 0 and title[:half] == title[half:]:
        title = title[:half]
    return Heading(title, index, title_organ(title) is not None, title_year(title))


def _names_dated_report(title: str) -> bool:
    return (
        _NOT_HEADING.search(title) is None
        and names_report(title)
        and _YEAR.search(title) is not None
    )


def _wants_more(title: str) -> bool:
    """No organ yet, or one without any place (卫生健康办公室) that the line before
    may carry (武汉市东湖生态旅游风景区管理委员会 / 卫生健康办公室2023年…)."""
    organ = title_organ(title)
    return organ is None or _LEVEL.search(organ) is None


def _word_joins(word: str) -> bool:
    return (
        len(word) <= _PIECE_MAX
        and _NOT_HEADING.search(word) is None
        and FIELD.match(word) is None
        and not names_report(word)
        and _HEADING_WORD.match(word) is not None
    )


def _joins(piece: str, title: str) -> bool:
    if names_report(piece) or FIELD.match(piece):
        return False
    if _ORGAN_PIECE.match(piece) or _YEAR_PIECE.match(piece):
        return True
    if _splits_phrase(piece, title):
        return True
    return not names_report(title) and bool(_PHRASE_PIECE.match(piece))


def _splits_phrase(piece: str, title: str) -> bool:
    """The line break falls inside the report phrase (dabu.gov.cn: 大埔县三河镇人民政府
    2023年政府信息 / 公开工作年度报告)."""
    if len(piece) > _PIECE_MAX or _HEADING_WORD.match(piece) is None:
        return False
    return any(
        found.start() < len(piece) < found.end()
        for found in _SPLIT_PHRASE.finditer(piece + title)
    )
