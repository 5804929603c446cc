"""Distributed crawls: with GOVCRAWL_REDIS_URL set, every `scrapy crawl` of a spider
given the same GOVCRAWL_CRAWL_ID shares one request queue and one seen-set in Redis
(scrapy-redis), so each page is fetched by one of the processes, once.

A Scrapy add-on, so the spiders stay as they are: it only switches the scheduler
and the duplicate filter, and keeps an idle worker waiting for the others' new
requests for GOVCRAWL_REDIS_IDLE_WAIT seconds before it closes. The queue persists
when one worker finishes, because the others may still be adding to it; a new
GOVCRAWL_CRAWL_ID starts a new crawl.
"""

from __future__ import annotations

import re
import time

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider
from scrapy.settings import BaseSettings

from govcrawl.config import Config

# Redis keys are formatted with %-placeholders ("%(spider)s") by scrapy-redis.
CRAWL_ID = re.compile(r"[A-Za-z0-9_.-]+")


def redis_keys(crawl_id: str) -> dict[str, str]:
    """scrapy-redis key settings: govcrawl:<crawl id>:<spider>:requests|dupefilter."""
    if not CRAWL_ID.fullmatch(crawl_id):
        raise ValueError(
            f"GOVCRAWL_CRAWL_ID {crawl_id!r}: use letters, digits, '_', '.', '-'"
        )
    prefix = f"govcrawl:{crawl_id}:%(spider)s"
    return {
        "SCHEDULER_QUEUE_KEY": f"{prefix}:requests",
        "SCHEDULER_DUPEFILTER_KEY": f"{prefix}:dupefilter",
    }


def distributed_settings(redis_url: str, crawl_id: str) -> dict[str, object]:
    return {
        "SCHEDULER": "scrapy_redis.scheduler.Scheduler",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "SCHEDULER_PERSIST": True,
        "REDIS_URL": redis_url,
        **redis_keys(crawl_id),
    }


class DistributedCrawl:
    """Add-on: GOVCRAWL_REDIS_URL (and GOVCRAWL_CRAWL_ID) switch the crawl to Redis."""

    def update_settings(self, settings: BaseSettings) -> None:
        config = Config.from_settings(settings)
        redis_url, crawl_id = config.redis_url, config.crawl_id
        if not redis_url:
            return
        if not crawl_id:
            raise ValueError(
                "GOVCRAWL_REDIS_URL needs GOVCRAWL_CRAWL_ID: the name every worker "
                "of one crawl shares (a new name starts a new crawl)"
            )
        for name, value in distributed_settings(redis_url, crawl_id).items():
            settings.set(name, value, priority="addon")
        settings.set_in_component_priority_dict("EXTENSIONS", IdleWait, 0)


class IdleWait:
    """Keeps a worker whose share of the queue ran dry open for a while: at the start
    of a crawl the queue holds only the start URLs, and the other workers' pages are
    about to add more. Scrapy rechecks an idle spider every 5 seconds."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.idle_since: float | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> IdleWait:
        extension = cls(Config.from_settings(crawler.settings).redis_idle_wait)
        crawler.signals.connect(extension.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(extension.busy, signal=signals.response_received)
        return extension

    def busy(self) -> None:
        self.idle_since = None

    def spider_idle(self) -> None:
        now = time.monotonic()
        if self.idle_since is None:
            self.idle_since = now
        if now - self.idle_since < self.seconds:
            raise DontCloseSpider
