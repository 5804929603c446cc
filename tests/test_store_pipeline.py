"""StorePipeline in real Scrapy crawls (subprocesses) against a 127.0.0.1 server.

The spider below is the crawl's only spider: it fetches seed pages as served and
hands the store stage their expected reports, so this tests the store stage alone.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest
import scrapy
from scrapy.http import Response
from sqlite_utils import Database

from govcrawl.items import BlockedPage, ReportPage, ValidatedPage
from govcrawl.model import CleanResult
from tests.served import http_server, send_body
from tests.stored_seeds import SEEDS, YUANJIANG, expected_report

PANZHIHUA = "000_968440a473f92860"
CHALLENGE = b"<html><script>document.cookie='__jsl_clearance=1';</script></html>"
ROOT = Path(__file__).parent.parent


# End-to-end: real Scrapy crawls in subprocesses.
pytestmark = pytest.mark.e2e


class SeedSpider(scrapy.Spider):
    name = "seeds"

    def __init__(self, base: str = "", paths: str = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.urls = [f"{base}/{path}" for path in paths.split(",")]

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.urls:
            yield scrapy.Request(url)

    def parse(self, response: Response) -> Iterator[ValidatedPage | BlockedPage]:
        headers = {k.decode(): v[0].decode() for k, v in response.headers.items()}
        fetched_at = datetime.now(UTC).isoformat(timespec="seconds")
        stem = response.url.rsplit("/", 1)[-1].removesuffix(".txt")
        if stem == "challenge":
            yield BlockedPage(
                response.url,
                "seeds",
                "challenge",
                response.status,
                response.body,
                headers,
                fetched_at,
            )
            return
        report = expected_report(stem)
        page = ReportPage(
            response.url, "seeds", report.title or "", report.year, None,
            response.body, headers, response.status, fetched_at, kind="text",
        )  # fmt: skip
        yield ValidatedPage(page, CleanResult(response.text, ""), report)


class SeedHandler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        name = self.path.lstrip("/")
        body = CHALLENGE if name == "challenge" else (SEEDS / name).read_bytes()
        send_body(self, body, "text/plain; charset=utf-8")

    def log_message(self, format: str, *args: Any) -> None:
        return


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    with http_server(SeedHandler) as url:
        yield url


def crawl(db_path: Path, base: str, paths: list[str]) -> str:
    settings = {
        "GOVCRAWL_DB": str(db_path),
        "ITEM_PIPELINES": json.dumps({"pipelines.store.StorePipeline": 500}),
        "ROBOTSTXT_OBEY": "False",
        "DOWNLOAD_DELAY": "0",
        "AUTOTHROTTLE_ENABLED": "False",
        "LOG_LEVEL": "INFO",
        # No host map here: the local server is allowed by its network.
        "GOVCRAWL_ALLOW_NETWORKS": "127.0.0.1/32",
    }
    command = [sys.executable, "-m", "scrapy", "runspider", __file__]
    command += ["-a", f"base={base}", "-a", f"paths={','.join(paths)}"]
    for name, value in settings.items():
        command += ["-s", f"{name}={value}"]
    done = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return done.stderr


def runs(db_path: Path) -> list[dict[str, Any]]:
    return list(Database(db_path).query("select * from crawl_runs order by id"))


@pytest.fixture(scope="module")
def two_runs(base_url: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db_path = tmp_path_factory.mktemp("store") / "govcrawl.db"
    paths = [f"{YUANJIANG}.txt", f"{PANZHIHUA}.txt", "challenge"]
    crawl(db_path, base_url, paths)
    crawl(db_path, base_url, paths)
    return db_path


def test_first_run_stores_two_new_reports_and_one_blocked_page(two_runs: Path) -> None:
    first = runs(two_runs)[0]
    assert first["status"] == "ok"
    assert (first["reports"], first["reports_new"], first["blocked"]) == (2, 2, 1)
    assert first["requests"] == 3
    assert json.loads(first["stats"])["govcrawl/store/new"] == 2


def test_second_run_finds_everything_unchanged(two_runs: Path) -> None:
    second = runs(two_runs)[1]
    assert second["status"] == "ok"
    assert (second["reports_unchanged"], second["reports_new"]) == (2, 0)
    db = Database(two_runs)
    assert db.table("reports").count == 2
    assert db.table("pages").count == 3
    blocked = list(db.query("select url, reason from blocked_pages"))
    assert [row["reason"] for row in blocked] == ["challenge"]


def test_pages_keep_the_served_bytes_and_headers(two_runs: Path) -> None:
    db = Database(two_runs)
    page = next(db.query("select * from pages where url like ?", [f"%{YUANJIANG}%"]))
    served = (SEEDS / f"{YUANJIANG}.txt").read_bytes()
    assert page["sha256"] == hashlib.sha256(served).hexdigest()
    assert json.loads(page["headers"])["Content-Type"] == "text/plain; charset=utf-8"


def test_a_run_that_stores_no_report_has_failed(base_url: str, tmp_path: Path) -> None:
    db_path = tmp_path / "govcrawl.db"
    crawl(db_path, base_url, ["challenge"])
    (run,) = runs(db_path)
    assert (run["status"], run["reports"], run["blocked"]) == ("failed", 0, 1)
