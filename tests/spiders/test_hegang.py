"""hegang end to end: list.shtml JavaScript shells rendered in Debian's Chromium,
later pages from the /common/search JSON API with the list page as Referer."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest

from govcrawl.demo.server import FixtureServer
from tests.spiders.harness import Crawl, assert_matches_seed, crawl, failing_checks

SITE = "https://www.hegang.gov.cn"
REPORT = f"{SITE}/hegang/zxqgkndbg/202501/68226.shtml"
CHANNEL = "6d1c2a48e5f04b8f9a7b3c2d1e0f4a5b"


# End-to-end: real crawls, Chromium for the JavaScript list.
pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def rendered(
    portal_server: FixtureServer, tmp_path_factory: pytest.TempPathFactory
) -> Crawl:
    return crawl(portal_server, "hegang", tmp_path_factory.mktemp("hg") / "c.db")


@pytest.fixture(scope="module")
def api_only(
    portal_server: FixtureServer, tmp_path_factory: pytest.TempPathFactory
) -> Crawl:
    db = tmp_path_factory.mktemp("hg_api") / "c.db"
    return crawl(portal_server, "hegang", db, settings=("GOVCRAWL_RENDER_JS=0",))


def test_shell_is_rendered_by_chromium(rendered: Crawl) -> None:
    # Only the page's own script calls the API without the portal prefix.
    browser_calls = [h for h in rendered.hits if h.path.startswith("/common/search/")]
    assert [h.path.rsplit("page=", 1)[1] for h in browser_calls] == ["1", "1"]
    assert "Launching browser chromium" in rendered.log


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
