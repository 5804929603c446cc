"""Distributed crawls on Redis: two `scrapy crawl` workers given GOVCRAWL_REDIS_URL
and one GOVCRAWL_CRAWL_ID share each portal's crawl through a real redis-server on
127.0.0.1, and together store exactly what one process stores."""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import redis
from scrapy.settings import Settings

from govcrawl.demo.server import FixtureServer
from govcrawl.items import BlockedPage
from govcrawl.operate.distributed import DistributedCrawl
from govcrawl.store import open_db, record_blocked
from tests.snapshot import duplicates, snapshot
from tests.spiders.harness import FAST, ROOT, crawl

SPIDERS = ("panzhihua", "heyang")
WORKERS = 2
PAGES_PER_WRITER = 200
# One request at a time per worker, spaced out: the queue in Redis holds work for
# both workers instead of one worker pulling every request at once, for longer than
# the 5 s between an idle worker's looks at the queue (Scrapy's engine heartbeat).
SHARED = (
    "CONCURRENT_REQUESTS=1",
    "DOWNLOAD_DELAY=1.5",
    "DOWNLOAD_DELAY_JITTER=0",
    "GOVCRAWL_REDIS_IDLE_WAIT=1",
)
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


# End-to-end: Redis and several crawl processes.
pytestmark = pytest.mark.e2e


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def redis_answers(client: redis.Redis, process: subprocess.Popen[bytes]) -> bool:
    assert process.poll() is None, "redis-server exited"
    try:
        return bool(client.ping())
    except redis.ConnectionError:
        return False


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    server = shutil.which("redis-server")
    # No skip: CI installs redis-server (.ci/run); without it this test must fail.
    assert server, "redis-server is not installed (apt-get install redis-server)"
    home, port = tmp_path_factory.mktemp("redis"), free_port()
    command = [server, "--port", str(port), "--bind", "127.0.0.1"]
    command += ["--save", "", "--appendonly", "no", "--dir", str(home)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    client = redis.Redis(host="127.0.0.1", port=port)
    try:
        deadline = time.monotonic() + 30
        while not redis_answers(client, process):
            assert time.monotonic() < deadline, "redis-server not answering"
            time.sleep(0.1)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture(scope="module")
def server() -> Iterator[FixtureServer]:
    with FixtureServer() as fixture_server:
        yield fixture_server


def worker_command(
    server: FixtureServer, spider: str, db: Path, settings: tuple[str, ...]
) -> list[str]:
    command = [sys.executable, "-m", "scrapy", "crawl", spider]
    options = (
        f"GOVCRAWL_DB={db}",
        f"GOVCRAWL_HOST_MAP={json.dumps(server.host_map())}",
        *FAST,
        *settings,
    )
    for option in options:
        command += ["-s", option]
    return command


def run_workers(
    server: FixtureServer, db: Path, settings: tuple[str, ...]
) -> list[str]:
    """WORKERS `scrapy crawl` processes per spider, all at once; returns their logs."""
    env = os.environ | {"PYTHONPATH": str(ROOT)}
    runs = [(spider, worker) for spider in SPIDERS for worker in range(WORKERS)]
    logs = [db.with_name(f"{spider}-{worker}.log") for spider, worker in runs]
    processes = []
    for (spider, _), log in zip(runs, logs, strict=True):
        with log.open("w") as stderr:
            command = worker_command(server, spider, db, settings)
            processes.append(
                subprocess.Popen(command, cwd=ROOT, env=env, stderr=stderr)
            )
    try:
        codes = [process.wait(timeout=90) for process in processes]
    finally:
        for process in processes:
            process.kill()
    texts = [log.read_text() for log in logs]
    for code, text in zip(codes, texts, strict=True):
        assert code == 0, text[-4000:]
        assert "Traceback" not in text, text[-4000:]
    return texts


@dataclass
class Stores:
    single: Path
    distributed: Path
    paths: Counter[str]


@pytest.fixture(scope="module")
def stores(
    server: FixtureServer, redis_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Stores:
    tmp = tmp_path_factory.mktemp("distributed")
    single, distributed = tmp / "single.db", tmp / "distributed.db"
    crawl_id = f"test-{uuid.uuid4().hex}"
    settings = (f"GOVCRAWL_REDIS_URL={redis_url}", f"GOVCRAWL_CRAWL_ID={crawl_id}")
    start = len(server.hits)
    run_workers(server, distributed, (*settings, *SHARED))
    paths = Counter(hit.path for hit in server.hits[start:])
    for spider in SPIDERS:
        crawl(server, spider, single)
    return Stores(single, distributed, paths)


@pytest.mark.parametrize("table", TABLES)
def test_two_workers_store_what_one_process_stores(stores: Stores, table: str) -> None:
    assert snapshot(stores.distributed)[table] == snapshot(stores.single)[table]


def test_two_workers_store_no_duplicate_rows(stores: Stores) -> None:
    for table, rows in snapshot(stores.distributed).items():
        assert duplicates(rows) == [], table


def test_every_page_is_fetched_once_by_one_of_the_workers(stores: Stores) -> None:
    robots = {f"/{spider}/robots.txt" for spider in SPIDERS}
    pages = {path: count for path, count in stores.paths.items() if path not in robots}
    assert set(pages.values()) == {1}
    # A worker reads robots.txt before its first request for the portal's host.
    assert all(1 <= stores.paths[path] <= WORKERS for path in robots)


def page_requests_per_run(path: Path) -> dict[str, list[int]]:
    """Requests each worker's run sent for pages (robots.txt not counted)."""
    with sqlite3.connect(path) as db:
        rows = db.execute("select spider, stats from crawl_runs").fetchall()
    runs: dict[str, list[int]] = {}
    for spider, stats_json in rows:
        stats = json.loads(stats_json)
        sent = stats["downloader/request_count"] - stats.get(
            "robotstxt/request_count", 0
        )
        runs.setdefault(spider, []).append(sent)
    return runs


def test_both_workers_fetch_pages(stores: Stores) -> None:
    runs = page_requests_per_run(stores.distributed)
    for spider in SPIDERS:
        assert len(runs[spider]) == WORKERS, spider
        assert all(sent > 0 for sent in runs[spider]), (spider, runs[spider])


def store_blocked_pages(path: str, worker: int, barrier: Any) -> None:
    db = open_db(path)
    barrier.wait()
    for number in range(PAGES_PER_WRITER):
        body = f"challenge {worker}-{number}".encode()
        url = f"http://www.pzhsxq.gov.cn/{worker}/{number}.shtml"
        page = BlockedPage(url, "panzhihua", "challenge:ruishu", 412, body, {}, "t")
        record_blocked(db, page)
    db.close()


def test_two_writer_processes_lose_no_write(tmp_path: Path) -> None:
    """Workers open a new store file at the same moment and write at once."""
    path = str(tmp_path / "shared.db")
    spawn = multiprocessing.get_context("spawn")
    barrier = spawn.Barrier(WORKERS)
    writers = [
        spawn.Process(target=store_blocked_pages, args=(path, worker, barrier))
        for worker in range(WORKERS)
    ]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(timeout=60)
    assert [writer.exitcode for writer in writers] == [0] * WORKERS
    with sqlite3.connect(path) as db:
        (stored,) = db.execute("select count(*) from blocked_pages").fetchone()
    assert stored == WORKERS * PAGES_PER_WRITER


def test_redis_url_without_crawl_id_is_a_clear_error() -> None:
    settings = Settings({"GOVCRAWL_REDIS_URL": "redis://127.0.0.1:1/0"})
    with pytest.raises(ValueError, match="GOVCRAWL_CRAWL_ID"):
        DistributedCrawl().update_settings(settings)


def test_crawl_id_that_would_break_redis_keys_is_refused() -> None:
    settings = Settings(
        {"GOVCRAWL_REDIS_URL": "redis://127.0.0.1:1/0", "GOVCRAWL_CRAWL_ID": "a %s"}
    )
    with pytest.raises(ValueError, match="letters, digits"):
        DistributedCrawl().update_settings(settings)


def test_without_redis_url_the_crawl_keeps_scrapys_scheduler() -> None:
    settings = Settings({"SCHEDULER": "scrapy.core.scheduler.Scheduler"})
    DistributedCrawl().update_settings(settings)
    assert settings["SCHEDULER"] == "scrapy.core.scheduler.Scheduler"
