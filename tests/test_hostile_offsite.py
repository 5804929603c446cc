"""The crawl stays on the portal (issue 15 item 2): a report URL that answers with a
302 or a <meta refresh> to another host — a private address stood in by 127.0.0.2 —
or a list row linking one, is recorded as `offsite` and that host is never asked;
nothing of it is stored. No crawl connects to a private, loopback or link-local
address unless GOVCRAWL_ALLOW_NETWORKS (or the host map) names it, and a body that
came by a redirect on the portal is stored under its own URL, with the chain."""

from __future__ import annotations

import ipaddress
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse

from govcrawl.config import Config
from govcrawl.demo.faults import Answer, Fault, FaultPortal, list_page
from govcrawl.offsite import (
    OffsiteRequest,
    PublicAddressMiddleware,
    allowed_networks,
    non_public_address,
)
from tests.faults.crawl import REAL, FaultCrawl, crawl_faults
from tests.faults.endless import EndlessList, run_portal
from tests.served import counting_host, http_server

# Real crawls, servers and child processes: the end-to-end tier.
pytestmark = pytest.mark.e2e

STOLEN = Path(__file__).parent / "fixtures" / "reports" / "hegang_2024.html"


# Another host: a report-shaped page to anyone who asks, each ask counted.
_Elsewhere = counting_host(STOLEN.read_bytes())


@pytest.fixture(scope="module")
def elsewhere() -> Iterator[str]:
    with http_server(_Elsewhere, "127.0.0.2") as url:
        yield url


class RowsAway(FaultPortal):
    """The fault column, its list also linking a report row on another host; the
    redirect target is served but not listed."""

    def __init__(self, plan: dict[str, Fault], away: str) -> None:
        super().__init__(plan, {})
        self.away = away
        self.names = [name for name in plan if name != "moved-target"]

    def list_answer(self, number: int, seen: int) -> Answer:
        rows = [self.report_path(name) for name in self.names] + [self.away]
        return Answer(200, {"Content-Type": "text/html"}, list_page(rows, 1))


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory, elsewhere: str) -> FaultCrawl:
    plan = {
        "ok-panzhihua": Fault(),
        "redirect-away": Fault("redirect", location=f"{elsewhere}/stolen.shtml"),
        "refresh-away": Fault("refresh", location=f"{elsewhere}/refreshed.shtml"),
        "redirect-named-host": Fault(
            "redirect", location="http://www.hegang.gov.cn/report.shtml"
        ),
        # A redirect on the portal itself: followed, stored under where it led.
        "moved": Fault("redirect", location="moved-target.shtml"),
        "moved-target": Fault(body_file="reports/hetian_2023.html"),
    }
    portal = RowsAway(plan, f"{elsewhere}/row-away.shtml")
    db = tmp_path_factory.mktemp("offsite") / "offsite.db"
    return crawl_faults(db, plan, portal=portal)


def test_the_other_host_is_never_asked(crawl: FaultCrawl) -> None:
    assert _Elsewhere.hits == []


def test_nothing_from_another_host_is_stored(crawl: FaultCrawl) -> None:
    assert set(crawl.reports()) == {
        crawl.url("ok-panzhihua"),
        crawl.url("moved-target"),
    }
    bodies = [row["url"] for row in crawl.rows("select url from pages")]
    assert all(url.startswith("http://www.pzhsxq.gov.cn/") for url in bodies), bodies


def test_a_list_row_on_another_host_is_recorded_offsite(
    crawl: FaultCrawl, elsewhere: str
) -> None:
    url = f"{elsewhere}/row-away.shtml"
    (row,) = crawl.rows("select * from failed_requests where url = ?", url)
    assert (row["reason"], row["kind"]) == ("offsite", "report")


def test_a_redirect_on_the_portal_is_stored_under_where_it_led(
    crawl: FaultCrawl,
) -> None:
    (page,) = crawl.rows(
        "select url, redirects from pages where url = ?", crawl.url("moved-target")
    )
    assert json.loads(page["redirects"]) == [crawl.url("moved")]
    assert crawl.rows("select id from pages where url = ?", crawl.url("moved")) == []
    (plain,) = crawl.rows(
        "select redirects from pages where url = ?", crawl.url("ok-panzhihua")
    )
    assert plain["redirects"] is None


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
    loopback = (ipaddress.ip_network("127.0.0.0/8"),)
    assert non_public_address("127.0.0.2", loopback) is None
    assert non_public_address("10.1.2.3", loopback) == "10.1.2.3"


def test_a_portal_host_at_a_private_address_is_refused(
    tmp_path: Path, elsewhere: str
) -> None:
    """127.0.0.2 named a portal host (GOVCRAWL_EXTRA_HOSTS) but not an allowed
    network: the address is what is refused, and it is never asked."""
    before = len(_Elsewhere.hits)
    plan = {"away": Fault("redirect", location=f"{elsewhere}/private.shtml")}
    settings = ("GOVCRAWL_EXTRA_HOSTS=127.0.0.2",)
    crawl = crawl_faults(tmp_path / "private.db", plan, settings=settings)
    (row,) = crawl.rows(
        "select * from failed_requests where url = ?", crawl.url("away")
    )
    assert row["reason"] == "offsite"
    assert "resolves to 127.0.0.2" in row["message"]
    assert len(_Elsewhere.hits) == before


def test_without_an_allowed_network_no_crawl_connects_to_loopback(
    tmp_path: Path,
) -> None:
    """The generic spider checks no portal's hosts, and still keeps off 127.0.0.1:
    GOVCRAWL_ALLOW_NETWORKS is off by default (the bounds tests turn it on)."""
    with EndlessList() as server:
        db = tmp_path / "loopback.db"
        run_portal(server.list_url("repeat"), db, local=False)
        assert server.hits == {}
    with sqlite3.connect(db) as connection:
        ((reason, message),) = connection.execute(
            "select reason, message from failed_requests"
        ).fetchall()
    assert reason == "offsite"
    assert "resolves to 127.0.0.1" in message


def test_a_response_from_a_private_address_is_dropped() -> None:
    """A host that resolved public when asked and answered from 10.0.0.5 (a DNS
    answer that changed between the check and the connection)."""
    middleware = PublicAddressMiddleware(allowed_networks(Config()))
    request = Request(f"{REAL}/r.shtml")
    response = HtmlResponse(
        request.url, body=b"<html></html>", ip_address=ipaddress.ip_address("10.0.0.5")
    )
    with pytest.raises(OffsiteRequest, match=r"answered from 10\.0\.0\.5"):
        middleware.process_response(request, response)
    public = response.replace(ip_address=ipaddress.ip_address("8.8.8.8"))
    assert middleware.process_response(request, public) is public


def test_the_host_maps_local_servers_are_allowed() -> None:
    config = Config(host_map={"www.pzhsxq.gov.cn": "http://127.0.0.1:9/p"})
    assert ipaddress.ip_address("127.0.0.1") in allowed_networks(config)[0]
