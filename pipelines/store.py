"""Store stage (500): validated reports, their pages and blocked pages, to SQLite.

Every write happens in a writer process of its own (pipelines.store_writer), which
opens the connection and takes items one at a time, in arrival order: one writer, as
before, but building rows and running SQLite no longer holds up Scrapy's thread (on
a thread of the crawl process it took the GIL from it, ~6 ms a report page)."""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from scrapy.crawler import Crawler
from scrapy.utils.reactor import is_asyncio_reactor_installed

from govcrawl.config import Config
from pipelines.store_writer import (
    close_writer,
    open_writer,
    store_item,
    writer_started,
)

STATS_PREFIX = "govcrawl/store/"
logger = logging.getLogger(__name__)


class StorePipeline:
    """Writes one crawl_runs row per run; the `govcrawl/store/*` stats say what the
    run stored."""

    def __init__(self, crawler: Crawler, path: str) -> None:
        self.crawler = crawler
        self.path = path
        # spawn, not fork: the crawl process runs threads (DNS, the browser).
        context = multiprocessing.get_context("spawn")
        self.writer = ProcessPoolExecutor(
            1, mp_context=context, initializer=writer_started
        )

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        return cls(crawler, Config.from_settings(crawler.settings).db)

    def submit(self, work: Callable[..., Any], *args: Any) -> Future[Any]:
        return self.writer.submit(work, *args)

    def open_spider(self) -> None:
        spider = self.crawler.spider
        name = spider.name if spider else "unknown"
        run_id = self.submit(open_writer, self.path, name).result()
        if self.crawler.stats is not None:  # for govcrawl.operate.budget.RunStop
            self.crawler.stats.set_value(f"{STATS_PREFIX}run_id", run_id)

    async def process_item(self, item: Any) -> Any:
        future = self.submit(store_item, item)
        if is_asyncio_reactor_installed():
            stat = await asyncio.wrap_future(future)
        else:
            stat = future.result()
        if stat is not None:
            self._inc(stat)
        return item

    def close_spider(self) -> None:
        stats = self.crawler.stats
        if stats is None:
            raise RuntimeError("StorePipeline closed without stats")
        failed = stats.get_value(f"{STATS_PREFIX}failed", 0)
        closed = self.submit(close_writer, stats.get_stats(), failed).result()
        self.writer.shutdown()
        for short in closed.short_lists:
            logger.warning("list incomplete %s: %s", short["list_url"], short["reason"])
        if closed.reports == 0:
            logger.warning("run stored no report: %s", closed.reason)
        stats.set_value(f"{STATS_PREFIX}run_status", closed.status)

    def _inc(self, key: str) -> None:
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(f"{STATS_PREFIX}{key}")
