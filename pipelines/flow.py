"""FlowPipeline (200): a fetched report page or attachment through clean -> parse ->
validate (govcrawl.flow) into a ValidatedPage; other items pass through untouched.

The flow is CPU work (about 20 ms a report page) and Scrapy runs on one thread: done
there, it holds up every download. So it runs in worker processes
(GOVCRAWL_FLOW_PROCESSES, one per CPU by default) while the reactor keeps fetching;
the store stays in this process, one SQLite writer. The pool is the crawl's
(pipelines.workers): the spider reads report pages in it too. Its workers start,
and import the flow, before the spider opens: started on the first pages instead,
their imports took the CPU the first downloads needed."""

from __future__ import annotations

import asyncio
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from scrapy.crawler import Crawler
from scrapy.utils.reactor import is_asyncio_reactor_installed

from govcrawl.config import Config
from govcrawl.flow import Document, FlowResult, Listed, clean_parse_validate, ready
from govcrawl.items import ReportPage, ValidatedPage
from pipelines.workers import share_pool, started


class FlowPipeline:
    def __init__(self, config: Config, crawler: Crawler | None = None) -> None:
        self.config = config
        self.crawler = crawler
        self.pool: ProcessPoolExecutor | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FlowPipeline:
        return cls(Config.from_settings(crawler.settings), crawler)

    async def open_spider(self) -> None:
        processes = self.config.flow_processes
        if processes is None:
            processes = os.cpu_count() or 1
        if processes > 0 and is_asyncio_reactor_installed():
            # spawn, not fork: the crawl process runs threads (DNS, the browser).
            context = multiprocessing.get_context("spawn")
            self.pool = ProcessPoolExecutor(
                processes,
                mp_context=context,
                initializer=started,
                initargs=(context.Barrier(processes),),
            )
            # One task a worker spawns them all; each runs only once all have
            # imported the flow (the barrier).
            starting = [self.pool.submit(ready) for _ in range(processes)]
            await asyncio.gather(*map(asyncio.wrap_future, starting))
            if self.crawler is not None:
                share_pool(self.crawler, self.pool)

    def close_spider(self) -> None:
        if self.crawler is not None:
            share_pool(self.crawler, None)
        if self.pool is not None:
            self.pool.shutdown()
            self.pool = None

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, ReportPage):
            return item
        result = await self.derive(page_document(item))
        return ValidatedPage(page=item, cleaned=result.cleaned, report=result.report)

    async def derive(self, document: Document) -> FlowResult:
        if self.pool is None:
            return clean_parse_validate(document, self.config)
        future = self.pool.submit(clean_parse_validate, document, self.config)
        return await asyncio.wrap_future(future)


def page_document(page: ReportPage) -> Document:
    listed = Listed(page.title or None, page.year, page.published)
    content_type = header(page.headers, "Content-Type")
    return Document(page.body, page.url, content_type, listed)


def header(headers: dict[str, str], name: str) -> str | None:
    """Header lookup ignoring case: fetchers store Content-Type or content-type."""
    wanted = name.lower()
    return next((v for k, v in headers.items() if k.lower() == wanted), None)
