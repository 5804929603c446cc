"""Rows of a store file as dicts, each read in a connection of its own: how the crawl
tests look at what a crawl stored."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any


def stored_rows(db: Path, sql: str, *params: Any) -> list[dict[str, Any]]:
    with closing(sqlite3.connect(db)) as connection:
        connection.row_factory = sqlite3.Row
        return [dict(row) for row in connection.execute(sql, params)]


@dataclass
class CrawlRun:
    """A finished crawl: its store file and its log."""

    db: Path
    log: str

    def rows(self, sql: str, *params: Any) -> list[dict[str, Any]]:
        return stored_rows(self.db, sql, *params)
