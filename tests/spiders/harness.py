"""Run a real `scrapy crawl` against the fixture portals into a SQLite file, and read
the stored report back in the shape of tests/fixtures/seeds/expected/*.json."""

from __future__ import annotations

import asyncio
import functools
import json
import os
import subprocess
import tempfile
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from govcrawl.demo.server import FixtureServer, Hit
from govcrawl.operate.runner import crawl_command, scrapy_env
from govcrawl.template import REQUEST_COLUMNS
from tests.stored_rows import stored_rows

ROOT = Path(__file__).resolve().parents[2]
# Tests talk to our own local server: no politeness delay needed.
FAST = ("DOWNLOAD_DELAY=0", "AUTOTHROTTLE_ENABLED=0", "LOG_LEVEL=INFO")


@functools.cache
def path_without_chromium() -> str:
    """A PATH with every program of the current one except Chromium (on Debian
    /bin is /usr/bin, so dropping a directory is not enough): links in a temp dir."""
    bare = Path(tempfile.mkdtemp(prefix="no-chromium-"))
    for directory in os.environ["PATH"].split(os.pathsep):
        for program in Path(directory).glob("*") if Path(directory).is_dir() else ():
            link = bare / program.name
            if "chromium" not in program.name and not link.exists():
                link.symlink_to(program)
    return str(bare)


@dataclass
class Crawl:
    db: Path
    log: str
    hits: list[Hit]

    def rows(self, sql: str, *params: Any) -> list[dict[str, Any]]:
        return stored_rows(self.db, sql, *params)

    def reports(self) -> dict[str, dict[str, Any]]:
        return {row["url"]: row for row in self.rows("select * from reports")}

    def blocked(self) -> dict[str, str]:
        rows = self.rows("select url, reason from blocked_pages")
        return {row["url"]: row["reason"] for row in rows}

    def run(self) -> dict[str, Any]:
        (run,) = self.rows("select * from crawl_runs")
        return run


def callback_output(output: AsyncIterator[Any]) -> list[Any]:
    """What a spider's async callback yields, outside a crawl (its work runs here)."""

    async def collect() -> list[Any]:
        return [item async for item in output]

    return asyncio.run(collect())


def crawl(
    server: FixtureServer,
    spider: str,
    db: Path,
    *args: str,
    settings: tuple[str, ...] = (),
    hosts: dict[str, str] | None = None,
    path: str | None = None,
) -> Crawl:
    """`scrapy crawl <spider>` in a subprocess, real hosts mapped to the server;
    hosts: more host -> fixture-site mappings (family fixtures); path: its PATH."""
    start = len(server.hits)
    host_map = server.host_map() | {
        host: f"{server.base_url}/{site}" for host, site in (hosts or {}).items()
    }
    options = (
        f"GOVCRAWL_DB={db}",
        f"GOVCRAWL_HOST_MAP={json.dumps(host_map)}",
        *FAST,
        *settings,
    )
    command = [*crawl_command(spider, options), *args]
    env = scrapy_env() | ({"PATH": path} if path else {})
    done = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-4000:]
    assert "Traceback" not in done.stderr, done.stderr[-4000:]
    return Crawl(db, done.stderr, server.hits[start:])


def stored_values(crawl_: Crawl, report_id: int) -> dict[str, Any]:
    """proactive, requests (as printed) and review_litigation of one stored report."""
    proactive = {
        row["key"]: row["value"]
        for row in crawl_.rows(
            "select key, value from proactive where report_id = ?", report_id
        )
    }
    requests = {
        row["row_key"]: {column: row[column] for column in REQUEST_COLUMNS}
        for row in crawl_.rows(
            "select * from requests where report_id = ? and derived = 0", report_id
        )
    }
    (review,) = crawl_.rows(
        "select * from review_litigation where report_id = ?", report_id
    )
    review = {k: v for k, v in review.items() if k.startswith(("review_", "suit_"))}
    return {"proactive": proactive, "requests": requests, "review_litigation": review}


def assert_matches_seed(crawl_: Crawl, url: str, seed: str) -> None:
    """The stored report at url carries exactly the seed's expected values."""
    from tests.seeds import expected

    want = expected(seed)
    report = crawl_.reports()[url]
    keys = ["agency", "year", "template", "proactive", "requests", "review_litigation"]
    if want["published"]:
        keys.append("published")
    got = {key: report[key] for key in keys if key in report}
    got |= stored_values(crawl_, report["id"])
    assert {key: got.get(key) for key in keys} == {key: want[key] for key in keys}


def failing_checks(crawl_: Crawl) -> dict[str, str | None]:
    rows = crawl_.rows("select url, failing_checks from reports")
    return {row["url"]: row["failing_checks"] for row in rows}
