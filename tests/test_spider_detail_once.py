"""The spider reads a report page once: metadata, attachment links and report files
all come from the one tree Scrapy keeps for the response."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import parsel.selector
import pytest
from scrapy.http import HtmlResponse, Request

from govcrawl.discover.attachments import attachment_links
from govcrawl.discover.detail import detail_meta
from govcrawl.discover.links import Link
from govcrawl.discover.report_files import report_files
from govcrawl.items import ReportPage
from spiders.panzhihua import PanzhihuaSpider
from tests.spiders.harness import callback_output

PAGE = Path(__file__).parent / "fixtures" / "pages" / "family_trs_editor.html"
URL = "http://www.example.gov.cn/col/col1/art/2024/t20240119_1.html"


def test_a_report_page_is_parsed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    body = PAGE.read_bytes()
    text = body.decode("utf-8")
    row = Link(URL, "2023年政府信息公开工作年度报告", "2024-01-19")
    meta = {"row": row, "year": 2023, "list_url": "http://www.example.gov.cn/col/"}
    response = HtmlResponse(
        URL, body=body, encoding="utf-8", request=Request(URL, meta=meta)
    )
    parsed: list[int] = []
    create = parsel.selector.create_root_node

    def counting(text: str, *args: Any, **kwargs: Any) -> Any:
        if len(text) > len(body) // 2:  # the page, not a document.write snippet
            parsed.append(len(text))
        return create(text, *args, **kwargs)

    monkeypatch.setattr(parsel.selector, "create_root_node", counting)
    out = callback_output(PanzhihuaSpider().parse_report(response))
    assert len(parsed) == 1
    monkeypatch.undo()
    (page,) = [item for item in out if isinstance(item, ReportPage)]
    # The same answers as each reader parsing the page for itself.
    assert page.attachments == attachment_links(text, URL)
    assert page.attachments, "the fixture page links its report as a file"
    files = report_files(text, URL, page.year)
    assert [request.url for request in out[1:]] == files
    assert page.published == (detail_meta(text).published or row.date)
