"""Recognise a 政府信息公开工作年度报告 by its title and read the year it reports on."""

from __future__ import annotations

import re

from govcrawl.normalize import fold_width, strip_pinyin, to_simplified

# The year may sit before 政府信息公开 or inside it: 和田县…信息公开工作2023年度报告.
_REPORT_END = re.compile(
    r"(?:信息|政务)公开(?:工作)?(?:(?:19|20)\d{2}年度?)?(?:工作)?(?:年度报告|年度工作报告|年报|报告)$"
)
_YEAR = re.compile(r"((?:19|20)\d{2})年")
# A trailing organ or note in brackets: …年度报告(区发改局).
_TRAILING_NOTE = re.compile(r"[(\[【][^()\[\]【】]*[)\]】]$")
_FIRST_YEAR = 2007


def normalise_title(title: str) -> str:
    """Simplified, half-width, without pinyin annotations or spaces."""
    text = fold_width(to_simplified(strip_pinyin(title)))
    return re.sub(r"\s+", "", text)


def report_year(title: str) -> int | None:
    """The year reported on when the title names an annual report, else None.

    Guidance notices (关于做好2023年度…年度报告编制发布工作的通知) and column names
    without a year are not reports."""
    text = normalise_title(title)
    while _TRAILING_NOTE.search(text):
        text = _TRAILING_NOTE.sub("", text)
    if not _REPORT_END.search(text):
        return None
    found = _YEAR.search(text)
    if found is None or int(found.group(1)) < _FIRST_YEAR:
        return None
    return int(found.group(1))


def is_report_column_text(text: str) -> bool:
    """Link text of an annual-report column: 政府信息公开年报, 年度报告, 公开年报.

    Column names carry no year: a dated title is a report or a notice about one."""
    text = normalise_title(text)
    return bool(re.search(r"年报|年度报告", text)) and not _YEAR.search(text)


def is_disclosure_text(text: str) -> bool:
    """Link text of the disclosure section that holds the annual-report column."""
    text = normalise_title(text)
    return bool(re.search(r"(?:政府|政务)?信息公开|政务公开", text))
