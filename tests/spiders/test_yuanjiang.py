"""yuanjiang end to end: GBK pages, organ sub-columns, createPageHTML paging."""

from __future__ import annotations

import pytest
import sqlite_utils
from scrapy.http import HtmlResponse, Request

from govcrawl.demo.server import PORTALS_DIR, FixtureServer
from govcrawl.discover.links import Link
from govcrawl.items import ReportPage
from govcrawl.store.write import page_body
from spiders.yuanjiang import YuanjiangSpider
from tests.spiders.harness import (
    Crawl,
    assert_matches_seed,
    callback_output,
    crawl,
    failing_checks,
)

COLUMN = "http://www.yuanjiang.gov.cn/21502/21512/30459/"
ORGAN = f"{COLUMN}42847/"
REPORT = f"{ORGAN}content_1190311.html"
PDF = "http://www.yuanjiang.gov.cn/uploadfiles/202401/2024010410213045678.pdf"


# End-to-end: real crawls of the fixture portal.
pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def result(
    portal_server: FixtureServer, tmp_path_factory: pytest.TempPathFactory
) -> Crawl:
    return crawl(portal_server, "yuanjiang", tmp_path_factory.mktemp("yj") / "c.db")


def test_report_found_under_organ_subcolumn(result: Crawl) -> None:
    assert set(result.reports()) == {REPORT}


def test_report_matches_reference_values(result: Crawl) -> None:
    assert_matches_seed(result, REPORT, "001_49603480a1e8c436")


def test_report_fails_only_the_identities_the_source_breaks(result: Crawl) -> None:
    assert failing_checks(result) == {REPORT: "B4 B5"}


def test_gbk_page_is_stored_as_served(result: Crawl) -> None:
    (report,) = result.reports().values()
    with sqlite_utils.Database(result.db) as db:
        body = page_body(db, report["page_id"])
    served = PORTALS_DIR / "yuanjiang/21502/21512/30459/42847/content_1190311.html"
    assert body == served.read_bytes()
    assert "城管執".encode("gbk") in body


def test_create_page_html_second_page_is_followed(result: Crawl) -> None:
    assert "/yuanjiang/21502/21512/30459/42847/index_1.htm" in {
        h.path for h in result.hits
    }


def test_cookie_challenge_and_homepage_redirect_are_blocked(result: Crawl) -> None:
    assert result.blocked() == {
        f"{ORGAN}content_1102233.html": "challenge:cookie-reload",
        f"{COLUMN}42851/index.htm": "redirect:homepage",
        # The report's PDF is followed (named as the report) and is not on the
        # fixture portal: a missing attachment is recorded, not lost.
        PDF: "not-found",
    }


def test_report_item_lists_its_attachment() -> None:
    body = (PORTALS_DIR / "yuanjiang" / REPORT.split("gov.cn/")[1]).read_bytes()
    row = Link(REPORT, "2023年城管执法局政府信息公开工作年度报告", "2024-01-04")
    meta = {"row": row, "year": 2023, "list_url": f"{ORGAN}index.htm"}
    response = HtmlResponse(
        REPORT,
        body=body,
        headers={"Content-Type": "text/html"},
        request=Request(REPORT, meta=meta),
    )
    item, attachment = callback_output(YuanjiangSpider().parse_report(response))
    assert isinstance(item, ReportPage)
    assert item.attachments == [PDF]
    assert isinstance(attachment, Request)
    assert (attachment.url, attachment.meta["parent"].url) == (PDF, REPORT)
    assert (item.year, item.published, item.body) == (2023, "2024-01-04", body)
