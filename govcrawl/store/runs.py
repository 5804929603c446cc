"""One crawl_runs row per spider run: a run that stored no report has failed; a run
whose process died (SIGKILL, a power cut) is marked `interrupted` by the next run
that starts on the same file."""

from __future__ import annotations

import fcntl
import json
import os
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from govcrawl.dates import utc_now
from govcrawl.store.write import Outcome, insert_row

INTERRUPTED = "interrupted"
DIED = "the run's process ended without closing it (killed?)"
# Lock files of the runs this process holds open: a POSIX lock never conflicts
# with its own process, so these are known alive without asking.
_HELD: dict[str, int] = {}


@dataclass
class RunCounts:
    """What one run stored, counted as it goes."""

    pages: int = 0
    blocked: int = 0
    outcomes: Counter[Outcome] = field(default_factory=Counter)

    @property
    def reports(self) -> int:
        return sum(self.outcomes.values())

    def summary(self) -> str:
        return (
            f"{self.reports} reports ({self.outcomes['new']} new, "
            f"{self.outcomes['unchanged']} unchanged, {self.outcomes['changed']} "
            f"changed), {self.pages} pages, {self.blocked} blocked"
        )


def run_status(counts: RunCounts, failures: int) -> str:
    if counts.reports == 0:
        return "failed"
    return "failures" if failures else "ok"


def store_path(db: Database) -> str | None:
    """The file behind the connection; None in memory."""
    for _, name, path in db.execute("pragma database_list").fetchall():
        if name == "main":
            return str(path) or None
    return None


def run_lock(db: Database, run_id: int) -> str | None:
    path = store_path(db)
    return f"{path}.run{run_id}.lock" if path else None


def is_dead(lock: str) -> bool:
    """True when no process holds the run's lock: the run's process is gone. Its
    lock (lockf, released by the kernel however the process ends) is not shared
    with the children it forks, so a flow worker outliving it does not count."""
    if lock in _HELD:
        return False
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    finally:
        os.close(fd)  # closing releases the lock just taken
    return True


def mark_interrupted(db: Database, reason: str = DIED) -> list[int]:
    """Mark the `running` runs whose process is gone `interrupted`; their ids."""
    marked = []
    for (run_id,) in db.execute("select id from crawl_runs where status = 'running'"):
        lock = run_lock(db, run_id)
        if lock is None or not is_dead(lock):
            continue
        db.execute(
            "update crawl_runs set status = ?, finished = ?, reason = ? where id = ?",
            [INTERRUPTED, utc_now(), reason, run_id],
        )
        marked.append(run_id)
        os.unlink(lock)
    return marked


def hold_run(db: Database, run_id: int) -> None:
    lock = run_lock(db, run_id)
    if lock is None:
        return
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    fcntl.lockf(fd, fcntl.LOCK_EX)
    _HELD[lock] = fd


def release_run(db: Database, run_id: int) -> None:
    lock = run_lock(db, run_id)
    fd = _HELD.pop(lock, None) if lock else None
    if lock is None or fd is None:
        return
    os.unlink(lock)
    os.close(fd)


def start_run(db: Database, spider: str, *, started: str | None = None) -> int:
    """A new `running` row, held for as long as this process lives; runs left
    `running` by a process that died are marked `interrupted` first."""
    # One write transaction: a run starting at the same moment elsewhere sees this
    # one only once its lock is held.
    with db.atomic():
        mark_interrupted(db)
        row = {"spider": spider, "started": started or utc_now(), "status": "running"}
        run_id = insert_row(db, "crawl_runs", row)
        hold_run(db, run_id)
    return run_id


def finish_run(
    db: Database,
    run_id: int,
    counts: RunCounts,
    *,
    requests: int = 0,
    failures: int = 0,
    stats: dict[str, Any] | None = None,
    reason: str | None = None,
) -> str:
    """Close the run's row with its counts (reason: why a failed run stored no
    report); returns the run's status."""
    status = run_status(counts, failures)
    db.table("crawl_runs").update(
        run_id,
        {
            "finished": utc_now(),
            "pages": counts.pages,
            "requests": requests,
            "reports": counts.reports,
            "reports_new": counts.outcomes["new"],
            "reports_unchanged": counts.outcomes["unchanged"],
            "reports_changed": counts.outcomes["changed"],
            "blocked": counts.blocked,
            "failures": failures,
            "status": status,
            "reason": reason,
            "stats": json.dumps(stats or {}, ensure_ascii=False, default=str),
        },
    )
    release_run(db, run_id)
    return status


def note_stop(db: Database, run_id: int, why: str) -> None:
    """Add why a run stopped before its end (a time budget, a signal) to its reason."""
    db.execute(
        "update crawl_runs set reason = case when reason is null then ?"
        " else reason || '; ' || ? end where id = ?",
        [why, why, run_id],
    )
    db.conn.commit()
