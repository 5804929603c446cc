"""An endless 下一页 list on 127.0.0.1 for the bounds tests, crawled with the
generic `scrapy crawl portal`: /repeat/list?p=N shows the same three reports on
every page, /grow/list?p=N one new report per page; each links page N+1. Report
pages answer 404 (the rows are what is measured, not the reports)."""

from __future__ import annotations

import subprocess
import threading
from collections import Counter
from collections.abc import Sequence
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from govcrawl.demo.loopback import LoopbackServer
from govcrawl.operate.runner import crawl_command, scrapy_env
from tests.faults.crawl import ROOT, SETTINGS
from tests.served import send_body

LOCAL = ("GOVCRAWL_ALLOW_NETWORKS=127.0.0.0/8", "GOVCRAWL_FLOW_PROCESSES=0")


def list_body(kind: str, number: int) -> bytes:
    rows = range(1, 4) if kind == "repeat" else (number,)
    items = "".join(
        f'<li><a href="/{kind}/r{row}.html">某局{2009 + row % 15}年政府信息公开工作'
        f"年度报告</a><span>2024-01-{row % 28 + 1:02d}</span></li>"
        for row in rows
    )
    pager = f'<a href="/{kind}/list?p={number + 1}">下一页</a>'
    return (
        f'<html><head><meta charset="utf-8"></head><body><ul>{items}</ul>{pager}'
        "</body></html>"
    ).encode()


class EndlessList(LoopbackServer):
    def __init__(self) -> None:
        self.hits: Counter[str] = Counter()
        self.lock = threading.Lock()
        super().__init__(self._handler())

    def list_url(self, kind: str) -> str:
        return f"{self.base_url}/{kind}/list?p=1"

    def list_pages(self, kind: str) -> int:
        with self.lock:
            return self.hits[f"/{kind}/list"]

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                with server.lock:
                    server.hits[parts.path] += 1
                kind = parts.path.split("/")[1]
                if parts.path.endswith("/list"):
                    number = int(parse_qs(parts.query).get("p", ["1"])[0])
                    self.answer(200, list_body(kind, number))
                else:
                    self.answer(404, b"<h1>404 Not Found</h1>")

            def answer(self, status: int, body: bytes) -> None:
                send_body(self, body, status=status)

            def log_message(self, format: str, *args: Any) -> None:
                return

        return Handler


def portal_crawl(
    url: str, db: Path, settings: Sequence[str] = (), local: bool = True
) -> list[str]:
    """The `scrapy crawl portal -a url=…` command line for the endless list;
    local: allow connecting to 127.0.0.1 (GOVCRAWL_ALLOW_NETWORKS)."""
    options = (f"GOVCRAWL_DB={db}", *SETTINGS, *(LOCAL if local else ()), *settings)
    return [*crawl_command("portal", options), "-a", f"url={url}"]


def run_portal(
    url: str,
    db: Path,
    settings: Sequence[str] = (),
    timeout: float = 90,
    local: bool = True,
) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        portal_crawl(url, db, settings, local),
        cwd=ROOT,
        env=scrapy_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    return done


def start_portal(
    url: str, db: Path, settings: Sequence[str] = ()
) -> subprocess.Popen[bytes]:
    """The crawl in the background, its log in db's folder (a pipe would fill)."""
    with open(db.with_suffix(".log"), "wb") as log:
        return subprocess.Popen(
            portal_crawl(url, db, settings),
            cwd=ROOT,
            env=scrapy_env(),
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
