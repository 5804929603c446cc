"""The reports' full-text index (reports_fts, trigram), brought up to date in batches.

Indexing one report's text in its own transaction cost about 2 ms of CPU (FTS5
writes a segment per commit and merges them), six times storing the rest of the
report; 64 reports in one transaction cost about 0.8 ms each. So a stored or
re-derived report only joins reports_fts_pending (migration m015's triggers) and
index_pending() indexes what is pending in one transaction: when FTS_BATCH reports
wait, when a writer closes the file (close_db) and when one opens it (open_db, after
a crash). Between two batches, search misses at most FTS_BATCH - 1 new reports of
each writer (a writer counts what it queued; another's join its next batch);
nothing else reads the index.

Batches of 256 with an 8 MiB pending-terms hash (FTS5's 'hashsize', 1 MiB by default,
which flushed a segment every ~70 reference reports whatever the batch) cost 40% fewer
instructions a report than 64 up to 1,000 reports and 10% fewer at 4,000 (merges of
older segments then weigh more), measured with callgrind over the indexing alone.
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from sqlite_utils import Database

FTS_BATCH = 256
HASHSIZE = 8 * 1024 * 1024
PENDING = "reports_fts_pending"
# Segments of one level FTS5 merges at a time (its 'automerge' option, kept in the
# index's config; migration m017): 16, the most, where the default 4 rewrote each
# token twice as often. Searches read more segments, and were no slower for it: at
# 5,000 reports a phrase count took 8.7 ms against 12.6, a ranked top 20 2.5 against 3.1.
AUTOMERGE = 16

# An indexed report whose title or text changes leaves the index at once (an
# external-content 'delete' must name the old values) and waits with the new ones.
TRIGGERS = (
    f"""
    create trigger reports_ai after insert on reports begin
      insert or ignore into {PENDING} (report_id) values (new.id);
    end""",
    f"""
    create trigger reports_au after update of title, text on reports
    when (old.title is not new.title or old.text is not new.text)
      and old.id not in (select report_id from {PENDING})
    begin
      insert into reports_fts (reports_fts, rowid, title, text)
        values ('delete', old.id, old.title, old.text);
      insert into {PENDING} (report_id) values (new.id);
    end""",
    f"""
    create trigger reports_ad after delete on reports begin
      insert into reports_fts (reports_fts, rowid, title, text)
        select 'delete', old.id, old.title, old.text
        where old.id not in (select report_id from {PENDING});
      delete from {PENDING} where report_id = old.id;
    end""",
)


def create_pending(db: Database) -> None:
    """The pending table and its triggers, in place of sqlite-utils' FTS triggers
    (which index in the writing transaction)."""
    db.execute(f"create table {PENDING} (report_id integer primary key)")
    for name in ("reports_ai", "reports_au", "reports_ad"):
        db.execute(f"drop trigger if exists {name}")
    for trigger in TRIGGERS:
        db.execute(trigger)


def set_option(db: Database, option: str, value: int) -> None:
    """One of FTS5's configuration options of reports_fts ('automerge', 'hashsize'),
    kept in the index's own config table."""
    db.execute(
        "insert into reports_fts (reports_fts, rank) values (?, ?)", [option, value]
    )


# Reports each connection knows are pending (see index_if_due).
_queued: WeakKeyDictionary[Database, int] = WeakKeyDictionary()


def index_pending(db: Database) -> int:
    """Index every pending report in one transaction; returns how many."""
    with db.atomic():
        (count,) = db.execute(f"select count(*) from {PENDING}").fetchone()
        if count:
            db.execute(
                "insert into reports_fts (rowid, title, text)"
                f" select r.id, r.title, r.text from {PENDING} p"
                " join reports r on r.id = p.report_id order by r.id"
            )
            db.execute(f"delete from {PENDING}")
    _queued[db] = 0
    return int(count)


def index_if_due(db: Database, queued: int | None = None) -> None:
    """index_pending() once FTS_BATCH reports wait, outside any transaction.
    queued: how many reports the caller's write added to the pending table, when it
    knows (a report stored: 1, unchanged: 0); the pending table is then counted only
    once this connection's own count reaches FTS_BATCH, not after every report.
    Another writer's pending reports join the batch that count then finds."""
    known = _queued.get(db)
    if queued is not None and known is not None:
        _queued[db] = known = known + queued
        if known < FTS_BATCH:
            return
    if db.conn.in_transaction:
        return
    (count,) = db.execute(
        f"select count(*) from (select 1 from {PENDING} limit ?)", [FTS_BATCH]
    ).fetchone()
    _queued[db] = count
    if count >= FTS_BATCH:
        index_pending(db)
