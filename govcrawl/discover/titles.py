"""Recognise a 政府信息公开工作年度报告 by its title and read the year it reports on."""

from __future__ import annotations

import re

from govcrawl.normalize import fold_width, strip_pinyin, to_simplified
from govcrawl.patterns import lazy

# The year may sit before 政府信息公开 or inside it: 和田县…信息公开工作2023年度报告;
# 临潭县卫生健康局 2022年度政府信息公开工作的报告.
_REPORT_END = re.compile(
    r"(?:信息|政务)公开(?:工作)?(?:开展)?(?:(?:19|20)\d{2}年度?)?(?:工作)?的?"
    r"(?:年度报告|年度工作报告|年报|报告)$"
)
# The English version some portals publish beside the report.
_ENGLISH = re.compile(
    r"annual\s+report\b.*\binformation\s+disclosure\b.*?\b((?:19|20)\d{2})\b", re.I
)
# A file name's extension, as list entries for attachments print it.
_EXTENSION = re.compile(r"\.(?:docx?|pdf|wps|ofd|xlsx?)$", re.I)
# The year reported on: 2023年, or a bare 2023 run into the next word
# (利辛县望疃镇2023政府信息公开…), never a number inside a brand (2024欧洲杯).
_YEAR = re.compile(
    r"(?<!\d)((?:19|20)\d{2})(?=年|度|政府|政务|信息|工作)|^((?:19|20)\d{2})"
)
# A trailing organ or note in brackets: …年度报告(区发改局).
_TRAILING_NOTE = lazy(r"[(\[【][^()\[\]【】]*[)\]】]$")
# An HTML <title> joins the document, its column and the site:
# "…年度报告 - 政府信息公开年报 - 某局", "…年度报告_某县人民政府".
# Each separator starts where a run of blanks starts, so a title of blanks is read
# once, not once from each of its positions.
_TITLE_PARTS = lazy(
    r"(?<!\s)\s*[_|｜]\s*|(?<!\s)\s+[-—–]+\s+|(?<!\s)\s*[—–]{2,}\s*"
    r"|(?<=[\u4e00-\u9fff])[-—–](?=[\u4e00-\u9fff])"
)
# 二〇二三年度…: a year in Chinese numerals reads as 2023年度.
_CN_DIGITS = str.maketrans("〇零○一二三四五六七八九", "000123456789")
# About a report, not the report: 文字解读:…年度报告, 图解…, news of its release.
_ABOUT_REPORT = re.compile(r"解读|图解|解析|读懂|问答|发布会|印发|报送|转发")
_ABOUT_REPORT_EN = re.compile(r"interpretation|notice|guide", re.I)
_FIRST_YEAR = 2007


def normalise_title(title: str) -> str:
    """Simplified, half-width, without pinyin annotations or spaces."""
    text = fold_width(to_simplified(strip_pinyin(title)))
    return re.sub(r"\s+", "", text)


def report_year(title: str) -> int | None:
    """The year reported on when the title names an annual report, else None.

    Guidance notices (关于做好2023年度…年度报告编制发布工作的通知), 解读 of a
    report and column names without a year are not reports."""
    english = _ENGLISH.search(title)
    if english and not _ABOUT_REPORT_EN.search(title):
        return _known_year(int(english.group(1)))
    for part in _TITLE_PARTS.split(fold_width(strip_pinyin(title))):
        year = _part_year(_EXTENSION.sub("", normalise_title(part)))
        if year is not None:
            return year
    return None


def _part_year(text: str) -> int | None:
    while _TRAILING_NOTE.search(text):
        text = _TRAILING_NOTE.sub("", text)
    if not _REPORT_END.search(text) or _ABOUT_REPORT.search(text):
        return None
    years = [a or b for a, b in _YEAR.findall(text.translate(_CN_DIGITS))]
    return _known_year(int(years[-1])) if years else None


def _known_year(year: int) -> int | None:
    return year if year >= _FIRST_YEAR else None


def names_report(text: str) -> bool:
    """The text ends as a report title does (…政府信息公开工作年度报告), year or not."""
    text = normalise_title(text)
    while _TRAILING_NOTE.search(text):
        text = _TRAILING_NOTE.sub("", text)
    return bool(_REPORT_END.search(text)) and not _ABOUT_REPORT.search(text)


def is_report_column_text(text: str) -> bool:
    """Link text of an annual-report column: 政府信息公开年报, 年度报告, 公开年报.

    Column names carry no year: a dated title is a report or a notice about one."""
    text = normalise_title(text)
    return bool(re.search(r"年报|年度报告", text)) and not _YEAR.search(text)


def is_disclosure_text(text: str) -> bool:
    """Link text of the disclosure section that holds the annual-report column."""
    text = normalise_title(text)
    return bool(re.search(r"(?:政府|政务)?信息公开|政务公开", text))
