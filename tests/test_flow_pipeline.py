"""FlowPipeline: ReportPage (page or attachment) -> ValidatedPage through
govcrawl.flow; everything else passes through as is."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from scrapy.utils.test import get_crawler

from govcrawl.clean import clean_page
from govcrawl.config import Config
from govcrawl.items import BlockedPage, ReportPage, ValidatedPage
from pipelines.flow import FlowPipeline

PAGES = Path(__file__).parent / "fixtures" / "pages"
ATTACHMENTS = Path(__file__).parent / "fixtures" / "attachments"
REPORTS = Path(__file__).parent / "fixtures" / "reports"
URL = "http://www.pzhsxq.gov.cn/zfxxgk/zfxxgknb/xq/xqxxgkgzndbg/4372216.shtml"


def flowed(pipeline: FlowPipeline, item: Any) -> Any:
    """The pipeline's answer to one item, as Scrapy awaits it (without open_spider
    the flow runs in this process)."""
    return asyncio.run(pipeline.process_item(item))


def _page(body: bytes, headers: dict[str, str], kind: str = "html") -> ReportPage:
    return ReportPage(
        url=URL,
        portal="panzhihua",
        title="攀枝花市西区2022年政府信息公开工作年度报告",
        year=2022,
        published="2023-01-19",
        body=body,
        headers=headers,
        status=200,
        fetched_at="2026-11-22T03:00:00Z",
        kind=kind,
    )


def test_report_page_becomes_a_validated_page() -> None:
    page = _page(
        (PAGES / "panzhihua_2022.html").read_bytes(), {"content-type": "text/html"}
    )
    item = flowed(FlowPipeline(Config()), page)
    assert isinstance(item, ValidatedPage)
    assert item.page is page
    assert item.cleaned.text.startswith("攀枝花市西区2022年政府信息公开工作年度报告\n")
    assert (item.cleaned.tampered, item.cleaned.mirror) == (False, False)
    assert item.report.title == "攀枝花市西区2022年政府信息公开工作年度报告"
    # Parse read clean's tree; the HTML fragment is rendered only on request.
    assert item.cleaned.html == "" and item.cleaned.tree is None


def test_clean_page_still_renders_the_fragment_when_asked() -> None:
    body = (PAGES / "panzhihua_2022.html").read_bytes()
    rendered = clean_page(body, url=URL, content_type="text/html")
    bare = clean_page(body, url=URL, content_type="text/html", fragment_html=False)
    assert "<table" in rendered.html and bare.html == ""
    assert (bare.text, bare.removed, bare.meta) == (
        rendered.text,
        rendered.removed,
        rendered.meta,
    )


def test_gbk_page_is_decoded_by_its_header() -> None:
    body = (PAGES / "encoding_gbk_missing.html").read_bytes()
    item = flowed(
        FlowPipeline(Config()), _page(body, {"Content-Type": "text/html; charset=GBK"})
    )
    assert isinstance(item, ValidatedPage)
    assert "沅江市城管执法局" in item.cleaned.text


def test_blocked_page_passes_untouched() -> None:
    blocked = BlockedPage(
        url=URL,
        portal="panzhihua",
        reason="challenge",
        status=412,
        body=b"<html><meta r='m'></html>",
        headers={},
        fetched_at="2026-11-22T03:00:00Z",
    )
    assert flowed(FlowPipeline(Config()), blocked) is blocked


def test_pdf_attachment_goes_through_the_same_flow() -> None:
    body = (ATTACHMENTS / "004_hetian_2023.pdf").read_bytes()
    item = flowed(
        FlowPipeline(Config()), _page(body, {"Content-Type": "application/pdf"}, "pdf")
    )
    assert isinstance(item, ValidatedPage)
    assert "和田县吾宗肖乡人民政府信息公开工作" in item.cleaned.text
    assert "<table" in item.cleaned.html
    assert not [f for f in item.report.findings if f.kind.startswith("attachment")]
    assert item.report.failing_checks == []


def test_broken_pdf_is_read_as_nothing_with_its_findings_only() -> None:
    page = _page(
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", {"Content-Type": "application/pdf"}, "pdf"
    )
    item = flowed(FlowPipeline(Config()), page)
    assert isinstance(item, ValidatedPage)
    assert item.cleaned.text == ""
    kinds = [finding.kind for finding in item.report.findings]
    assert kinds == ["attachment_truncated", "attachment_broken"]
    assert {finding.where for finding in item.report.findings} == {page.url}
    assert item.report.title == page.title


def test_empty_page_is_kept_with_an_unreadable_page_finding() -> None:
    item = flowed(FlowPipeline(Config()), _page(b"", {"Content-Type": "text/html"}))
    assert isinstance(item, ValidatedPage)
    assert [finding.kind for finding in item.report.findings] == ["unreadable_page"]
    assert (item.report.title, item.report.year) == (
        "攀枝花市西区2022年政府信息公开工作年度报告",
        2022,
    )


def test_content_type_names_an_attachment_its_url_does_not() -> None:
    """download.jsp?id=7 with Content-Type application/pdf: a PDF (a broken one
    here), not a page the clean stage refuses as binary."""
    page = _page(b"\x00\x01 not quite a pdf", {"Content-Type": "application/pdf"})
    page.url = "http://www.pzhsxq.gov.cn/download.jsp?id=7"
    item = flowed(FlowPipeline(Config()), page)
    assert [f.kind for f in item.report.findings][-1:] == ["attachment_broken"]


def test_strictness_comes_from_the_setting() -> None:
    """blank_totals prints blank cells: counted as 0 by default, failing with
    GOVCRAWL_STRICT_BLANKS as `-s GOVCRAWL_STRICT_BLANKS=1` passes it."""
    body = (REPORTS / "blank_totals.html").read_bytes()
    page = _page(body, {"content-type": "text/html"})
    modes = {}
    for strict in ("0", "1"):
        crawler = get_crawler(settings_dict={"GOVCRAWL_STRICT_BLANKS": strict})
        item = flowed(FlowPipeline.from_crawler(crawler), page)
        modes[strict] = {check.mode for check in item.report.checks}
    assert "lenient" in modes["0"]
    assert "lenient" not in modes["1"]
