"""Crawl throughput and memory: a real `scrapy crawl` of a fixture portal with every
pipeline on, next to Scrapy's own `scrapy bench`, both read from the same LogStats
lines ("Crawled N pages (at X pages/min)") with millisecond timestamps.

Both crawls run with Scrapy's defaults for speed: no download delay, no AutoThrottle,
no robots.txt, CONCURRENT_REQUESTS=16 and 8 per domain (what `scrapy bench` uses);
the politeness defaults in govcrawl.settings are for real portals only. The crawl
keeps govcrawl's CONCURRENT_ITEMS (PROJECT_SPEED_SETTINGS), and the bench says so."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from govcrawl import settings as project_settings
from govcrawl.bench.synthetic import SLUG, synthetic_server

ROOT = Path(__file__).resolve().parents[2]
LOG_FORMAT = "%(asctime)s.%(msecs)03d [%(name)s] %(levelname)s: %(message)s"
LOGSTATS_INTERVAL = 0.25
SCRAPY_DEFAULTS = (
    "DOWNLOAD_DELAY=0",
    "AUTOTHROTTLE_ENABLED=0",
    "ROBOTSTXT_OBEY=0",
    "CONCURRENT_REQUESTS=16",
    "CONCURRENT_REQUESTS_PER_DOMAIN=8",
)
# govcrawl's own settings that bear on speed, which `scrapy bench` runs without
# (Scrapy's CONCURRENT_ITEMS=100); printed beside the rates.
PROJECT_SPEED_SETTINGS = (f"CONCURRENT_ITEMS={project_settings.CONCURRENT_ITEMS}",)
COMPARABLE = (
    *SCRAPY_DEFAULTS,
    "LOG_LEVEL=INFO",
    f"LOG_FORMAT={LOG_FORMAT}",
    f"LOGSTATS_INTERVAL={LOGSTATS_INTERVAL}",
)
_LOGSTATS = re.compile(
    r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}) .*Crawled (\d+) pages \(at "
    r"(\d+) pages/min\)",
    re.M,
)


@dataclass(frozen=True)
class CrawlRun:
    pages_per_s: float
    pages: int
    peak_rss_mb: float
    log: str


def logstats_rate(log: str) -> tuple[float, int]:
    """Pages per second from the last LogStats line counting no page yet (or the
    first line) to the last line, and the pages the last line counts. Starting there
    leaves process start-up (reactor, download handlers) out of both crawls."""
    points = [
        (datetime.strptime(stamp, "%Y-%m-%d %H:%M:%S.%f"), int(pages))
        for stamp, pages, _per_min in _LOGSTATS.findall(log)
    ]
    idle = [index for index, (_, pages) in enumerate(points) if pages == 0]
    points = points[idle[-1] if idle else 0 :]
    if len(points) < 2:
        raise ValueError(f"fewer than two LogStats lines in the log:\n{log[-2000:]}")
    (start, first), (end, last) = points[0], points[-1]
    seconds = (end - start).total_seconds()
    if seconds <= 0 or last == first:
        raise ValueError("LogStats lines count no pages over any time")
    return (last - first) / seconds, last


def run_measured(
    command: Sequence[str], cwd: Path, timeout: float
) -> tuple[int, str, float]:
    """Run a child, return (exit status, its stderr, its own peak RSS in MB).

    os.wait4 gives the rusage of this child alone, unlike RUSAGE_CHILDREN, which is a
    maximum over every child the process ever waited for."""
    env = os.environ | {"PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryFile("w+", encoding="utf-8") as err:
        child = subprocess.Popen(
            list(command), cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=err
        )
        try:
            status, peak_kb = _wait(child, timeout)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
            raise
        err.seek(0)
        return status, err.read(), peak_kb / 1024


def _wait(child: subprocess.Popen[bytes], timeout: float) -> tuple[int, int]:
    deadline = time.monotonic() + timeout
    while True:
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            child.returncode = os.waitstatus_to_exitcode(status)
            return child.returncode, usage.ru_maxrss
        if time.monotonic() > deadline:
            raise subprocess.TimeoutExpired(child.args, timeout)
        time.sleep(0.05)


def scrapy_command(*args: str, settings: Sequence[str]) -> list[str]:
    command = [sys.executable, "-m", "scrapy", *args]
    for setting in settings:
        command += ["-s", setting]
    return command


def scrapy_bench(seconds: float) -> CrawlRun:
    """`scrapy bench` for a bounded time, outside the project (Scrapy's defaults)."""
    command = scrapy_command(
        "bench",
        settings=(*COMPARABLE, f"CLOSESPIDER_TIMEOUT={seconds}"),
    )
    with tempfile.TemporaryDirectory(prefix="govcrawl-scrapy-bench-") as outside:
        status, log, rss = run_measured(command, Path(outside), seconds + 60)
    if status != 0:
        raise RuntimeError(f"scrapy bench failed ({status}):\n{log[-2000:]}")
    rate, pages = logstats_rate(log)
    return CrawlRun(rate, pages, rss, log)


def portal_crawl(reports: int, bodies: Sequence[bytes], timeout: float) -> CrawlRun:
    """`scrapy crawl panzhihua` over a column of `reports` synthetic report pages with
    every pipeline on, into a temporary SQLite file."""
    with (
        synthetic_server(reports, bodies) as server,
        tempfile.TemporaryDirectory(prefix="govcrawl-crawl-bench-") as tmp,
    ):
        settings = (
            *COMPARABLE,
            f"GOVCRAWL_DB={Path(tmp) / 'bench.db'}",
            f"GOVCRAWL_HOST_MAP={json.dumps(server.host_map())}",
            "GOVCRAWL_RENDER_JS=0",
        )
        command = scrapy_command("crawl", SLUG, settings=settings)
        status, log, rss = run_measured(command, ROOT, timeout)
        stored = _stored_reports(Path(tmp) / "bench.db")
    if status != 0 or stored != reports:
        raise RuntimeError(
            f"crawl of {reports} reports stored {stored} (exit {status}):\n"
            f"{log[-2000:]}"
        )
    rate, pages = logstats_rate(log)
    return CrawlRun(rate, pages, rss, log)


def _stored_reports(db: Path) -> int:
    with sqlite3.connect(db) as connection:
        (count,) = connection.execute("select count(*) from reports").fetchone()
    return int(count)
