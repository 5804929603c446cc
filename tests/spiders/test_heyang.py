"""heyang end to end: per-year sub-columns /zfxxgk/zfxxgknb/{YYYY}n/{sub}/N.html."""

from __future__ import annotations

import pytest

from govcrawl.demo.server import FixtureServer
from tests.spiders.harness import Crawl, assert_matches_seed, crawl, failing_checks

NB = "http://www.heyang.gov.cn/zfxxgk/zfxxgknb/"
REPORT = f"{NB}2020n/xsp/1628950158324563970.html"


# End-to-end: real crawls of the fixture portal.
pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def result(
    portal_server: FixtureServer, tmp_path_factory: pytest.TempPathFactory
) -> Crawl:
    return crawl(portal_server, "heyang", tmp_path_factory.mktemp("hy") / "c.db")


def test_report_found_two_subcolumns_down(result: Crawl) -> None:
    assert set(result.reports()) == {REPORT}


def test_report_matches_reference_values(result: Crawl) -> None:
    assert_matches_seed(result, REPORT, "002_c70ef5546fcf38db")


def test_report_year_and_date_come_from_the_list_and_title(result: Crawl) -> None:
    report = result.reports()[REPORT]
    assert (report["year"], report["published"]) == (2020, "2021-01-29")


def test_every_report_balances(result: Crawl) -> None:
    assert failing_checks(result) == {REPORT: None}


def test_numbered_pages_are_followed(result: Crawl) -> None:
    assert "/heyang/zfxxgk/zfxxgknb/2.html" in {hit.path for hit in result.hits}


def test_status_200_ruishu_page_is_blocked(result: Crawl) -> None:
    assert result.blocked() == {
        f"{NB}2021n/1488812345678901249.html": "challenge:ruishu"
    }
