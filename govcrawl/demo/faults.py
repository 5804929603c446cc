"""A misbehaving 攀枝花-shaped portal on 127.0.0.1 for fault injection.

One static_index column (div.new-box rows, parseInt(P), index_N.shtml) lists report
pages; each page follows a fault plan: 5xx bursts, timeouts, connection resets,
truncated bodies, bodies over DOWNLOAD_MAXSIZE, a GBK page declared UTF-8, a wrong
Content-Type, a PDF behind a page URL, a redirect loop, 瑞数 412 and 加速乐 521
challenges, slow answers. Status line, headers and body are written by hand (a
Content-Length longer than the body, a reset instead of an answer)."""

from __future__ import annotations

import socket
import struct
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

from govcrawl.demo.loopback import LoopbackHTTPServer, LoopbackServer

SLUG = "panzhihua"
HOSTS = ("www.pzhsxq.gov.cn",)
COLUMN = "/zfxxgk/zfxxgknb/xq/xqxxgkgzndbg/"
EMPTY_COLUMN = "/zfxxgk/zfxxgknb/xq/xqjbmzfxxgkgzndbg/"
ROWS_PER_PAGE = 8
FIXTURES = Path(__file__).resolve().parents[2] / "tests" / "fixtures"
RUISHU_BODY = (
    b"<html><head><script>var $_ts=window['$_ts'];r='m';</script></head></html>"
)
JIASULE_BODY = b"<script>document.cookie='__jsluid_h=1';location.reload()</script>"
# Pushes a report page past the 256 KiB DOWNLOAD_MAXSIZE the fault tests set.
PADDING = b"<!--" + b"x" * 300_000 + b"-->"


@dataclass(frozen=True)
class Fault:
    """How one path misbehaves. kind: ok, slow, status, timeout, reset, truncated,
    oversize, redirect_loop, ruishu, jiasule, or redirect / refresh (a 302 or a
    <meta refresh> to `location`, another host); `fail_first`: misbehave that many
    times, then serve `body_file` (under tests/fixtures/) normally; 0 means always."""

    kind: str = "ok"
    status: int = 200
    fail_first: int = 0
    delay: float = 0.0
    content_type: str = "text/html; charset=UTF-8"
    body_file: str = "reports/panzhihua_2022.html"
    location: str = ""


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes
    delay: float = 0.0
    declared_length: int | None = None
    reset: bool = False


def list_page(paths: Sequence[str], page_count: int) -> bytes:
    items = "".join(
        f'<li><a href="{path}">攀枝花市西区{2010 + number}年政府信息公开工作年度报告</a>'
        f"<span>2024-01-20</span></li>"
        for number, path in enumerate(paths)
    )
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>年度报告</title>'
        f'</head><body><div class="new-box"><h3>年度报告</h3><ul>{items}</ul></div>'
        f"<script>var pageCount = parseInt({page_count});</script></body></html>"
    ).encode()


class FaultPortal:
    """The column's routes: list pages, then one report page per planned fault."""

    def __init__(self, plan: dict[str, Fault], list_faults: dict[int, Fault]) -> None:
        self.plan = plan
        self.list_faults = list_faults
        self.hits: Counter[str] = Counter()
        self.lock = threading.Lock()
        self.names = list(plan)
        self.pages = max(1, -(-len(self.names) // ROWS_PER_PAGE))

    def report_path(self, name: str) -> str:
        return f"{COLUMN}{name}.shtml"

    def list_path(self, number: int) -> str:
        return (
            f"{COLUMN}index.shtml" if number == 1 else f"{COLUMN}index_{number}.shtml"
        )

    def answer(self, path: str) -> Answer:
        with self.lock:
            self.hits[path] += 1
            seen = self.hits[path]
        if path == f"{EMPTY_COLUMN}index.shtml":
            return Answer(200, _html(), list_page([], 1))
        for number in range(1, self.pages + 1):
            if path == self.list_path(number):
                return self.list_answer(number, seen)
        name = path.removeprefix(COLUMN).removesuffix(".shtml")
        if path.startswith(COLUMN) and name in self.plan:
            return fault_answer(self.plan[name], seen, path)
        return Answer(404, _html(), b"<h1>404 Not Found</h1>")

    def list_answer(self, number: int, seen: int) -> Answer:
        fault = self.list_faults.get(number)
        if fault and (fault.fail_first == 0 or seen <= fault.fail_first):
            return Answer(fault.status, _html(), b"<h1>Service Unavailable</h1>")
        first = (number - 1) * ROWS_PER_PAGE
        rows = [self.report_path(n) for n in self.names[first : first + ROWS_PER_PAGE]]
        return Answer(200, _html(), list_page(rows, self.pages))


def _html(content_type: str = "text/html; charset=UTF-8") -> dict[str, str]:
    return {"Content-Type": content_type}


def _report_body(fault: Fault) -> bytes:
    return (FIXTURES / fault.body_file).read_bytes()


def fault_answer(fault: Fault, seen: int, path: str) -> Answer:
    """The answer to the `seen`-th request for a report page under `fault`."""
    failing = fault.fail_first == 0 or seen <= fault.fail_first
    makers: dict[str, Callable[[], Answer]] = {
        "status": lambda: Answer(fault.status, _html(), b"<h1>Server Error</h1>"),
        "timeout": lambda: Answer(200, _html(), _report_body(fault), delay=fault.delay),
        "reset": lambda: Answer(200, {}, b"", reset=True),
        "truncated": lambda: _truncated(_report_body(fault)),
        "redirect_loop": lambda: Answer(302, {"Location": path}, b""),
        "redirect": lambda: Answer(302, {"Location": fault.location}, b""),
        "refresh": lambda: Answer(200, _html(), _refresh(fault.location)),
        "ruishu": lambda: Answer(412, _html(), RUISHU_BODY),
        "jiasule": lambda: Answer(521, {"X-Via-JSL": "1"}, JIASULE_BODY),
        "oversize": lambda: Answer(200, _html(), _report_body(fault) + PADDING),
    }
    if fault.kind in makers and failing:
        return makers[fault.kind]()
    delay = fault.delay if fault.kind == "slow" else 0.0
    return Answer(200, _html(fault.content_type), _report_body(fault), delay=delay)


def _refresh(location: str) -> bytes:
    return (
        f'<html><head><meta http-equiv="refresh" content="0;url={location}">'
        "</head><body></body></html>"
    ).encode()


def _truncated(body: bytes) -> Answer:
    return Answer(200, _html(), body[: len(body) // 4], declared_length=len(body))


class _QuietServer(LoopbackHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        # Clients that time out or give up on a truncated body close the connection
        # while the handler still writes: expected here, not a server error.
        return


class FaultServer(LoopbackServer):
    """`with FaultServer(plan) as server:` serves the column at server.base_url/<slug>."""

    def __init__(self, portal: FaultPortal) -> None:
        self.portal = portal
        super().__init__(self._handler(), _QuietServer)

    def host_map(self) -> dict[str, str]:
        return {host: f"{self.base_url}/{SLUG}" for host in HOSTS}

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        portal = self.portal

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                path = self.path.split("?", 1)[0].removeprefix(f"/{SLUG}")
                send(self, portal.answer(path))

            def log_message(self, format: str, *args: Any) -> None:
                return

        return Handler


def send(handler: BaseHTTPRequestHandler, answer: Answer) -> None:
    """Write the answer, misbehaving on the socket where the fault says so."""
    if answer.delay:
        time.sleep(answer.delay)
    if answer.reset:
        # SO_LINGER 0: close() sends RST instead of FIN, a reset connection.
        linger = struct.pack("ii", 1, 0)
        handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, linger)
        handler.close_connection = True
        return
    handler.send_response(answer.status)
    for name, value in answer.headers.items():
        handler.send_header(name, value)
    length = answer.declared_length or len(answer.body)
    handler.send_header("Content-Length", str(length))
    if answer.declared_length:
        handler.send_header("Connection", "close")
        handler.close_connection = True
    handler.end_headers()
    try:
        handler.wfile.write(answer.body)
    except (BrokenPipeError, ConnectionResetError):
        handler.close_connection = True
