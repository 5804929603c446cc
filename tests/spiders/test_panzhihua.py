"""panzhihua end to end: real Scrapy against the fixture portal into SQLite."""

from __future__ import annotations

import pytest

from govcrawl.demo.server import FixtureServer
from tests.spiders.harness import Crawl, assert_matches_seed, crawl, failing_checks

SITE = "http://www.pzhsxq.gov.cn"
DISTRICT = f"{SITE}/zfxxgk/zfxxgknb/xq/xqxxgkgzndbg/"
DEPARTMENTS = f"{SITE}/zfxxgk/zfxxgknb/xq/xqjbmzfxxgkgzndbg/"
REPORT = f"{DISTRICT}4372216.shtml"
REPUBLISHED = f"{DEPARTMENTS}qzfb/4372230.shtml"


# End-to-end: real crawls of the fixture portal.
pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def result(
    portal_server: FixtureServer, tmp_path_factory: pytest.TempPathFactory
) -> Crawl:
    return crawl(portal_server, "panzhihua", tmp_path_factory.mktemp("pzh") / "c.db")


def test_reports_from_district_column_and_department_subcolumn(result: Crawl) -> None:
    assert set(result.reports()) == {REPORT, REPUBLISHED}


def test_report_matches_reference_values(result: Crawl) -> None:
    assert_matches_seed(result, REPORT, "000_968440a473f92860")


def test_every_report_balances(result: Crawl) -> None:
    assert failing_checks(result) == {REPORT: None, REPUBLISHED: None}


def test_second_list_page_is_followed(result: Crawl) -> None:
    paths = {hit.path for hit in result.hits}
    assert "/panzhihua/zfxxgk/zfxxgknb/xq/xqxxgkgzndbg/index_2.shtml" in paths


def test_guidance_notice_is_not_fetched_as_a_report(result: Crawl) -> None:
    paths = {hit.path for hit in result.hits}
    assert "/panzhihua/zfxxgk/zfxxgknb/xq/xqxxgkgzndbg/4371980.shtml" not in paths


def test_ruishu_challenge_is_recorded_as_blocked(result: Crawl) -> None:
    assert result.blocked() == {f"{DISTRICT}3890417.shtml": "challenge:ruishu"}


def test_robots_txt_is_read_from_the_portal(result: Crawl) -> None:
    assert result.hits[0].path == "/panzhihua/robots.txt"


def test_run_counts(result: Crawl) -> None:
    run = result.run()
    assert (run["reports_new"], run["blocked"], run["failures"]) == (2, 1, 0)
