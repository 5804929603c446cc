"""The crawl stays on the portal (issue 15 item 2): a report URL that answers with a
302 or a <meta refresh> to another host — a private address stood in by 127.0.0.2 —
is recorded as `offsite` and that host is never asked; nothing of it is stored."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest

from govcrawl.demo.faults import Fault
from govcrawl.offsite import non_public_address
from tests.faults.crawl import FaultCrawl, crawl_faults

STOLEN = Path(__file__).parent / "fixtures" / "reports" / "hegang_2024.html"


class _Elsewhere(BaseHTTPRequestHandler):
    """Another host: serves a report-shaped page to anyone who asks, and counts."""

    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.hits.append(self.path)
        body = STOLEN.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=UTF-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        return


@pytest.fixture(scope="module")
def elsewhere() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.2", 0), _Elsewhere)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.2:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory, elsewhere: str) -> FaultCrawl:
    plan = {
        "ok-panzhihua": Fault(),
        "redirect-away": Fault("redirect", location=f"{elsewhere}/stolen.shtml"),
        "refresh-away": Fault("refresh", location=f"{elsewhere}/refreshed.shtml"),
        "redirect-named-host": Fault(
            "redirect", location="http://www.hegang.gov.cn/report.shtml"
        ),
    }
    return crawl_faults(tmp_path_factory.mktemp("offsite") / "offsite.db", plan)


def test_the_other_host_is_never_asked(crawl: FaultCrawl) -> None:
    assert _Elsewhere.hits == []


def test_nothing_from_another_host_is_stored(crawl: FaultCrawl) -> None:
    assert list(crawl.reports()) == [crawl.url("ok-panzhihua")]
    bodies = [row["url"] for row in crawl.rows("select url from pages")]
    assert all(url.startswith("http://www.pzhsxq.gov.cn/") for url in bodies), bodies


@pytest.mark.parametrize(
    ("name", "target"),
    [
        ("redirect-away", "127.0.0.2"),
        ("refresh-away", "127.0.0.2"),
        ("redirect-named-host", "www.hegang.gov.cn"),
    ],
)
def test_a_redirect_off_the_portal_is_recorded_offsite(
    crawl: FaultCrawl, name: str, target: str
) -> None:
    (row,) = crawl.rows("select * from failed_requests where url = ?", crawl.url(name))
    assert row["reason"] == "offsite"
    assert target in row["message"]


def test_private_loopback_and_link_local_addresses_are_not_public() -> None:
    for host in ("127.0.0.2", "10.1.2.3", "192.168.0.1", "169.254.169.254", "::1"):
        assert non_public_address(host) is not None, host
    assert non_public_address("8.8.8.8") is None
