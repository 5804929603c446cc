"""hegang end to end: list.shtml JavaScript shells rendered in Debian's Chromium,
later pages from the /common/search JSON API with the list page as Referer."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest

from govcrawl.demo.server import FixtureServer
from tests.spiders.harness import (
    Crawl,
    assert_matches_seed,
    crawl,
    failing_checks,
    path_without_chromium,
)

SITE = "https://www.hegang.gov.cn"
REPORT = f"{SITE}/hegang/zxqgkndbg/202501/68226.shtml"
CHANNEL = "6d1c2a48e5f04b8f9a7b3c2d1e0f4a5b"
MISSING = "/nonexistent/chromium"


# End-to-end: real crawls, Chromium for the JavaScript list.
pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def rendered(
    portal_server: FixtureServer, tmp_path_factory: pytest.TempPathFactory
) -> Crawl:
    db = tmp_path_factory.mktemp("hg") / "c.db"
    return crawl(portal_server, "hegang", db, settings=("GOVCRAWL_RENDER_FIRST=1",))


@pytest.fixture(scope="module")
def api_only(
    portal_server: FixtureServer, tmp_path_factory: pytest.TempPathFactory
) -> Crawl:
    # The default: the shell's JSON API, no browser.
    return crawl(portal_server, "hegang", tmp_path_factory.mktemp("hg_api") / "c.db")


@pytest.fixture(scope="module")
def no_chromium(
    portal_server: FixtureServer, tmp_path_factory: pytest.TempPathFactory
) -> Crawl:
    """Rendering asked for, on a machine whose Chromium is not where configured
    and not on PATH."""
    db = tmp_path_factory.mktemp("hg_nochrome") / "c.db"
    options = json.dumps({"executable_path": MISSING, "headless": True})
    settings = ("GOVCRAWL_RENDER_FIRST=1", f"PLAYWRIGHT_LAUNCH_OPTIONS={options}")
    return crawl(
        portal_server, "hegang", db, settings=settings, path=path_without_chromium()
    )


def test_shell_is_rendered_by_chromium(rendered: Crawl) -> None:
    # Only the page's own script calls the API without the portal prefix.
    browser_calls = [h for h in rendered.hits if h.path.startswith("/common/search/")]
    assert [h.path.rsplit("page=", 1)[1] for h in browser_calls] == ["1", "1"]
    assert "Launching browser chromium" in rendered.log
    assert "[scrapy-playwright]" in rendered.log  # the handler a rendering crawl sets


def test_rendered_crawl_finds_the_report(rendered: Crawl) -> None:
    assert set(rendered.reports()) == {REPORT}
    assert_matches_seed(rendered, REPORT, "003_00e19431bcd07e12")
    assert failing_checks(rendered) == {REPORT: None}


def test_second_api_page_is_fetched_with_referer(rendered: Crawl) -> None:
    (second,) = [h for h in rendered.hits if h.path.endswith("page=2")]
    assert second.headers["referer"].endswith("/hegang/hegang/zxqgkndbg/list.shtml")


def test_jiasule_521_is_blocked(rendered: Crawl) -> None:
    assert rendered.blocked() == {
        f"{SITE}/hegang/zxqgkndbg/202401/58812.shtml": "challenge:jiasule"
    }


def test_json_api_alone_finds_the_same_report(api_only: Crawl) -> None:
    assert set(api_only.reports()) == {REPORT}
    assert not [h for h in api_only.hits if h.path.startswith("/common/search/")]
    assert "Launching browser chromium" not in api_only.log
    # hegang may render, so its spider sets the handler; the browser never starts.
    assert "[scrapy-playwright]" in api_only.log


@pytest.mark.e2e
def test_missing_chromium_is_one_clear_line_and_the_api_still_lists(
    no_chromium: Crawl,
) -> None:
    shell = f"{SITE}/hegang/zxqgkndbg/list.shtml"
    lines = [line for line in no_chromium.log.splitlines() if "apt-get" in line]
    assert len(lines) == 2  # one per start list
    assert (
        f"{shell} can only be listed in a browser and Chromium is missing" in lines[0]
    )
    assert f"not at {MISSING}" in lines[0]
    assert "install it with `apt-get install chromium`" in lines[0]
    assert "error:Error" not in no_chromium.log
    failed = no_chromium.rows("select url, reason from failed_requests")
    assert {"url": shell, "reason": "browser:missing"} in failed
    # Nothing was rendered; the JSON API still lists the report.
    assert set(no_chromium.reports()) == {REPORT}
    assert "Launching browser" not in no_chromium.log


def test_search_api_refuses_requests_without_referer(
    portal_server: FixtureServer,
) -> None:
    url = f"{portal_server.base_url}/hegang/common/search/{CHANNEL}?page=1"
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(url)
    assert refused.value.code == 403
    list_page = f"{portal_server.base_url}/hegang/hegang/zxqgkndbg/list.shtml"
    request = urllib.request.Request(url, headers={"Referer": list_page})
    with urllib.request.urlopen(request) as answer:
        assert b"68226.shtml" in answer.read()
