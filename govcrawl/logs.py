"""Log lines a person can read: an item is one short line naming what it is and
where it came from, never its body (Scrapy's default printed each report page's
bytes, 65,000-character lines)."""

from __future__ import annotations

import logging
from typing import Any

from scrapy import Spider
from scrapy.http import Response
from scrapy.logformatter import LogFormatter, LogFormatterResult
from twisted.python.failure import Failure

# Fields that say which item it is; bodies, headers and parsed tables are left out.
_NAMED = ("reason", "year", "kind", "entries", "declared")


def item_line(item: Any) -> str:
    """`ReportPage https://… year=2023 kind=html`: class, URL and naming fields."""
    target = getattr(item, "page", item)  # later stages wrap the fetched page
    parts = [type(item).__name__, str(getattr(target, "url", ""))]
    for name in _NAMED:
        value = getattr(target, name, None)
        if value is not None:
            parts.append(f"{name}={value}")
    return " ".join(parts)


class ShortLogFormatter(LogFormatter):
    def scraped(
        self, item: Any, response: Response | Failure | None, spider: Spider
    ) -> LogFormatterResult:
        line = item_line(item)
        return {"level": logging.DEBUG, "msg": "item %(item)s", "args": {"item": line}}

    def dropped(
        self,
        item: Any,
        exception: BaseException,
        response: Response | Failure | None,
        spider: Spider,
    ) -> LogFormatterResult:
        return {
            "level": logging.WARNING,
            "msg": "dropped %(item)s: %(exception)s",
            "args": {"item": item_line(item), "exception": exception},
        }

    def item_error(
        self,
        item: Any,
        exception: BaseException,
        response: Response | Failure | None,
        spider: Spider,
    ) -> LogFormatterResult:
        return {
            "level": logging.ERROR,
            "msg": "error processing %(item)s",
            "args": {"item": item_line(item)},
        }
