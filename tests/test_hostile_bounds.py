"""Everything bounded (issue 15 item 3). A list that declared parseInt(100000000)
pages made static_index build every list URL at once (10.6 GB RSS after 115 s,
SIGINT ignored, the run left `running`); an endless 下一页 chain repeating its rows
ran 2,024 pages in 90 s, recorded `ok`; there was no time budget. Each case here is
a real `scrapy crawl` against a hostile list on 127.0.0.1, or an adapter fed one."""

from __future__ import annotations

import json
import signal
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from govcrawl.config import Config
from govcrawl.demo.faults import (
    COLUMN,
    HOSTS,
    Answer,
    Fault,
    FaultPortal,
    FaultServer,
    list_page,
)
from govcrawl.discover.cms import adapter_named
from govcrawl.operate.runner import crawl_spiders
from spiders.list_reading import NO_NEW_REPORT
from tests.faults.crawl import SETTINGS, crawl_faults
from tests.faults.endless import EndlessList, run_portal, start_portal
from tests.stored_rows import stored_rows

# Real crawls, servers and child processes: the end-to-end tier.
pytestmark = pytest.mark.e2e

FIRST = f"http://{HOSTS[0]}{COLUMN}index.shtml"
HUGE = 100_000_000
# What each adapter reads a page count from, declaring HUGE pages (or records).
HOSTILE = {
    "static_index": (FIRST, list_page([], HUGE).decode()),
    "shaanxi": (
        "http://h.gov.cn/zfxxgk/1.html",
        f'<div class="m-lst"><ul></ul></div><script>parseInt({HUGE})</script>',
    ),
    "hexmon": ("http://h.gov.cn/htx/c1/list.shtml", f"<p>共{HUGE}页</p>"),
    "trs": (
        "http://h.gov.cn/21502/index.htm",
        f'<script>createPageHTML({HUGE}, 0, "index", "htm");</script>',
    ),
    "vsb": (
        "http://h.gov.cn/list.jsp",
        f"<a href='?totalpage={HUGE}&PAGENUM=2&wbtreeid=7'>PAGENUM</a>",
    ),
    "hanweb": (
        "http://h.gov.cn/col/col1/index.html",
        f"<datastore><totalrecord>{HUGE * 15}</totalrecord></datastore>"
        "<script>perPage: 5</script>",
    ),
    "heilongjiang": (
        f"http://h.gov.cn/common/search/{'a' * 32}?_pageSize=1&page=1",
        json.dumps({"data": {"total": HUGE, "results": []}}),
    ),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_huge_page_count_costs_nothing_until_its_pages_are_read(name: str) -> None:
    url, text = HOSTILE[name]
    tracemalloc.start()
    try:
        page = adapter_named(name).parse_list(url, text)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(page.more) >= HUGE - 1
    assert peak < 2_000_000, f"{peak} bytes for a list of {len(page.more)} pages"
    assert page.more[0].url != page.more[-1].url


def test_the_cap_is_a_setting() -> None:
    settings = {"GOVCRAWL_MAX_LIST_PAGES": "5"}
    assert Config.from_settings(settings).max_list_pages == 5
    assert Config().max_list_pages == 1000


class HugeList(FaultPortal):
    """The fault column, its first page declaring parseInt(100000000) pages."""

    def list_answer(self, number: int, seen: int) -> Answer:
        rows = [self.report_path(name) for name in self.names] if number == 1 else []
        return Answer(200, {"Content-Type": "text/html"}, list_page(rows, HUGE))


@pytest.fixture(scope="module")
def capped(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    portal = HugeList({"ok-panzhihua": Fault()}, {})
    db = tmp_path_factory.mktemp("capped") / "capped.db"
    settings = ("GOVCRAWL_MAX_LIST_PAGES=3",)
    yield crawl_faults(db, portal=portal, settings=settings), portal


def test_a_crawl_fetches_at_most_the_capped_list_pages(capped: Any) -> None:
    """-s GOVCRAWL_MAX_LIST_PAGES reaches the spider (it was read only from the
    environment): the first page and two more of the 10^8 declared."""
    crawl, portal = capped
    fetched = sorted(path for path in portal.hits if path.startswith(COLUMN + "index"))
    assert fetched == [f"{COLUMN}index{n}.shtml" for n in ("", "_2", "_3")]
    assert list(crawl.reports()) == [crawl.url("ok-panzhihua")]


def test_the_list_pages_past_the_cap_are_a_recorded_gap(capped: Any) -> None:
    crawl, _ = capped
    (first,) = crawl.rows("select * from list_pages where url = ?", FIRST)
    assert (
        f"{HUGE - 3} more list page(s) past GOVCRAWL_MAX_LIST_PAGES (3)"
        in (first["gap"])
    )
    (failed,) = crawl.rows("select * from failed_requests where reason = 'list:capped'")
    assert failed["message"] == first["gap"]
    (run,) = crawl.rows("select status from crawl_runs")
    assert run["status"] != "running"


@pytest.fixture(scope="module")
def endless() -> Iterator[EndlessList]:
    with EndlessList() as server:
        yield server


# Should a rule fail, the crawl still ends (and the test fails on the count).
SAFETY = ("CLOSESPIDER_PAGECOUNT=400",)


def test_a_chain_repeating_its_rows_stops_at_the_first_page_adding_no_report(
    endless: EndlessList, tmp_path: Path
) -> None:
    db = tmp_path / "repeat.db"
    run_portal(endless.list_url("repeat"), db, SAFETY)
    assert endless.list_pages("repeat") == 2
    pages = stored_rows(db, "select url, gap from list_pages order by id")
    assert [page["gap"] for page in pages] == [None, NO_NEW_REPORT]


def test_a_chain_adding_reports_forever_stops_at_the_cap(
    endless: EndlessList, tmp_path: Path
) -> None:
    db = tmp_path / "grow.db"
    before = endless.list_pages("grow")
    run_portal(endless.list_url("grow"), db, (*SAFETY, "GOVCRAWL_MAX_LIST_PAGES=4"))
    assert endless.list_pages("grow") - before == 4
    (last,) = stored_rows(db, "select gap from list_pages where gap is not null")
    assert last["gap"].startswith("list:capped: 1 more list page(s)")


def test_the_time_budget_closes_the_run_and_says_so(
    endless: EndlessList, tmp_path: Path
) -> None:
    db = tmp_path / "budget.db"
    settings = (*SAFETY, "GOVCRAWL_MAX_LIST_PAGES=100000", "GOVCRAWL_TIME_BUDGET=2")
    started = time.monotonic()
    run_portal(endless.list_url("grow"), db, settings, timeout=60)
    assert time.monotonic() - started < 30
    (run,) = stored_rows(db, "select status, reason from crawl_runs")
    assert run["status"] != "running"
    assert "time budget of 2 s (GOVCRAWL_TIME_BUDGET) spent" in run["reason"]


def wait_for_pages(server: EndlessList, kind: str, count: int) -> None:
    deadline = time.monotonic() + 60
    while server.list_pages(kind) < count:
        assert time.monotonic() < deadline, "the crawl never reached the list"
        time.sleep(0.05)


def signal_midway(endless: EndlessList, db: Path, signum: int, pages: int) -> None:
    """A crawl of the growing list, sent `signum` once it has fetched `pages` more
    list pages, and waited for (killed if it has not ended within 15 s)."""
    settings = (*SAFETY, "GOVCRAWL_MAX_LIST_PAGES=100000")
    crawl = start_portal(endless.list_url("grow"), db, settings)
    try:
        wait_for_pages(endless, "grow", endless.list_pages("grow") + pages)
        crawl.send_signal(signum)
        crawl.wait(timeout=15)
    finally:
        crawl.kill()


def test_sigint_ends_the_crawl_within_seconds_with_its_run_closed(
    endless: EndlessList, tmp_path: Path
) -> None:
    db = tmp_path / "sigint.db"
    signal_midway(endless, db, signal.SIGINT, pages=5)
    (run,) = stored_rows(db, "select status, reason, finished from crawl_runs")
    assert run["status"] != "running" and run["finished"]
    assert "stopped by a signal (SIGINT or SIGTERM)" in run["reason"]


def test_a_killed_run_is_marked_interrupted_by_the_next_start(
    endless: EndlessList, tmp_path: Path
) -> None:
    db = tmp_path / "killed.db"
    signal_midway(endless, db, signal.SIGKILL, pages=3)
    assert [r["status"] for r in stored_rows(db, "select status from crawl_runs")] == [
        "running"
    ]
    run_portal(endless.list_url("repeat"), db, SAFETY)
    killed, after = stored_rows(db, "select status, reason from crawl_runs order by id")
    assert killed["status"] == "interrupted"
    assert "ended without closing it" in killed["reason"]
    assert after["status"] != "running"


def test_crawl_all_gives_each_portal_its_time_budget(tmp_path: Path) -> None:
    """`govcrawl crawl-all -s GOVCRAWL_TIME_BUDGET=2` on a portal whose list never
    ends: the portal's run stops at its budget and its summary says so."""
    portal = HugeList({"ok-panzhihua": Fault()}, {})
    db = tmp_path / "all.db"
    with FaultServer(portal) as server:
        settings = (
            f"GOVCRAWL_HOST_MAP={json.dumps(server.host_map())}",
            *SETTINGS,
            "GOVCRAWL_MAX_LIST_PAGES=100000",
            "GOVCRAWL_TIME_BUDGET=2",
        )
        started = time.monotonic()
        result = crawl_spiders(["panzhihua"], db, settings)
    assert time.monotonic() - started < 60
    entry = result.summary["portals"]["panzhihua"]
    assert "time budget of 2 s (GOVCRAWL_TIME_BUDGET) spent" in entry["reason"]
