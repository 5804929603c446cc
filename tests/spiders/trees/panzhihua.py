"""Fixture tree of the panzhihua portal (spec/portals.md §1)."""

from __future__ import annotations

from tests.spiders.portal_chrome import Chrome, Row, panzhihua_detail, panzhihua_list
from tests.spiders.portal_pages import (
    RUISHU,
    RUISHU_HEADERS,
    Site,
    Tree,
    attachment_bytes,
    report_body,
)


def panzhihua() -> Site:
    chrome = Chrome(
        "攀枝花市西区人民政府",
        "utf-8",
        "5104020001",
        "主办:攀枝花市西区人民政府办公室 网站标识码",
    )
    inner, _ = report_body("panzhihua_2022")
    col = "/zfxxgk/zfxxgknb/xq/xqxxgkgzndbg"
    dept = "/zfxxgk/zfxxgknb/xq/xqjbmzfxxgkgzndbg"
    title = "攀枝花市西区2022年政府信息公开工作年度报告"
    source = "攀枝花市西区人民政府办公室"
    # The district page also links its Word twin inside #Zoom: one report, two sources.
    docx = "/uploadfile/2023/0119/20230119103512786.docx"
    link = f'<p>附件：<a href="{docx}">{title}.docx</a></p>\n</div>'
    before, _, after = inner.rpartition("</div>")
    with_docx = before + link + after
    # The 区政府办 republication is only "详见附件" and the PDF (spec/portals.md §5: an
    # attachment-only report).
    pdf = "/uploadfile/2023/0119/20230119104127351.pdf"
    only_attachment = (
        f'<div id="Zoom"><p>{title}详见附件。</p>\n'
        f'<p>附件：<a href="{pdf}">附件下载</a></p></div>'
    )
    tree: Tree = {
        "index.shtml": chrome.nav(
            "攀枝花市西区人民政府", [("/zfxxgk/index.shtml", "政府信息公开")]
        ),
        "zfxxgk/index.shtml": chrome.nav(
            "政府信息公开",
            [
                ("/zfxxgk/zfxxgknb/index.shtml", "政府信息公开年报"),
                ("/zfxxgk/zfxxgkzn/index.shtml", "政府信息公开指南"),
            ],
        ),
        "zfxxgk/zfxxgknb/index.shtml": chrome.nav(
            "政府信息公开年报",
            [
                (f"{col}/index.shtml", "西区政府信息公开工作年度报告"),
                (f"{dept}/index.shtml", "西区部门政府信息公开工作年度报告"),
            ],
        ),
        f"{col}/index.shtml": panzhihua_list(
            chrome,
            "西区政府信息公开工作年度报告",
            [
                Row(f"{col}/4372216.shtml", title, "2023-01-19"),
                Row(
                    f"{col}/4371980.shtml",
                    "关于做好2022年度政府信息公开工作年度报告编制发布工作的通知",
                    "2023-01-05",
                ),
            ],
            2,
        ),
        f"{col}/index_2.shtml": panzhihua_list(
            chrome,
            "西区政府信息公开工作年度报告",
            [
                Row(
                    f"{col}/3890417.shtml",
                    "攀枝花市西区2021年政府信息公开工作年度报告",
                    "2022-01-20",
                ),
                Row(
                    f"{col}/3890102.shtml",
                    "攀枝花市西区2022年政务公开工作要点",
                    "2022-03-01",
                ),
            ],
            2,
        ),
        f"{col}/4372216.shtml": panzhihua_detail(
            chrome, title, "2023-01-19", source, with_docx
        ),
        docx.lstrip("/"): attachment_bytes("000_panzhihua_2022.docx"),
        f"{col}/4371980.shtml": panzhihua_detail(
            chrome,
            "关于做好2022年度政府信息公开工作年度报告编制发布工作的通知",
            "2023-01-05",
            source,
            '<div id="Zoom"><p>各部门:请于1月31日前报送年度报告。</p></div>',
        ),
        f"{col}/3890417.shtml": RUISHU,
        f"{dept}/index.shtml": panzhihua_list(
            chrome, "西区部门政府信息公开工作年度报告", [], 1
        ).replace(
            '<div class="new-box">',
            f'<div class="sub"><a href="{dept}/qzfb/index.shtml">区政府办</a> <a href="{dept}/qjyj/index.shtml">区教育局</a></div><div class="new-box">',
        ),
        f"{dept}/qzfb/index.shtml": panzhihua_list(
            chrome,
            "区政府办",
            [Row(f"{dept}/qzfb/4372230.shtml", title, "2023-01-19")],
            1,
        ),
        f"{dept}/qzfb/4372230.shtml": panzhihua_detail(
            chrome, title, "2023-01-19", source, only_attachment
        ),
        pdf.lstrip("/"): attachment_bytes("000_panzhihua_2022.pdf"),
        f"{dept}/qjyj/index.shtml": panzhihua_list(
            chrome,
            "区教育局",
            [
                Row(
                    f"{dept}/qjyj/4371502.shtml",
                    "区教育局关于2022年度政府信息公开工作年度报告的说明",
                    "2023-01-10",
                )
            ],
            1,
        ),
    }
    routes = {f"{col}/3890417.shtml": {"status": 412, "headers": RUISHU_HEADERS}}
    return chrome, tree, {"routes": routes}
