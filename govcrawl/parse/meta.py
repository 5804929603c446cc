"""Report metadata: title, agency, the year reported on, and the publish date."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from govcrawl.dates import date_of, iso_date
from govcrawl.normalize import CJK

_TITLE_WORDS = ("报告", "年报")
_TITLE_MAX = 80
_TITLE_LINES = 8
_CN_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_STATISTICS_PERIOD = re.compile(
    r"(?:统计|統計)期限?[^。]{0,12}?((?:19|20)\d{2})年1月1日"
)
_LABELLED_DATE = re.compile(
    r"(?:发布时间|发布日期|发文日期|成文日期)\s*[:：]?\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})"
)
_DATE_LINE = re.compile(
    r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$"
)
_SIGNATURE_DATE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
_ORGAN = re.compile(
    r"(?:政府|局|委员会|委|办公室|厅|院|中心|街道办事处|管委会|乡|镇|街道)$"
)
_PLACE = re.compile(r"[省市县区乡镇旗州盟]$")
_YEAR_TAIL = re.compile(r"(?<!\s)\s*年度?")
_SIGNATURE_MAX = 30
_SIGNATURE_LINES = 6


def is_heading(line: str) -> bool:
    return bool(re.match(r"^[一二三四五六][、.,，]", line))


def find_title(lines: Sequence[str], meta: dict[str, str]) -> str | None:
    for index, line in enumerate(lines[:_TITLE_LINES]):
        if is_heading(line):
            break
        if any(word in line for word in _TITLE_WORDS) and len(line) <= _TITLE_MAX:
            return line
        following = lines[index + 1] if index + 1 < len(lines) else ""
        joined = line + following
        if following.endswith(_TITLE_WORDS) and len(joined) <= _TITLE_MAX:
            return joined
    title = meta.get("ArticleTitle") or meta.get("title", "")
    return title if any(word in title for word in _TITLE_WORDS) else None


def find_year(title: str | None, text: str) -> int | None:
    """The year reported on: from the title, the statistics period, or the text."""
    if title:
        found = _YEAR.search(title.translate(_CN_DIGITS))
        if found:
            return int(found.group(1))
    period = _STATISTICS_PERIOD.search(text)
    if period:
        return int(period.group(1))
    years = Counter(_YEAR.findall(text[:3000]))
    return int(years.most_common(1)[0][0]) if years else None


def find_published(lines: Sequence[str], meta: dict[str, str]) -> str | None:
    for line in lines[:10]:
        found = _LABELLED_DATE.search(line) or _DATE_LINE.match(line)
        if found:
            return date_of(*found.groups())
    for line in lines[-_SIGNATURE_LINES:]:
        found = _SIGNATURE_DATE.match(line)
        if found:
            return date_of(*found.groups())
    return iso_date(meta.get("PubDate", ""))


def find_agency(lines: Sequence[str], title: str | None, text: str) -> str | None:
    signature = _signature(lines)
    if signature:
        return signature
    if title:
        organ = _title_organ(title)
        if organ:
            return _expand(organ, text)
    found = re.search(rf"(?<![{CJK}])([{CJK}]{{2,8}}?[省市县区縣區旗])人民政府", text)
    return found.group(0) if found else None


def _signature(lines: Sequence[str]) -> str | None:
    tail = list(lines[-_SIGNATURE_LINES:])
    for index in range(len(tail) - 1, 0, -1):
        if _SIGNATURE_DATE.match(tail[index]):
            candidate = tail[index - 1]
            if len(candidate) <= _SIGNATURE_MAX and _ORGAN.search(candidate):
                return candidate
    return None


def _title_organ(title: str) -> str | None:
    before, after = _title_organ_parts(title)
    organ = (before or after).strip()
    if organ.endswith("人民"):
        organ += "政府"
    if _PLACE.search(organ):
        organ += "人民政府"
    return organ or None


def _title_organ_parts(title: str) -> tuple[str, str]:
    """`{before}{year}{after}(政府)信息公开`: before is what precedes the last year
    ahead of 信息公开, after the digit-free rest. Scanned once from the end: the
    regex this replaces retried every split point (quadratic on a long title)."""
    end = title.find("信息公开")
    if end < 0:
        return "", ""
    prefix = title[:end].removesuffix("政府")
    start = len(prefix)
    while start and not prefix[start - 1].isdecimal():
        start -= 1
    if start == 0:
        return "", prefix
    year = _YEAR_TAIL.match(prefix, start)
    if start >= 4 and prefix[start - 4 : start].isdecimal() and year:
        return prefix[: start - 4], prefix[year.end() :]
    return prefix[:start], prefix[start:]


def _expand(organ: str, text: str) -> str:
    """工农区人民政府 -> 鹤岗市工农区人民政府 when the text names the city."""
    pattern = rf"(?<![{CJK}])[{CJK}]{{1,4}}?[省市县州盟]{re.escape(organ)}"
    found = re.search(pattern, text)
    return found.group(0) if found else organ
