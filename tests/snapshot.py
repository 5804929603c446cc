"""What a store file holds, without row ids and clock times, so that two crawls of
the same portals can be compared row for row (duplicates included)."""

from __future__ import annotations

import sqlite3
from collections import Counter
from pathlib import Path
from typing import Any

# Ids differ between files; times (and the Date response header) between runs.
VOLATILE = {
    "id",
    "report_id",
    "page_id",
    "fetched_at",
    "first_seen",
    "last_seen",
    "headers",
}
REPORT_TABLES = (
    "requests",
    "review_litigation",
    "proactive",
    "checks",
    "findings",
)


def columns(db: sqlite3.Connection, table: str) -> list[str]:
    names = [row[1] for row in db.execute(f"pragma table_info({table})")]
    return [name for name in names if name not in VOLATILE]


def table_rows(db: sqlite3.Connection, table: str) -> Counter[tuple[Any, ...]]:
    """Rows as a multiset; report tables carry their report's (url, version)."""
    wanted = ", ".join(f't."{name}"' for name in columns(db, table))
    if table in REPORT_TABLES:
        sql = (
            f"select r.url, r.version, {wanted} from {table} t"
            " join reports r on r.id = t.report_id"
        )
    else:
        sql = f"select {wanted} from {table} t"
    return Counter(db.execute(sql).fetchall())


def snapshot(path: Path) -> dict[str, Counter[tuple[Any, ...]]]:
    with sqlite3.connect(path) as db:
        tables = ("reports", "pages", "blocked_pages", *REPORT_TABLES)
        return {table: table_rows(db, table) for table in tables}


def duplicates(rows: Counter[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    return [row for row, count in rows.items() if count > 1]
