"""A store connection whose write transactions take SQLite's write lock when they
begin, so several crawl processes (a distributed crawl) can write one file.

A deferred transaction (plain BEGIN, what sqlite-utils and the sqlite3 module issue)
that reads before it writes holds a snapshot; when another process commits first,
SQLite refuses the upgrade to a writer at once with "database is locked", without
waiting out the busy timeout. BEGIN IMMEDIATE waits for the lock instead.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Generator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database


class StoreDatabase(Database):
    def __init__(self, path: str | Path) -> None:
        super().__init__(sqlite3.connect(str(path), isolation_level="IMMEDIATE"))

    @contextmanager
    def atomic(self) -> Generator[Database, None, None]:
        if self.conn.in_transaction:
            with super().atomic():
                yield self
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            self.rollback()
            raise
        try:
            self.conn.execute("COMMIT")
        except BaseException:
            self.rollback()
            raise


def close_db(db: Database) -> None:
    """Move the WAL's pages into the .db file and close: the .db alone then holds
    the data (copying it without its -wal lost everything). Another process still
    writing keeps its part of the WAL; SQLite checkpoints what it can."""
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
