"""Opening a store file: one process at a time brings its schema up to date
(govcrawl.store.schema, schema_later), under WAL."""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database

from govcrawl.store.connection import StoreDatabase
from govcrawl.store.schema_later import migrations
from govcrawl.store.search import index_pending

# Page cache of a store connection, in KiB (SQLite's own default is 2,000).
CACHE_KIB = 16_000
# WAL pages written before SQLite copies them into the .db file (its default: 1,000).
# A reference report writes about 25, so the default checkpointed (and synced) every
# 40 reports, 0.64-0.72 ms a report; every 400 it costs 0.33-0.40 ms. The WAL then
# grows to about 40 MB between checkpoints, and close_db() truncates it.
WAL_CHECKPOINT_PAGES = 10_000


@contextmanager
def schema_lock(path: str | Path) -> Iterator[None]:
    """One process at a time brings a store file's schema up to date: the workers of
    a distributed crawl open a new file at the same moment, and two migration runs
    would both create the same tables."""
    with open(f"{path}.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def open_db(path: str | Path) -> Database:
    """Open (or create) the store file, bring its schema up to date, use WAL."""
    db = StoreDatabase(path)
    with schema_lock(path):
        db.enable_wal()
        # WAL with synchronous=NORMAL cannot corrupt the file and survives a crashed
        # crawl; only a power cut may lose the last commits, which a re-crawl restores.
        # FULL synced every commit: 40% of the time spent storing a report.
        db.execute("PRAGMA synchronous = NORMAL")
        # A writer re-reads the index b-trees' and FTS5 segments' pages it touched a
        # few reports before; SQLite's default 2 MB cache sent 22 reads (88 KiB) a
        # reference report to the OS, 16 MB sends 15 (58 KiB), 64 MB 10.
        db.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        db.execute(f"PRAGMA wal_autocheckpoint = {WAL_CHECKPOINT_PAGES}")
        db.execute("PRAGMA foreign_keys = ON")
        migrations.apply(db)
    # What a crashed writer left for the full-text index.
    index_pending(db)
    return db
