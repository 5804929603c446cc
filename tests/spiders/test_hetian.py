"""hetian end to end: c{id}/list.shtml and list_N.shtml, hex article names."""

from __future__ import annotations

import pytest

from govcrawl.demo.server import FixtureServer
from tests.spiders.harness import Crawl, assert_matches_seed, crawl, failing_checks

COLUMN = "http://www.htx.gov.cn/htx/c114808/"
REPORT = f"{COLUMN}202401/dc57871a9e6543c88fc8cde007d59f8a.shtml"


# End-to-end: real crawls of the fixture portal.
pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def result(
    portal_server: FixtureServer, tmp_path_factory: pytest.TempPathFactory
) -> Crawl:
    return crawl(portal_server, "hetian", tmp_path_factory.mktemp("ht") / "c.db")


def test_report_found(result: Crawl) -> None:
    assert set(result.reports()) == {REPORT}


def test_report_matches_reference_values(result: Crawl) -> None:
    assert_matches_seed(result, REPORT, "004_d4cf2388c7c6da47")


def test_year_is_the_year_reported_on_not_the_publish_year(result: Crawl) -> None:
    report = result.reports()[REPORT]
    assert (report["year"], report["published"]) == (2023, "2024-01-19")


def test_every_report_balances(result: Crawl) -> None:
    assert failing_checks(result) == {REPORT: None}


def test_soft_404_with_status_200_is_blocked(result: Crawl) -> None:
    assert result.blocked() == {
        f"{COLUMN}202301/7a6b5c4d3e2f41a09b8c7d6e5f4a3b2c.shtml": "soft-404"
    }


def test_list_2_is_followed(result: Crawl) -> None:
    assert "/hetian/htx/c114808/list_2.shtml" in {hit.path for hit in result.hits}
