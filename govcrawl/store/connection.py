"""A store connection whose write transactions take SQLite's write lock when they
begin, so several crawl processes (a distributed crawl) can write one file.

A deferred transaction (plain BEGIN, what sqlite-utils and the sqlite3 module issue)
that reads before it writes holds a snapshot; when another process commits first,
SQLite refuses the upgrade to a writer at once with "database is locked", without
waiting out the busy timeout. BEGIN IMMEDIATE waits for the lock instead (BUSY_SECONDS, SQLite's busy handler),
and is tried again when SQLite still answers busy (a checkpoint or WAL recovery by
another process): two `govcrawl load` runs on one file then both finish.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Generator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database

from govcrawl.store.search import index_pending

# How long a writer waits for another's transaction; then BEGIN is tried again.
BUSY_SECONDS = 30.0
BEGIN_ATTEMPTS = 5


class StoreDatabase(Database):
    def __init__(self, path: str | Path) -> None:
        connection = sqlite3.connect(
            str(path), isolation_level="IMMEDIATE", timeout=BUSY_SECONDS
        )
        super().__init__(connection)

    @contextmanager
    def atomic(self) -> Generator[Database, None, None]:
        if self.conn.in_transaction:
            with super().atomic():
                yield self
            return
        self._begin()
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

    def _begin(self) -> None:
        for attempt in range(1, BEGIN_ATTEMPTS + 1):
            try:
                self.conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as error:
                if "locked" not in str(error) or attempt == BEGIN_ATTEMPTS:
                    raise


def close_db(db: Database) -> None:
    """Move the WAL's pages into the .db file and close: the .db alone then holds
    the data (copying it without its -wal lost everything). Another process still
    writing keeps its part of the WAL; SQLite checkpoints what it can. Reports still
    waiting for the full-text index are indexed first."""
    index_pending(db)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
