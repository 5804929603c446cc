"""Nothing lost: over a crawl with faults injected, every fetched page is a list page,
a stored report, a blocked page or a recorded failure, and Scrapy's own counters add
up to what the store holds."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest

from govcrawl.demo.faults import EMPTY_COLUMN, Fault
from tests.faults.crawl import PLAN, REAL, FaultCrawl, crawl_faults

BODIES = (
    "reports/panzhihua_2022.html",
    "reports/hegang_2024.html",
    "reports/hetian_2023.html",
)

# The faults among plenty of ordinary reports, spread over five list pages.
MIXED = PLAN | {f"report-{n}": Fault(body_file=BODIES[n % 3]) for n in range(24)}


# End-to-end: real crawls against a faulty server.
pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> FaultCrawl:
    return crawl_faults(tmp_path_factory.mktemp("lost") / "lost.db", MIXED)


def urls(crawl: FaultCrawl, table: str) -> list[str]:
    return [row["url"] for row in crawl.rows(f"select url from {table}")]


def list_urls(crawl: FaultCrawl) -> set[str]:
    pages = range(1, crawl.portal.pages + 1)
    paths = [crawl.portal.list_path(n) for n in pages] + [f"{EMPTY_COLUMN}index.shtml"]
    return {REAL + path for path in paths}


def retried_statuses(stats: dict[str, Any]) -> int:
    """Responses the retry middleware consumed (5xx answered again later)."""
    prefix = "retry/reason_count/"
    return sum(
        count
        for key, count in stats.items()
        if key.startswith(prefix) and key.removeprefix(prefix)[:3].isdigit()
    )


def test_every_fetched_url_is_accounted_for_exactly_once(crawl: FaultCrawl) -> None:
    fetched = {REAL + urlsplit(path).path for path in crawl.portal.hits}
    reports, blocked = urls(crawl, "reports"), urls(crawl, "blocked_pages")
    failed = urls(crawl, "failed_requests")
    accounted = [*list_urls(crawl), *reports, *blocked, *failed]
    assert len(accounted) == len(set(accounted))
    assert set(accounted) == fetched
    # PLAN's blocked pages (500, 412, 521, PDF behind .shtml) and download failures.
    assert len(reports) == len(MIXED) - 4 - 5


def test_every_download_answered_or_failed(crawl: FaultCrawl) -> None:
    stats = crawl.stats()
    assert stats["downloader/request_count"] == (
        stats["downloader/response_count"] + stats["downloader/exception_count"]
    )


def test_every_response_was_read_retried_or_redirected(crawl: FaultCrawl) -> None:
    stats = crawl.stats()
    redirects = stats.get("downloader/response_status_count/302", 0)
    assert stats["downloader/response_count"] == (
        stats["response_received_count"] + retried_statuses(stats) + redirects
    )


def test_what_reached_the_spider_is_a_list_page_or_stored(crawl: FaultCrawl) -> None:
    stats = crawl.stats()
    stored = len(urls(crawl, "reports")) + len(urls(crawl, "blocked_pages"))
    assert stats["response_received_count"] == len(list_urls(crawl)) + stored


def test_every_download_error_was_retried_or_recorded(crawl: FaultCrawl) -> None:
    stats = crawl.stats()
    retried_errors = stats["retry/count"] - retried_statuses(stats)
    download_failures = crawl.rows(
        "select * from failed_requests where reason != 'redirect:loop'"
    )
    assert stats["downloader/exception_count"] == retried_errors + len(
        download_failures
    )


def test_every_item_was_stored(crawl: FaultCrawl) -> None:
    stats = crawl.stats()
    tables = ("reports", "blocked_pages", "failed_requests", "list_pages")
    assert stats["item_scraped_count"] == sum(len(urls(crawl, t)) for t in tables)
    assert "item_dropped_count" not in stats
    # A callback that raised would have lost its response without a record.
    assert "spider_exceptions/count" not in stats
