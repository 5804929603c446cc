"""The store stage: reports, their pages and crawl runs in one SQLite file."""

from govcrawl.store.opening import open_db
from govcrawl.store.runs import RunCounts, finish_run, start_run
from govcrawl.store.write import (
    StoreOutcome,
    page_body,
    record_blocked,
    store_page,
    store_page_report,
    store_report,
)

__all__ = [
    "RunCounts",
    "StoreOutcome",
    "finish_run",
    "open_db",
    "page_body",
    "record_blocked",
    "start_run",
    "store_page",
    "store_page_report",
    "store_report",
]
