"""Fault injection: a real `scrapy crawl` against a misbehaving local portal. Each fault
is retried or recorded with a reason, the crawl finishes, every other report is stored
with its source values."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.faults.crawl import PLAN, REAL, FaultCrawl, crawl_faults
from tests.spiders.harness import assert_matches_seed

HETIAN = "004_d4cf2388c7c6da47"
HEYANG = "002_c70ef5546fcf38db"
YUANJIANG = "001_49603480a1e8c436"
HEGANG = "003_00e19431bcd07e12"


# End-to-end: real crawls against a faulty server.
pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> FaultCrawl:
    return crawl_faults(tmp_path_factory.mktemp("faults") / "faults.db")


def hits(crawl: FaultCrawl, name: str) -> int:
    return crawl.portal.hits[crawl.portal.report_path(name)]


def failures(crawl: FaultCrawl) -> dict[str, str]:
    rows = crawl.rows("select url, reason from failed_requests")
    return {row["url"]: row["reason"] for row in rows}


def blocked(crawl: FaultCrawl) -> dict[str, str]:
    rows = crawl.rows("select url, reason from blocked_pages")
    return {row["url"]: row["reason"] for row in rows}


def test_the_crawl_finishes_with_its_run_closed(crawl: FaultCrawl) -> None:
    assert "Spider error" not in crawl.log
    (run,) = crawl.rows("select * from crawl_runs")
    assert run["finished"]
    assert run["status"] == "failures"
    assert "Spider closed (finished)" in crawl.log


@pytest.mark.parametrize(
    ("name", "seed"),
    [
        ("burst-503", HETIAN),
        ("reset-once", YUANJIANG),
        ("gbk-declared-utf8", HEYANG),
        ("wrong-type", HETIAN),
        ("slow", HEGANG),
    ],
)
def test_recoverable_faults_store_the_report_with_its_values(
    crawl: FaultCrawl, name: str, seed: str
) -> None:
    assert_matches_seed(crawl, crawl.url(name), seed)


def test_bursts_and_resets_are_retried(crawl: FaultCrawl) -> None:
    # RETRY_TIMES=1: one failed answer, then the page.
    assert hits(crawl, "burst-503") == 2
    assert hits(crawl, "reset-once") == 2
    assert crawl.portal.hits["/zfxxgk/zfxxgknb/xq/xqxxgkgzndbg/index_2.shtml"] == 2


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("timeout", "timeout"),
        ("reset", "connection:lost"),
        ("truncated", "download:dataloss"),
        ("oversize", "download:maxsize"),
        ("redirect-loop", "redirect:loop"),
    ],
)
def test_download_failures_are_recorded_with_a_reason(
    crawl: FaultCrawl, name: str, reason: str
) -> None:
    assert failures(crawl)[crawl.url(name)] == reason
    assert crawl.url(name) not in crawl.reports()


def test_failures_keep_the_message_and_the_kind(crawl: FaultCrawl) -> None:
    (row,) = crawl.rows(
        "select * from failed_requests where url = ?", crawl.url("timeout")
    )
    assert row["kind"] == "report"
    assert row["portal"] == "panzhihua"
    assert "took longer than 3.0 seconds" in row["message"]
    # Timeouts and resets were retried before being recorded; the oversized body is
    # refused outright (a retry would download the same bytes).
    assert hits(crawl, "timeout") == 2
    assert hits(crawl, "reset") == 2
    assert hits(crawl, "oversize") == 1


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("always-500", "http:500"),
        ("ruishu-412", "challenge:ruishu"),
        ("jiasule-521", "challenge:jiasule"),
        ("pdf-at-page-url", "not-a-page"),
    ],
)
def test_error_and_challenge_pages_are_blocked_pages(
    crawl: FaultCrawl, name: str, reason: str
) -> None:
    assert blocked(crawl)[crawl.url(name)] == reason


def test_every_planned_page_is_stored_or_recorded_once(crawl: FaultCrawl) -> None:
    stored, kept, failed = set(crawl.reports()), blocked(crawl), failures(crawl)
    for name in PLAN:
        url = crawl.url(name)
        assert [url in stored, url in kept, url in failed].count(True) == 1, name


def test_the_generic_spider_records_a_failed_entry_page(tmp_path: Path) -> None:
    entry = f"{REAL}/zfxxgk/zfxxgknb/xq/xqxxgkgzndbg/reset.shtml"
    crawl = crawl_faults(tmp_path / "entry.db", spider=("portal", "-a", f"url={entry}"))
    (row,) = crawl.rows("select url, kind, reason from failed_requests")
    assert row == {"url": entry, "kind": "list", "reason": "connection:lost"}
    (run,) = crawl.rows("select status from crawl_runs")
    assert run["status"] == "failed"
