"""CleanPipeline: ReportPage (page or attachment) -> CleanedPage; everything else
passes through as is."""

from __future__ import annotations

from pathlib import Path

from govcrawl.items import BlockedPage, CleanedPage, ReportPage
from pipelines.clean import CleanPipeline

PAGES = Path(__file__).parent / "fixtures" / "pages"
ATTACHMENTS = Path(__file__).parent / "fixtures" / "attachments"
URL = "http://www.pzhsxq.gov.cn/zfxxgk/zfxxgknb/xq/xqxxgkgzndbg/4372216.shtml"


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


def test_report_page_becomes_a_cleaned_page() -> None:
    page = _page(
        (PAGES / "panzhihua_2022.html").read_bytes(), {"content-type": "text/html"}
    )
    item = CleanPipeline().process_item(page)
    assert isinstance(item, CleanedPage)
    assert item.page is page
    assert item.cleaned.text.startswith("攀枝花市西区2022年政府信息公开工作年度报告\n")
    assert (item.cleaned.tampered, item.cleaned.mirror) == (False, False)


def test_gbk_page_is_decoded_by_its_header() -> None:
    body = (PAGES / "encoding_gbk_missing.html").read_bytes()
    item = CleanPipeline().process_item(
        _page(body, {"Content-Type": "text/html; charset=GBK"})
    )
    assert isinstance(item, CleanedPage)
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
    assert CleanPipeline().process_item(blocked) is blocked


def test_pdf_attachment_becomes_a_cleaned_page_with_its_findings() -> None:
    body = (ATTACHMENTS / "004_hetian_2023.pdf").read_bytes()
    item = CleanPipeline().process_item(
        _page(body, {"Content-Type": "application/pdf"}, "pdf")
    )
    assert isinstance(item, CleanedPage)
    assert "和田县吾宗肖乡人民政府信息公开工作" in item.cleaned.text
    assert "<table" in item.cleaned.html
    assert item.findings == []


def test_broken_pdf_is_cleaned_to_nothing_with_a_finding() -> None:
    page = _page(
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", {"Content-Type": "application/pdf"}, "pdf"
    )
    item = CleanPipeline().process_item(page)
    assert isinstance(item, CleanedPage)
    assert item.cleaned.text == ""
    kinds = [finding.kind for finding in item.findings]
    assert kinds == ["attachment_truncated", "attachment_broken"]
    assert {finding.where for finding in item.findings} == {page.url}


def test_empty_page_is_kept_with_an_unreadable_page_finding() -> None:
    item = CleanPipeline().process_item(_page(b"", {"Content-Type": "text/html"}))
    assert isinstance(item, CleanedPage)
    assert [finding.kind for finding in item.findings] == ["unreadable_page"]
