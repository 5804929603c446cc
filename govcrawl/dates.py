"""Dates as pages print them (2023-01-19 10:00, 2023/1/9, 2023年1月9日) to YYYY-MM-DD."""

from __future__ import annotations

import datetime as dt
import re
from datetime import UTC

_ANY_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")


def date_of(year: str, month: str, day: str) -> str | None:
    """YYYY-MM-DD, or None for a date that does not exist (2023-02-30)."""
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def iso_date(text: str) -> str | None:
    """The first valid date in the text as YYYY-MM-DD, or None."""
    found = _ANY_DATE.search(text)
    return date_of(*found.groups()) if found else None


def utc_now() -> str:
    """A fetch or run timestamp: UTC, to the second."""
    return dt.datetime.now(UTC).isoformat(timespec="seconds")
