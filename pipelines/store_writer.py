"""The store's writer process: it holds the crawl's one SQLite connection and writes
each item StorePipeline sends it, in arrival order. Its Python (rows, JSON, hashes)
runs outside the crawl process, so it no longer takes the GIL from Scrapy's thread.

Functions here run in that process only, on its module state: one writer a process."""

from __future__ import annotations

import ctypes
import signal
import sys
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from govcrawl.items import BlockedPage, FailedRequest, ListPageSeen, ValidatedPage
from govcrawl.store import (
    RunCounts,
    finish_run,
    open_db,
    record_blocked,
    start_run,
    store_page,
)
from govcrawl.store.connection import close_db
from govcrawl.store.failures import record_failure
from govcrawl.store.lists import record_list_page, run_reason, settle_lists
from govcrawl.store.sources import Source, store_source


@dataclass
class _Writer:
    db: Database
    run_id: int
    counts: RunCounts = field(default_factory=RunCounts)


_writer: _Writer | None = None


@dataclass(frozen=True)
class Closed:
    """The run's status, why it stored no report (None if it did) and the lists
    that ended short, as `govcrawl/store/*` stats and log lines for the crawl."""

    status: str
    reason: str | None
    short_lists: list[dict[str, Any]]
    reports: int


# prctl(PR_SET_PDEATHSIG): a signal for this process when its parent dies.
_PR_SET_PDEATHSIG = 1


def writer_started() -> None:
    """The crawl process ends the writer, never a signal meant for the crawl: a
    Ctrl-C reaches the whole process group, and the crawl then closes the run
    through this writer. A crawl killed outright takes the writer with it, or the
    writer would hold the run's lock (store.runs) and the next start could not mark
    the run interrupted."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform == "linux":
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


def open_writer(path: str, spider: str) -> int:
    """Open the store and start the run; its crawl_runs id."""
    global _writer
    db = open_db(path)
    _writer = _Writer(db, start_run(db, spider))
    return _writer.run_id


def _open() -> _Writer:
    if _writer is None:
        raise RuntimeError("store writer used before open_writer()")
    return _writer


def store_item(item: Any) -> str | None:
    """Write one item; the `govcrawl/store/` stat it counts (None: not stored)."""
    writer = _open()
    if isinstance(item, ValidatedPage):
        return _store_validated(writer, item)
    if isinstance(item, BlockedPage):
        record_blocked(writer.db, item)
        writer.counts.pages += 1
        writer.counts.blocked += 1
        return "blocked"
    if isinstance(item, FailedRequest):
        record_failure(writer.db, item)
        return "failed"
    if isinstance(item, ListPageSeen):
        record_list_page(writer.db, item, writer.run_id)
        return "list_pages"
    return None


def _store_validated(writer: _Writer, item: ValidatedPage) -> str:
    page = item.page
    source = Source(
        portal=page.portal,
        report_url=page.parent_url or page.url,
        url=page.url,
        kind=page.kind,
        role="attachment" if page.parent_url else "page",
        page_id=store_page(writer.db, page),
        cleaned=item.cleaned,
        report=item.report,
        seen_at=page.fetched_at,
    )
    outcome = store_source(writer.db, source)
    writer.counts.pages += 1
    if page.parent_url:
        # A second source of a report the report page counts: not a report.
        return f"attachment_{outcome.outcome}"
    writer.counts.outcomes[outcome.outcome] += 1
    return outcome.outcome


def close_writer(stats: dict[str, Any], failed: int) -> Closed:
    """Settle the run's lists and close its row, with Scrapy's stats so far."""
    writer = _open()
    short = settle_lists(writer.db, writer.run_id)
    reason = None
    if writer.counts.reports == 0:
        blocked = writer.counts.blocked
        reason = run_reason(writer.db, writer.run_id, blocked=blocked, failed=failed)
    status = finish_run(
        writer.db,
        writer.run_id,
        writer.counts,
        requests=stats.get("downloader/request_count", 0),
        failures=stats.get("log_count/ERROR", 0),
        stats=stats,
        reason=reason,
    )
    close_db(writer.db)
    return Closed(status, reason, short, writer.counts.reports)
