"""Resume without loss: a `scrapy crawl` with JOBDIR killed with SIGKILL midway and
resumed with the same JOBDIR leaves the same database as an uninterrupted crawl."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from govcrawl.demo.server import FixtureServer
from govcrawl.operate.resume import RUNNING_MARKER
from tests.snapshot import duplicates, snapshot
from tests.spiders.harness import FAST, ROOT, Crawl, crawl

SPIDER = "panzhihua"
SITE = "http://www.pzhsxq.gov.cn/zfxxgk/zfxxgknb/xq"
REPORT = f"{SITE}/xqxxgkgzndbg/4372216.shtml"
REPUBLISHED = f"{SITE}/xqjbmzfxxgkgzndbg/qzfb/4372230.shtml"
ROBOTS = "/panzhihua/robots.txt"
# Slow enough that the kill lands between the first and the last report.
SLOW = ("DOWNLOAD_DELAY=0.5", "DOWNLOAD_DELAY_JITTER=0")


# End-to-end: interrupted and resumed crawl processes.
pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def server() -> Iterator[FixtureServer]:
    with FixtureServer() as fixture_server:
        yield fixture_server


def crawl_command(server: FixtureServer, db: Path, jobdir: Path) -> list[str]:
    command = [sys.executable, "-m", "scrapy", "crawl", SPIDER]
    options = (
        f"GOVCRAWL_DB={db}",
        f"GOVCRAWL_HOST_MAP={json.dumps(server.host_map())}",
        f"JOBDIR={jobdir}",
        *FAST,
        *SLOW,
    )
    for option in options:
        command += ["-s", option]
    return command


def stored_reports(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db) as connection:
            (count,) = connection.execute("select count(*) from reports").fetchone()
    except sqlite3.OperationalError:  # schema not created yet
        return 0
    return int(count)


def stop_after_first_report(
    command: list[str], db: Path, log: Path, how: signal.Signals
) -> None:
    env = os.environ | {"PYTHONPATH": str(ROOT)}
    with log.open("w") as stderr:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stderr=stderr)
    deadline = time.monotonic() + 60
    try:
        while stored_reports(db) == 0:
            assert process.poll() is None, log.read_text()[-4000:]
            assert time.monotonic() < deadline, "no report stored within 60 s"
            time.sleep(0.05)
        process.send_signal(how)
        process.wait(timeout=30)
    finally:
        process.kill()
        process.wait(timeout=30)


@dataclass
class Resumed:
    clean: Crawl
    stopped_paths: list[str]
    resumed: Crawl


def stop_and_resume(
    server: FixtureServer,
    clean: Crawl,
    tmp: Path,
    how: signal.Signals,
    seen_on_disk: Path | None = None,
) -> Resumed:
    db, jobdir, log = tmp / "resumed.db", tmp / "job", tmp / "stopped.log"
    start = len(server.hits)
    stop_after_first_report(crawl_command(server, db, jobdir), db, log, how)
    stopped_paths = [hit.path for hit in server.hits[start:]]
    assert 0 < stored_reports(db) < stored_reports(clean.db), "stop not midway"
    if seen_on_disk is not None:
        shutil.copyfile(seen_on_disk, jobdir / "requests.seen")
    resumed = crawl(server, SPIDER, db, settings=(f"JOBDIR={jobdir}", *SLOW))
    return Resumed(clean, stopped_paths, resumed)


@pytest.fixture(scope="module")
def clean(server: FixtureServer, tmp_path_factory: pytest.TempPathFactory) -> Crawl:
    tmp = tmp_path_factory.mktemp("clean")
    return crawl(server, SPIDER, tmp / "clean.db", settings=(f"JOBDIR={tmp / 'job'}",))


@pytest.fixture(scope="module")
def killed(
    server: FixtureServer, clean: Crawl, tmp_path_factory: pytest.TempPathFactory
) -> Resumed:
    """Killed with SIGKILL once the first report is stored, then resumed.

    Python buffers requests.seen, so a kill this early in a crawl this small may
    leave it empty; in a long crawl it is on disk, with fingerprints of requests
    the killed run never answered. The killed job gets the seen-set of a finished
    job, as a long crawl's kill leaves it."""
    tmp = tmp_path_factory.mktemp("killed")
    finished_seen = clean.db.parent / "job" / "requests.seen"
    return stop_and_resume(server, clean, tmp, signal.SIGKILL, finished_seen)


@pytest.fixture(scope="module")
def interrupted(
    server: FixtureServer, clean: Crawl, tmp_path_factory: pytest.TempPathFactory
) -> Resumed:
    """Stopped cleanly (SIGINT, as one Ctrl-C) once a report is stored, resumed."""
    tmp = tmp_path_factory.mktemp("interrupted")
    return stop_and_resume(server, clean, tmp, signal.SIGINT)


TABLES = (
    "reports",
    "requests",
    "checks",
    "proactive",
    "review_litigation",
    "findings",
    "pages",
    "blocked_pages",
)


@pytest.mark.parametrize("table", TABLES)
def test_killed_and_resumed_crawl_stores_what_one_crawl_stores(
    killed: Resumed, table: str
) -> None:
    assert snapshot(killed.resumed.db)[table] == snapshot(killed.clean.db)[table]


def test_killed_and_resumed_crawl_stores_no_duplicate_rows(killed: Resumed) -> None:
    for table, rows in snapshot(killed.resumed.db).items():
        assert duplicates(rows) == [], table


def test_killed_and_resumed_crawl_stores_every_report(killed: Resumed) -> None:
    urls = {row["url"] for row in killed.resumed.rows("select url from reports")}
    assert urls == {REPORT, REPUBLISHED}


def test_a_job_left_by_a_kill_starts_over(killed: Resumed) -> None:
    assert "did not stop cleanly" in killed.resumed.log
    runs = killed.resumed.rows("select requests from crawl_runs order by id")
    assert runs[-1]["requests"] == killed.clean.run()["requests"]


@pytest.mark.parametrize("table", TABLES)
def test_interrupted_and_resumed_crawl_stores_what_one_crawl_stores(
    interrupted: Resumed, table: str
) -> None:
    clean, resumed = interrupted.clean.db, interrupted.resumed.db
    assert snapshot(resumed)[table] == snapshot(clean)[table]


def test_a_cleanly_stopped_job_resumes_where_it_stopped(interrupted: Resumed) -> None:
    assert "did not stop cleanly" not in interrupted.resumed.log
    stopped = interrupted.stopped_paths
    resumed = [hit.path for hit in interrupted.resumed.hits]
    # Each run reads robots.txt; no other page is fetched twice.
    assert set(stopped) & set(resumed) == {ROBOTS}
    pages = stopped + [path for path in resumed if path != ROBOTS]
    assert sorted(pages) == sorted(hit.path for hit in interrupted.clean.hits)


def test_a_finished_job_is_not_marked_running(clean: Crawl) -> None:
    jobdir = clean.db.parent / "job"
    assert (jobdir / "requests.seen").stat().st_size > 0
    assert not (jobdir / RUNNING_MARKER).exists()
