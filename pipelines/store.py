"""Store stage (500): validated reports, their pages and blocked pages, to SQLite.

Every write happens on one thread of its own, which opens the connection (SQLite
connections belong to their thread) and takes items one at a time, in arrival order:
one writer, as before, but compressing pages and running SQLite no longer holds up
Scrapy's thread (zlib and sqlite3 release the GIL)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from scrapy.crawler import Crawler
from scrapy.utils.reactor import is_asyncio_reactor_installed
from sqlite_utils import Database

from govcrawl.config import Config
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

STATS_PREFIX = "govcrawl/store/"
T = TypeVar("T")
logger = logging.getLogger(__name__)


class StorePipeline:
    """Writes one crawl_runs row per run; `counts` and the `govcrawl/store/*` stats
    say what the run stored."""

    def __init__(self, crawler: Crawler, path: str) -> None:
        self.crawler = crawler
        self.path = path
        self.counts = RunCounts()
        self.db: Database | None = None
        self.run_id: int | None = None
        self.writer = ThreadPoolExecutor(1, thread_name_prefix="govcrawl-store")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        return cls(crawler, Config.from_settings(crawler.settings).db)

    def on_writer(self, work: Callable[[], T]) -> T:
        return self.writer.submit(work).result()

    def open_spider(self) -> None:
        self.on_writer(self._open)

    def _open(self) -> None:
        spider = self.crawler.spider
        self.db = open_db(self.path)
        self.run_id = start_run(self.db, spider.name if spider else "unknown")
        if self.crawler.stats is not None:  # for govcrawl.operate.budget.RunStop
            self.crawler.stats.set_value(f"{STATS_PREFIX}run_id", self.run_id)

    async def process_item(self, item: Any) -> Any:
        if not is_asyncio_reactor_installed():
            return self.on_writer(lambda: self.store(item))
        return await asyncio.wrap_future(self.writer.submit(self.store, item))

    def store(self, item: Any) -> Any:
        if isinstance(item, ValidatedPage):
            self._store_validated(item)
        elif isinstance(item, BlockedPage):
            record_blocked(self._open_db(), item)
            self.counts.pages += 1
            self.counts.blocked += 1
            self._inc("blocked")
        elif isinstance(item, FailedRequest):
            record_failure(self._open_db(), item)
            self._inc("failed")
        elif isinstance(item, ListPageSeen):
            record_list_page(self._open_db(), item, self.run_id)
            self._inc("list_pages")
        return item

    def close_spider(self) -> None:
        self.on_writer(self._close)
        self.writer.shutdown()

    def _close(self) -> None:
        db = self._open_db()
        stats = self.crawler.stats
        if stats is None or self.run_id is None:
            raise RuntimeError("StorePipeline closed before open_spider()")
        for short in settle_lists(db, self.run_id):
            logger.warning("list incomplete %s: %s", short["list_url"], short["reason"])
        reason = None
        if self.counts.reports == 0:
            failed = stats.get_value(f"{STATS_PREFIX}failed", 0)
            blocked = self.counts.blocked
            reason = run_reason(db, self.run_id, blocked=blocked, failed=failed)
            logger.warning("run stored no report: %s", reason)
        status = finish_run(
            db,
            self.run_id,
            self.counts,
            requests=stats.get_value("downloader/request_count", 0),
            failures=stats.get_value("log_count/ERROR", 0),
            stats=stats.get_stats(),
            reason=reason,
        )
        stats.set_value(f"{STATS_PREFIX}run_status", status)
        close_db(db)

    def _store_validated(self, item: ValidatedPage) -> None:
        db = self._open_db()
        page = item.page
        source = Source(
            portal=page.portal,
            report_url=page.parent_url or page.url,
            url=page.url,
            kind=page.kind,
            role="attachment" if page.parent_url else "page",
            page_id=store_page(db, page),
            cleaned=item.cleaned,
            report=item.report,
            seen_at=page.fetched_at,
        )
        outcome = store_source(db, source)
        self.counts.pages += 1
        if page.parent_url:
            # A second source of a report the report page counts: not a report.
            self._inc(f"attachment_{outcome.outcome}")
            return
        self.counts.outcomes[outcome.outcome] += 1
        self._inc(outcome.outcome)

    def _open_db(self) -> Database:
        if self.db is None:
            raise RuntimeError("StorePipeline used before open_spider()")
        return self.db

    def _inc(self, key: str) -> None:
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(f"{STATS_PREFIX}{key}")
