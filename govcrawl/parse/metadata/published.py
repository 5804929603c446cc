"""The page's own publication date, as its header prints it: under any of the labels
portals use, after its label on the same line, the next line or the next table
cell, or alone on a line under the title; the signature's date as a stand-in."""

from __future__ import annotations

import re
from collections.abc import Sequence

from govcrawl.dates import date_of
from govcrawl.parse.metadata.lines import bare, header_end
from govcrawl.patterns import lazy

_DATE = r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})"
# Ranked: the publication date, then a bare 时间/日期, then the document's own dates
# (公文生成日期 2023-01-06 above 时间:2023-01-11, the day it went online). 生效日期
# and 废止日期 are no label here: the boundary before 日期 refuses them.
_LABELS = (
    "发布日期|发布时间|發布日期|發布時間|公开日期|公開日期|公开时间|发表日期|发表时间"
    "|发稿时间|发稿日期|上网时间|上网日期|信息提供日期|生成日期|撰写时间|撰稿时间",
    "时间|日期|時間",
    "公文生成日期|成文日期|发文日期|发文时间|印发日期|成文时间",
)
# Dates that are not the page's publication: in force, repealed, updated, the
# statistics period's end, an application's.
_NOT_PUBLISHED_WORDS = "生效 废止 失效 截止 有效 实施 更新 开始 结束 办理 受理 答复 申请 统计 成文 发文 生成 印发 公文"
_NOT_PUBLISHED = "".join(f"(?<!{word})" for word in _NOT_PUBLISHED_WORDS.split())
_SEPARATOR = r"[\s:：|｜\[【(（]*"
# A bare 时间/日期 may be glued to the field before it (来源:泰宁县卫生健康局时间:…).
_RANKED = [
    re.compile(rf"(?<!公文)(?:{labels}){_SEPARATOR}{_DATE}")
    if rank != 1
    else re.compile(rf"{_NOT_PUBLISHED}(?:{labels}){_SEPARATOR}{_DATE}")
    for rank, labels in enumerate(_LABELS)
]
_LABEL_ALONE = re.compile(rf"^(?:{'|'.join(_LABELS)})\s*[:：]?$")
_DATE_FIRST = re.compile(
    rf"^[(（]?{_DATE}日?[)）]?(?:\s+\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?(?:\s+\D{{0,40}})?$"
)
# A byline under the title: 中央政府門戶網站 www.gov.cn 2010年04月06日 來源:…,
# 2021-03-2918:26, 生活百科 2023-01-26 17:49….
_BYLINE_DATE = re.compile(
    rf"(?:^|\s){_DATE}日?(?:\s*\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?(?=\s|$|\D)"
)
_BYLINE_MAX = 80
_DATE_ONLY = lazy(rf"^{_DATE}日?$")
_UNDER_TITLE = 6
_CLOSING_SECTION = re.compile(r"^[五六七八][、.．]")
_SECTION_START = re.compile(r"^[一二三四][、.．]")
_SIGNATURE_LINES = 15
_CN_DIGITS = str.maketrans("〇零○Ｏ一二三四五六七八九", "0000123456789")
_CN_DATE = lazy(
    r"^([〇零○Ｏ一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$"
)
_SIGNATURE_DATE = re.compile(rf"^(?:.{{0,30}}?\s)?{_DATE}日?$")


def header_date(lines: Sequence[str], title_line: int | None) -> tuple[str, int] | None:
    """The best-ranked labelled date in the header, and its rank (0 is best);
    an unlabelled date line under the title ranks last."""
    header = _joined_labels([bare(line) for line in lines[: header_end(lines)]])
    for rank, pattern in enumerate(_RANKED):
        for line in header:
            found = pattern.search(line)
            date = date_of(*found.groups()) if found else None
            if date:
                return date, rank
    start = title_line if title_line is not None else 0
    near = header[start : start + _UNDER_TITLE] if title_line is not None else header
    for line in near:
        found = _DATE_FIRST.match(line)
        date = date_of(*found.groups()[:3]) if found else None
        if date:
            return date, len(_RANKED)
    for line in near:
        found = _BYLINE_DATE.search(line) if _is_byline(line) else None
        date = date_of(*found.groups()[:3]) if found else None
        if date:
            return date, len(_RANKED) + 1
    # A metadata block printing its values without their labels (…, 2023-01-13).
    for line in header:
        found = _DATE_ONLY.match(line)
        date = date_of(*found.groups()) if found else None
        if date:
            return date, len(_RANKED) + 2
    return None


def _is_byline(line: str) -> bool:
    return len(line) <= _BYLINE_MAX and not re.search("[。，,；]", line)


def closing_lines(lines: Sequence[str]) -> Sequence[str]:
    """The last lines after the report's closing section (五、… or later): where a
    signature can stand. A page cut short, or a notice's date above the report,
    has none."""
    tail = lines[-_SIGNATURE_LINES:]
    for index in range(len(tail) - 1, -1, -1):
        if _CLOSING_SECTION.match(bare(tail[index])):
            return tail[index + 1 :]
    for line in lines[: len(lines) - len(tail)][::-1]:
        if _CLOSING_SECTION.match(bare(line)):
            return tail
        if _SECTION_START.match(bare(line)):
            break
    return []


def signature_date(lines: Sequence[str]) -> str | None:
    """The date under the signature at the report's end."""
    for line in reversed([bare(line) for line in closing_lines(lines)]):
        date = date_line(line)
        if date:
            return date
    return None


def date_line(line: str) -> str | None:
    found = _SIGNATURE_DATE.match(line)
    if found:
        return date_of(*found.groups())
    chinese = _CN_DATE.match(line.replace(" ", ""))
    if chinese:
        year = chinese.group(1).translate(_CN_DIGITS)
        return date_of(year, *(str(_cn_number(part)) for part in chinese.groups()[1:]))
    return None


def _cn_number(text: str) -> int:
    digits = text.translate(_CN_DIGITS)
    if "十" not in text:
        return int(digits)
    tens, _, ones = digits.partition("十")
    return int(tens or 1) * 10 + int(ones or 0)


def _joined_labels(lines: list[str]) -> list[str]:
    """A label alone on its line (• 发布日期) is read with the line after it."""
    joined: list[str] = []
    for index, line in enumerate(lines):
        if _LABEL_ALONE.match(line) and index + 1 < len(lines):
            joined.append(f"{line} {lines[index + 1]}")
        else:
            joined.append(line)
    return joined
