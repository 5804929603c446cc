"""`govcrawl crawl-all` against the fixture portals: one crawl_runs row per spider, a
JSON summary line, and a second run that stores nothing new and saves the report
downloads with conditional requests (304 answered by the stored page)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from govcrawl.demo.server import FixtureServer
from govcrawl.portals import PORTALS
from tests.crawl_runs import ROOT, Run, crawl_all, query

# Reports on the fixture portals (tests/spiders/test_*.py name each URL).
FIXTURE_REPORTS = {
    "panzhihua": 2,
    "yuanjiang": 1,
    "heyang": 1,
    "hegang": 1,
    "hetian": 1,
}


# End-to-end: govcrawl crawl-all subprocesses.
pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def server() -> Any:
    with FixtureServer() as started:
        yield started


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("crawl_all") / "govcrawl.db"


@pytest.fixture(scope="module")
def first(server: FixtureServer, db: Path) -> Run:
    return crawl_all(server, db)


@pytest.fixture(scope="module")
def second(server: FixtureServer, db: Path, first: Run) -> Run:
    return crawl_all(server, db)


def test_first_run_exits_zero_with_one_run_row_per_spider(first: Run, db: Path) -> None:
    assert first.code == 0, first.log[-4000:]
    runs = query(db, "select spider, status from crawl_runs order by id")
    assert sorted(run["spider"] for run in runs) == sorted(PORTALS)
    assert {run["status"] for run in runs} == {"ok"}


def test_first_run_summary_counts_every_fixture_report_as_new(first: Run) -> None:
    portals = first.summary["portals"]
    assert {slug: e["reports_new"] for slug, e in portals.items()} == FIXTURE_REPORTS
    for entry in portals.values():
        assert entry["requests"] > 0
        assert (entry["reports_unchanged"], entry["reports_changed"]) == (0, 0)
        assert (entry["failures"], entry["not_modified"]) == (0, 0)


def test_second_run_stores_nothing_new(second: Run, db: Path) -> None:
    assert second.code == 0, second.log[-4000:]
    portals = second.summary["portals"]
    assert {slug: e["reports_new"] for slug, e in portals.items()} == dict.fromkeys(
        PORTALS, 0
    )
    unchanged = {slug: e["reports_unchanged"] for slug, e in portals.items()}
    assert unchanged == FIXTURE_REPORTS
    assert len(query(db, "select id from crawl_runs")) == 2 * len(PORTALS)
    # Latest versions: panzhihua's 详见附件 page got its numbers from its PDF as a
    # second version in the first run.
    (count,) = query(db, "select count(*) as n from reports where latest = 1")
    assert count["n"] == sum(FIXTURE_REPORTS.values())


def test_second_run_saves_every_report_download(second: Run) -> None:
    portals = second.summary["portals"]
    saved = {slug: e["not_modified"] for slug, e in portals.items()}
    assert saved == FIXTURE_REPORTS
    assert all(entry["bytes_saved"] > 0 for entry in portals.values())
    conditional = [h for h in second.hits if "if-none-match" in h.headers]
    assert len(conditional) == sum(FIXTURE_REPORTS.values())
    assert all("if-modified-since" in hit.headers for hit in conditional)


def test_second_run_touches_last_seen_and_keeps_first_seen(
    first: Run, second: Run, db: Path
) -> None:
    for report in query(db, "select * from reports where latest = 1"):
        (run,) = query(
            db,
            "select max(started) as started from crawl_runs where spider = ?",
            report["portal"],
        )
        # The latest version is from the first run: the second made no new version.
        assert report["first_seen"] < run["started"] <= report["last_seen"]


def test_list_pages_are_fetched_again(first: Run, second: Run) -> None:
    def list_paths(run: Run) -> set[str]:
        return {h.path for h in run.hits if "if-none-match" not in h.headers}

    assert "/panzhihua/zfxxgk/zfxxgknb/xq/xqxxgkgzndbg/index_2.shtml" in list_paths(
        second
    )
    assert list_paths(first) - list_paths(second) == {
        h.path for h in second.hits if "if-none-match" in h.headers
    }


def test_a_spider_that_crashes_fails_the_run(
    server: FixtureServer, tmp_path: Path
) -> None:
    # A pipeline that cannot be imported stops `scrapy crawl` before the store opens.
    broken = 'ITEM_PIPELINES={"pipelines.absent.Pipeline": 500}'
    run = crawl_all(
        server, tmp_path / "c.db", "hetian", settings=(broken,), crash_expected=True
    )
    assert run.code == 1
    entry = run.summary["portals"]["hetian"]
    assert (entry["status"], entry["failures"]) == ("crashed", 1)
    assert "crawl-all: failed: hetian" in run.log
    assert query(tmp_path / "c.db", "select * from crawl_runs") == []


def test_unknown_portal_is_refused() -> None:
    command = [sys.executable, "-m", "govcrawl.cli", "crawl-all", "nowhere"]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 2
    assert "unknown portal(s): nowhere" in done.stderr
