"""Issue 7, end to end: reports published as attachments, crawled twice with real
Scrapy against the panzhihua fixture portal into SQLite.

The district's 2022 report page has the tables and links its DOCX twin; the 区政府办
republication of the same report says only 详见附件 and links the PDF."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import scrapy
from scrapy.http import HtmlResponse, Response

from govcrawl.config import Config
from govcrawl.demo.server import PORTALS_DIR, FixtureServer
from govcrawl.discover.links import Link
from govcrawl.discover.listing import ListPage
from govcrawl.items import ReportPage
from govcrawl.store import open_db, page_body, store_page
from govcrawl.store.sources import Source, store_source
from pipelines.flow import FlowPipeline
from spiders.panzhihua import PanzhihuaSpider
from tests.seeds import expected
from tests.spiders.harness import Crawl, crawl, stored_values

SITE = "http://www.pzhsxq.gov.cn/"
HTML_TWIN = f"{SITE}zfxxgk/zfxxgknb/xq/xqxxgkgzndbg/4372216.shtml"
ATTACHED = f"{SITE}zfxxgk/zfxxgknb/xq/xqjbmzfxxgkgzndbg/qzfb/4372230.shtml"
DOCX = f"{SITE}uploadfile/2023/0119/20230119103512786.docx"
PDF = f"{SITE}uploadfile/2023/0119/20230119104127351.pdf"
SEED = "000_968440a473f92860"
TABLES = (
    "pages",
    "reports",
    "report_sources",
    "requests",
    "proactive",
    "review_litigation",
    "checks",
    "findings",
)


# End-to-end: real Scrapy crawls of the fixture portals.
pytestmark = pytest.mark.e2e


@dataclass
class Twice:
    first: Crawl
    second: Crawl
    counts_after_first: dict[str, int]

    def latest(self, url: str) -> dict[str, Any]:
        (row,) = self.second.rows(
            "select * from reports where url = ? and latest = 1", url
        )
        return row

    def sources(self, url: str) -> set[tuple[str, str, str, str]]:
        rows = self.second.rows(
            "select url, kind, role, numbers from report_sources where report_id = ?",
            self.latest(url)["id"],
        )
        return {(r["url"], r["kind"], r["role"], r["numbers"]) for r in rows}


def counts(crawl_: Crawl) -> dict[str, int]:
    return {
        table: crawl_.rows(f"select count(*) as n from {table}")[0]["n"]
        for table in TABLES
    }


@pytest.fixture(scope="module")
def portal_server() -> Iterator[FixtureServer]:
    with FixtureServer() as server:
        yield server


@pytest.fixture(scope="module")
def crawled(
    portal_server: FixtureServer, tmp_path_factory: pytest.TempPathFactory
) -> Twice:
    db = tmp_path_factory.mktemp("attachments") / "c.db"
    first = crawl(portal_server, "panzhihua", db)
    after_first = counts(first)
    return Twice(first, crawl(portal_server, "panzhihua", db), after_first)


def served(url: str) -> bytes:
    """The fixture file the server answers url with, byte for byte."""
    return (PORTALS_DIR / "panzhihua" / url.removeprefix(SITE)).read_bytes()


def archived(crawl_: Crawl, url: str) -> bytes:
    (row,) = crawl_.rows("select id from pages where url = ?", url)
    db = open_db(crawl_.db)
    try:
        return page_body(db, row["id"])
    finally:
        db.close()


def test_attachment_only_report_has_the_pdf_reference_numbers(crawled: Twice) -> None:
    report = crawled.latest(ATTACHED)
    want = expected(SEED)
    assert (report["agency"], report["year"]) == (want["agency"], want["year"])
    assert (report["template"], report["status"]) == (want["template"], "ok")
    assert report["published"] == want["published"]
    values = stored_values(crawled.second, report["id"])
    for part in ("proactive", "requests", "review_litigation"):
        assert values[part] == want[part], part


def test_attachment_only_report_equals_its_html_twin(crawled: Twice) -> None:
    from_pdf = stored_values(crawled.second, crawled.latest(ATTACHED)["id"])
    from_html = stored_values(crawled.second, crawled.latest(HTML_TWIN)["id"])
    assert from_pdf == from_html


def test_attachment_only_report_is_one_report_with_two_sources(
    crawled: Twice,
) -> None:
    (page,) = crawled.second.rows(
        "select url from pages where id = ?", crawled.latest(ATTACHED)["page_id"]
    )
    assert page["url"] == PDF
    assert crawled.sources(ATTACHED) == {
        (ATTACHED, "html", "page", "none"),
        (PDF, "pdf", "attachment", "content"),
    }


def test_html_report_and_its_docx_twin_are_one_report(crawled: Twice) -> None:
    assert crawled.sources(HTML_TWIN) == {
        (HTML_TWIN, "html", "page", "content"),
        (DOCX, "docx", "attachment", "equal"),
    }
    versions = crawled.second.rows(
        "select version from reports where url = ?", HTML_TWIN
    )
    assert versions == [{"version": 1}]
    mismatches = crawled.second.rows(
        "select * from findings where kind = 'source_mismatch'"
    )
    assert mismatches == []


def test_two_reports_not_four(crawled: Twice) -> None:
    urls = {row["url"] for row in crawled.second.rows("select url from reports")}
    assert urls == {HTML_TWIN, ATTACHED}


def test_pages_and_attachments_are_archived_as_served(crawled: Twice) -> None:
    for url in (HTML_TWIN, ATTACHED, DOCX, PDF):
        assert archived(crawled.second, url) == served(url)
    kinds = crawled.second.rows(
        "select url, kind from pages where url in (?, ?) order by url", DOCX, PDF
    )
    assert [row["kind"] for row in kinds] == ["docx", "pdf"]


def test_second_crawl_stores_nothing_new(crawled: Twice) -> None:
    assert counts(crawled.second) == crawled.counts_after_first
    (run,) = crawled.second.rows("select * from crawl_runs order by id desc limit 1")
    assert (run["reports_new"], run["reports_changed"]) == (0, 0)
    assert run["reports_unchanged"] == run["reports"] == 2


def test_first_crawl_counts_report_pages_not_attachments(crawled: Twice) -> None:
    (run, _) = crawled.first.rows("select * from crawl_runs order by id")
    assert (run["reports"], run["reports_new"], run["reports_changed"]) == (2, 2, 0)
    paths = {hit.path.removeprefix("/panzhihua/") for hit in crawled.first.hits}
    assert {DOCX.removeprefix(SITE), PDF.removeprefix(SITE)} <= paths


def test_list_row_linking_a_report_pdf_is_a_report_of_its_own(tmp_path: Path) -> None:
    """A list whose row links the PDF itself: the file is fetched as a report page of
    kind pdf (no parent) and stored as its own report, numbers from the PDF."""
    spider = PanzhihuaSpider()
    list_url = f"{SITE}zfxxgk/zfxxgknb/xq/xqxxgkgzndbg/index.shtml"
    row = Link(PDF, "攀枝花市西区2022年政府信息公开工作年度报告", "2023-01-19")
    html = f'<html><body><a href="{PDF}">{row.text}</a></body></html>'
    listing = HtmlResponse(list_url, body=html.encode(), encoding="utf-8")
    followed = spider.follow_list(listing, ListPage([row]), list_url)
    (request,) = [item for item in followed if isinstance(item, scrapy.Request)]
    assert (request.url, request.callback) == (PDF, spider.parse_attachment)
    body = served(PDF)
    response = Response(PDF, body=body, request=request)
    (page,) = spider.parse_attachment(response)
    assert isinstance(page, ReportPage)
    assert (page.kind, page.parent_url, page.year) == ("pdf", None, 2022)
    item: Any = asyncio.run(FlowPipeline(Config()).process_item(page))
    db = open_db(tmp_path / "c.db")
    source = Source(
        portal="panzhihua",
        report_url=PDF,
        url=PDF,
        kind=page.kind,
        role="page",
        page_id=store_page(db, page),
        cleaned=item.cleaned,
        report=item.report,
        seen_at=page.fetched_at,
    )
    outcome = store_source(db, source)
    db.close()
    stored = Crawl(tmp_path / "c.db", "", [])
    assert stored_values(stored, outcome.report_id) == {
        part: expected(SEED)[part]
        for part in ("proactive", "requests", "review_litigation")
    }
