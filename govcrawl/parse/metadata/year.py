"""The year reported on: the title's, else the statistics period the body states,
else (a guess) the year the opening text names most."""

from __future__ import annotations

import re
from collections import Counter

_CN_DIGITS = str.maketrans("〇零○一二三四五六七八九", "000123456789")
_TITLE_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_PERIOD = (
    re.compile(r"(?:统计|統計)期限?[^。]{0,12}?((?:19|20)\d{2})年1月1日"),
    re.compile(r"((?:19|20)\d{2})年1月1日(?:起)?(?:至|到|—|-)(?:\1年)?12月31日"),
)
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
# 一、总体情况 / 2020年以来,合阳县坚持…: the overview opens on the year reported.
_OVERVIEW = re.compile(r"总体情况|總體情況|概述")
_OPENS_ON_YEAR = re.compile(
    r"(?:^|[。！？\s])((?:19|20)\d{2})\s*年度?(?:以来|来|全年)?\s*[,，]"
)
_OPENING = 3000


def title_year(title: str) -> int | None:
    """The last year the title prints (2023年, 2023 alone, 二〇二三年)."""
    years = _TITLE_YEAR.findall(title.translate(_CN_DIGITS))
    return int(years[-1]) if years else None


def period_year(text: str) -> int | None:
    for pattern in _PERIOD:
        found = pattern.search(text)
        if found:
            return int(found.group(1))
    return None


def common_year(text: str) -> int | None:
    years = Counter(_YEAR.findall(text[:_OPENING]))
    return int(years.most_common(1)[0][0]) if years else None


def overview_year(text: str) -> int | None:
    """The year the overview's first sentence opens on."""
    start = _OVERVIEW.search(text[:_OPENING])
    if start is None:
        return None
    found = _OPENS_ON_YEAR.search(text, start.end(), start.end() + 200)
    return int(found.group(1)) if found else None
