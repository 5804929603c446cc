"""The crawl's worker processes: one pool per crawl, started by FlowPipeline before
the spider opens, used for the flow and for reading report pages (the spider), so
that Scrapy's thread keeps downloading while they run.

A worker imports the flow and reads one small page when it starts, then waits for
its siblings: the crawl opens once every worker can take a page at full speed."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from multiprocessing.synchronize import Barrier
from typing import TYPE_CHECKING, Any, TypeVar
from weakref import WeakKeyDictionary

if TYPE_CHECKING:  # a worker imports this module: it needs no Scrapy
    from scrapy.crawler import Crawler

T = TypeVar("T")
# Importing the flow takes a worker about half a second of CPU, seconds when the
# machine is busy; a worker that has not started in this time breaks the pool.
START_TIMEOUT = 300.0
# Clean, parse and the page reader build their tables (opencc's characters, title
# and label patterns) on first use, 0.2 s of the first report otherwise.
FIRST_PAGE = (
    "<html><head><title>某县2020年政府信息公开工作年度报告</title></head><body>"
    "<h1>某县2020年政府信息公开工作年度报告</h1><p>一、总体情况</p>"
    "<table><tr><td>信息内容</td><td>本年制发件数</td></tr>"
    "<tr><td>规章</td><td>0</td></tr></table></body></html>"
)
FIRST_URL = "http://127.0.0.1/first.html"

_POOLS: WeakKeyDictionary[Crawler, ProcessPoolExecutor] = WeakKeyDictionary()


def started(barrier: Barrier) -> None:
    from govcrawl.discover.report_page import read_report_page
    from govcrawl.flow import Document, clean_parse_validate

    clean_parse_validate(Document(FIRST_PAGE.encode(), FIRST_URL))
    read_report_page(FIRST_PAGE, FIRST_URL, "", 2020)
    barrier.wait(START_TIMEOUT)


def share_pool(crawler: Crawler, pool: ProcessPoolExecutor | None) -> None:
    """The crawl's pool from now on (None: the work runs in Scrapy's thread)."""
    if pool is None:
        _POOLS.pop(crawler, None)
    else:
        _POOLS[crawler] = pool


async def on_workers(crawler: Crawler | None, work: Callable[..., T], *args: Any) -> T:
    """work(*args) in one of the crawl's workers, or here when it has none."""
    pool = _POOLS.get(crawler) if crawler is not None else None
    if pool is None:
        return work(*args)
    return await asyncio.wrap_future(pool.submit(work, *args))
