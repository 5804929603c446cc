"""The rendered page stays on the portal too (issue 15 item 2): a list rendered in
Chromium whose script sets `location` or opens a window, whose <meta refresh> or
frame leads to another host — a private address stood in by 127.0.0.2 — or that pulls a picture from
there. Real `scrapy crawl hegang` with GOVCRAWL_RENDER_FIRST in Debian's Chromium,
the portal on 127.0.0.1 through the host map: the other host is never asked, nothing
of it is stored, and each refused navigation of the page or of a window it opens is a
`failed_requests` row, reason `offsite`, as a refused Scrapy request is."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest

from govcrawl.operate.runner import crawl_command, scrapy_env
from tests.served import ROOT, counting_host, http_server, send_body
from tests.stored_rows import CrawlRun

# Real crawls, Chromium and local servers: the end-to-end tier.
pytestmark = pytest.mark.e2e

STOLEN = Path(__file__).parent / "fixtures" / "reports" / "hegang_2024.html"
ZXQ = "/hg/hegang/zxqgkndbg/list.shtml"
ZSZ = "/hg/hegang/zszbmgkndbb/list.shtml"


# Another host: a report-shaped page to anyone who asks, each ask counted.
_Elsewhere = counting_host(STOLEN.read_bytes())


def _shells(away: str) -> dict[str, bytes]:
    """The two hegang list shells: one navigates by script, one by refresh and a
    frame, and pulls a picture from the other host."""
    scripted = (
        '<html><head><meta charset="utf-8"><title>年度报告</title></head><body>'
        f'<ul id="list"></ul><script>addEventListener("load", () => {{ window.open("{away}/opened.shtml"); location.href = "{away}/scripted.shtml"; }});'
        "</script></body></html>"
    )
    refreshed = (
        '<html><head><meta charset="utf-8"><title>年度报告</title>'
        f'<meta http-equiv="refresh" content="0;url={away}/refreshed.shtml"></head>'
        f'<body><img src="{away}/pixel.gif"><iframe src="{away}/framed.shtml">'
        "</iframe></body></html>"
    )
    return {ZXQ: scripted.encode(), ZSZ: refreshed.encode()}


@dataclass
class Rendered(CrawlRun):
    away: str

    def offsite(self) -> dict[str, str]:
        rows = self.rows(
            "select url, message from failed_requests where reason = ?", "offsite"
        )
        return {row["url"]: row["message"] for row in rows}


@pytest.fixture(scope="module")
def elsewhere() -> Iterator[str]:
    with http_server(_Elsewhere, "127.0.0.2") as url:
        yield url


def _render(db: Path, away: str, settings: tuple[str, ...] = ()) -> Rendered:
    shells = _shells(away)

    class Portal(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = shells.get(self.path.split("?", 1)[0])
            send_body(self, body or b"<h1>404</h1>", status=200 if body else 404)

        def log_message(self, format: str, *args: Any) -> None:
            return

    with http_server(Portal) as portal:
        host_map = {"www.hegang.gov.cn": f"{portal}/hg"}
        options = (
            f"GOVCRAWL_DB={db}",
            f"GOVCRAWL_HOST_MAP={json.dumps(host_map)}",
            "GOVCRAWL_RENDER_FIRST=1",
            "DOWNLOAD_DELAY=0",
            "AUTOTHROTTLE_ENABLED=0",
            "ROBOTSTXT_OBEY=0",
            "LOG_LEVEL=INFO",
            *settings,
        )
        done = subprocess.run(
            crawl_command("hegang", options),
            cwd=ROOT,
            env=scrapy_env(),
            capture_output=True,
            text=True,
            timeout=240,
        )
    assert done.returncode == 0, done.stderr[-4000:]
    assert "Traceback" not in done.stderr, done.stderr[-4000:]
    return Rendered(db, done.stderr, away)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory, elsewhere: str) -> Rendered:
    return _render(tmp_path_factory.mktemp("browser") / "c.db", elsewhere)


def test_the_browser_never_asks_the_other_host(rendered: Rendered) -> None:
    assert "Launching browser chromium" in rendered.log
    assert _Elsewhere.hits == []


def test_nothing_from_the_other_host_is_stored(rendered: Rendered) -> None:
    assert rendered.rows("select url from reports") == []
    for table in ("pages", "list_pages", "blocked_pages"):
        urls = [row["url"] for row in rendered.rows(f"select url from {table}")]
        assert all(url.startswith("https://www.hegang.gov.cn/") for url in urls), urls


def test_the_scripted_shell_is_read_as_the_portals_page(rendered: Rendered) -> None:
    """Its navigation refused, the page stays where it was (no error page in its
    place) and is read as the list it is: no rows."""
    (shell,) = rendered.rows("select url, entries from list_pages")
    assert shell == {
        "url": f"https://www.hegang.gov.cn{ZXQ.removeprefix('/hg')}",
        "entries": 0,
    }


def test_the_refreshed_shell_is_refused_as_scrapy_refuses_a_refresh(
    rendered: Rendered,
) -> None:
    url = f"https://www.hegang.gov.cn{ZSZ.removeprefix('/hg')}"
    message = rendered.offsite()[url]
    assert f"{rendered.away}/refreshed.shtml" in message


@pytest.mark.parametrize(
    "path", ["/scripted.shtml", "/opened.shtml", "/refreshed.shtml"]
)
def test_each_refused_navigation_is_recorded_offsite(
    rendered: Rendered, path: str
) -> None:
    message = rendered.offsite()[rendered.away + path]
    assert message.startswith("offsite: 127.0.0.2 is not a host of this portal"), (
        message
    )


def test_a_frame_off_the_portal_is_kept_out_unrecorded(rendered: Rendered) -> None:
    """A frame is a widget (the 天气 iframe on 平潭's pages), kept out as a picture
    is: never asked (test_the_browser_never_asks_the_other_host), not a failure."""
    offsite = rendered.offsite()
    assert f"{rendered.away}/framed.shtml" not in offsite
    assert f"{rendered.away}/pixel.gif" not in offsite
    assert "browser frame refused: offsite: 127.0.0.2" in rendered.log


def test_a_portal_host_at_a_private_address_is_refused_in_the_browser(
    tmp_path: Path, elsewhere: str
) -> None:
    """127.0.0.2 named a portal host (GOVCRAWL_EXTRA_HOSTS) but no allowed network:
    the resolved address is what the browser is refused."""
    before = len(_Elsewhere.hits)
    settings = ("GOVCRAWL_EXTRA_HOSTS=127.0.0.2",)
    rendered = _render(tmp_path / "c.db", elsewhere, settings)
    message = rendered.offsite()[f"{elsewhere}/scripted.shtml"]
    assert message.startswith("offsite: 127.0.0.2 resolves to 127.0.0.2"), message
    assert len(_Elsewhere.hits) == before
