"""Which attachments of a report page are followed as the report (issue 7)."""

from __future__ import annotations

from govcrawl.discover.report_files import file_name, is_document, report_files

BASE = "http://www.htx.gov.cn/htx/c114808/202401/5e0f3b7c9a8d4e21b6c4f2a1d0e9c8b7.shtml"
TABLE = (
    "<table><tr><td>（一）予以公开</td><td>3</td></tr>"
    "<tr><td>行政复议</td><td>0</td></tr></table>"
)


def page(body: str) -> str:
    return f"<html><body><div class='TRS_Editor'>{body}</div></body></html>"


def test_attachment_only_page_follows_its_document_links() -> None:
    html = page(
        "<p>本报告详见附件。</p>"
        '<p><a href="./P020240122583917604512.pdf">附件下载</a></p>'
        '<p><a href="./P020240122583917604513.xlsx">统计表</a></p>'
    )
    assert report_files(html, BASE, 2023) == [
        "http://www.htx.gov.cn/htx/c114808/202401/P020240122583917604512.pdf"
    ]


def test_page_with_tables_follows_only_files_named_as_this_years_report() -> None:
    html = page(
        f"{TABLE}<p>附件：<a href='/u/1.docx'>攀枝花市西区2022年政府信息公开工作年度报告.docx</a>"
        "<a href='/u/2.pdf'>攀枝花市西区2021年政府信息公开工作年度报告.pdf</a>"
        "<a href='/u/3.pdf'>政策解读.pdf</a></p>"
    )
    assert report_files(html, BASE, 2022) == ["http://www.htx.gov.cn/u/1.docx"]


def test_page_with_tables_and_unnamed_files_follows_nothing() -> None:
    html = page(f"{TABLE}<p>详见附件：<a href='/u/3.pdf'>附件1</a></p>")
    assert report_files(html, BASE, 2023) == []


def test_page_without_tables_or_pointer_to_a_file_follows_nothing() -> None:
    html = page("<p>图片版年报</p><p><a href='/u/3.pdf'>政策解读</a></p>")
    assert report_files(html, BASE, 2023) == []


def test_document_write_link_named_by_its_file_name() -> None:
    script = (
        '<script>document.write(\'<a href="./和田县2023年政府信息公开工作年度报告.wps">'
        "点击查看</a>');</script>"
    )
    (url,) = report_files(page(TABLE + script), BASE, 2023)
    assert url.endswith(".wps")


def test_hanweb_download_link_is_a_document_by_its_showname() -> None:
    url = (
        "http://a.gov.cn/module/download/downfile.jsp?classid=0"
        "&filename=0f1e2d3c4b5a69788796a5b4c3d2e1f0.pdf&showname=2023年报.pdf"
    )
    assert is_document(url)
    assert file_name(url) == "2023年报.pdf"
    assert not is_document("http://a.gov.cn/u/2023.xlsx")
