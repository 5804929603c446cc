"""Download reasons that say what happened (issue 15 item 8): a body with no
Content-Length that never ends was recorded as `download:cancelled`, a gzip bomb as
`ignored`. Real Scrapy (a subprocess) fetches from a hostile server on 127.0.0.1 with
DOWNLOAD_MAXSIZE at 256 KiB; each failure goes through govcrawl.failures as a
spider's errback hands it over."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from typing import Any

import pytest

from tests.served import http_server, send_body

# Real crawls, servers and child processes: the end-to-end tier.
pytestmark = pytest.mark.e2e

MAXSIZE = 256 * 1024
# 64 MiB of blanks, gzipped to 64 kB: under DOWNLOAD_MAXSIZE as sent.
BOMB = gzip.compress(b" " * (64 << 20), compresslevel=9)


class _Hostile(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        if self.path == "/endless":
            self._endless()
        elif self.path == "/bomb":
            send_body(self, BOMB, headers={"Content-Encoding": "gzip"})
        elif self.path == "/declared-huge":
            self.send_response(200)
            self.send_header("Content-Length", str(10 * MAXSIZE))
            self.end_headers()
            self.wfile.write(b" " * 1024)
        else:
            send_body(self, b"<html><body>ok</body></html>")

    def _endless(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        chunk = b" " * 65536
        try:
            for _ in range(10_000):  # 640 MB at most: ends even if nobody stops it
                self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        except OSError:
            return

    def log_message(self, format: str, *args: Any) -> None:
        return


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with http_server(_Hostile) as url:
        yield url


_CRAWL = """
import json, sys
import scrapy
from scrapy.crawler import CrawlerProcess
from govcrawl.failures import failure_message, failure_reason

base, out = sys.argv[1], sys.argv[2]
seen = {}

class Hostile(scrapy.Spider):
    name = "hostile"

    async def start(self):
        for path in ("/ok", "/endless", "/bomb", "/declared-huge"):
            yield scrapy.Request(base + path, errback=self.failed, dont_filter=True)

    def parse(self, response):
        seen[response.url.rsplit("/", 1)[1]] = ["ok", ""]

    def failed(self, failure):
        path = failure.request.url.rsplit("/", 1)[1]
        seen[path] = [failure_reason(failure.value), failure_message(failure.value)]

process = CrawlerProcess({"DOWNLOAD_MAXSIZE": %d, "RETRY_ENABLED": False,
                          "LOG_LEVEL": "ERROR", "DOWNLOAD_TIMEOUT": 60})
process.crawl(Hostile)
process.start()
json.dump(seen, open(out, "w"))
"""


@pytest.fixture(scope="module")
def reasons(server: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("downloads") / "reasons.json"
    done = subprocess.run(
        [sys.executable, "-c", _CRAWL % MAXSIZE, server, str(out)],
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-3000:]
    seen: dict[str, Any] = json.loads(out.read_text())
    return seen


def test_a_readable_page_still_reads(reasons: dict[str, Any]) -> None:
    assert reasons["ok"][0] == "ok"


def test_an_endless_body_is_maxsize(reasons: dict[str, Any]) -> None:
    reason, message = reasons["endless"]
    assert reason == "download:maxsize", message
    assert "DOWNLOAD_MAXSIZE" in message


def test_a_declared_huge_body_is_maxsize(reasons: dict[str, Any]) -> None:
    assert reasons["declared-huge"][0] == "download:maxsize"


def test_a_gzip_bomb_is_a_decompression_bomb(reasons: dict[str, Any]) -> None:
    reason, message = reasons["bomb"]
    assert reason == "download:decompression_bomb", message
    assert "decompress" in message
