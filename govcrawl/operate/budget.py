"""A run that stops before its end says why: a portal's time budget
(GOVCRAWL_TIME_BUDGET) closes its spider when spent, and a signal (one Ctrl-C,
SIGTERM) closes it gracefully; either is added to the run's crawl_runs reason.

The store pipeline closes the run's row before Scrapy sends spider_closed (the
only signal carrying the close reason), so the reason is added after it, on the
row the pipeline named in the stats."""

from __future__ import annotations

import logging

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.utils.asyncio import CallLaterResult, call_later
from scrapy.utils.defer import deferred_from_coro

from govcrawl.config import Config
from govcrawl.store import open_db
from govcrawl.store.connection import close_db
from govcrawl.store.runs import note_stop

RUN_ID = "govcrawl/store/run_id"
TIME_BUDGET = "time_budget"
logger = logging.getLogger(__name__)


def stop_reason(reason: str, budget: float) -> str | None:
    """What a close reason says about the run; None: it ran to its end."""
    if reason == "finished":
        return None
    if reason == TIME_BUDGET:
        return f"time budget of {budget:g} s (GOVCRAWL_TIME_BUDGET) spent: stopped"
    if reason == "shutdown":
        return "stopped by a signal (SIGINT or SIGTERM) before its end"
    return f"stopped before its end: {reason}"


class RunStop:
    def __init__(self, crawler: Crawler, config: Config) -> None:
        self.crawler = crawler
        self.config = config
        self.timer: CallLaterResult | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RunStop:
        extension = cls(crawler, Config.from_settings(crawler.settings))
        crawler.signals.connect(extension.opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.closed, signal=signals.spider_closed)
        return extension

    def opened(self) -> None:
        budget = self.config.time_budget
        if budget > 0:
            self.timer = call_later(budget, self.spent)

    def spent(self) -> None:
        self.timer = None
        engine = self.crawler.engine
        if engine is None or engine.spider is None:
            return
        logger.warning(
            "time budget of %g s spent: closing the spider", self.config.time_budget
        )
        # Spiders of govcrawl stop yielding list pages (ListReading.while_running).
        engine.spider.stop_reason = TIME_BUDGET  # type: ignore[attr-defined]
        deferred_from_coro(engine.close_spider_async(reason=TIME_BUDGET))

    def closed(self, reason: str) -> None:
        if self.timer is not None:
            self.timer.cancel()
        why = stop_reason(reason, self.config.time_budget)
        stats = self.crawler.stats
        run_id = stats.get_value(RUN_ID) if stats else None
        if why is None or run_id is None:
            return
        logger.warning("run %s %s", run_id, why)
        db = open_db(self.config.db)
        try:
            note_stop(db, int(run_id), why)
        finally:
            close_db(db)
