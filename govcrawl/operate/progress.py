"""A progress line per portal for a person watching a long crawl: pages fetched,
reports stored, pages blocked, requests failed, every GOVCRAWL_PROGRESS_INTERVAL
seconds and once when the spider closes."""

from __future__ import annotations

import logging

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from twisted.internet import task

from govcrawl.config import Config

logger = logging.getLogger(__name__)
_STORE = "govcrawl/store/"
_OUTCOMES = ("new", "unchanged", "changed")


class PortalProgress:
    def __init__(self, crawler: Crawler, interval: float) -> None:
        self.crawler = crawler
        self.interval = interval
        self.loop = task.LoopingCall(self.log)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PortalProgress:
        interval = Config.from_settings(crawler.settings).progress_interval
        if interval <= 0:
            raise NotConfigured
        progress = cls(crawler, interval)
        crawler.signals.connect(progress.opened, signal=signals.spider_opened)
        crawler.signals.connect(progress.closed, signal=signals.spider_closed)
        return progress

    def opened(self) -> None:
        self.loop.start(self.interval, now=False)

    def closed(self) -> None:
        if self.loop.running:
            self.loop.stop()
        self.log()

    def line(self) -> str:
        stats = self.crawler.stats
        assert stats is not None
        pages = stats.get_value("response_received_count", 0)
        reports = sum(stats.get_value(f"{_STORE}{name}", 0) for name in _OUTCOMES)
        blocked = stats.get_value(f"{_STORE}blocked", 0)
        failed = stats.get_value(f"{_STORE}failed", 0)
        name = self.crawler.spider.name if self.crawler.spider else "?"
        return (
            f"progress {name}: {pages} pages, {reports} reports, {blocked} blocked, "
            f"{failed} failed"
        )

    def log(self) -> None:
        logger.info("%s", self.line())
