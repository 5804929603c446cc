"""Fixture tree of the hetian portal (spec/portals.md §1)."""

from __future__ import annotations

from tests.spiders.portal_chrome import Chrome, Row, hexmon_detail, hexmon_list
from tests.spiders.portal_pages import SOFT_404, Site, Tree, report_body


def hetian() -> Site:
    chrome = Chrome(
        "和田县人民政府", "utf-8", "6532210001", "主办:和田县人民政府办公室 网站标识码"
    )
    inner, _ = report_body("hetian_2023")
    col = "/htx/c114808"
    title = "和田县吾宗肖乡人民政府信息公开工作2023年度报告"
    report = f"{col}/202401/dc57871a9e6543c88fc8cde007d59f8a.shtml"
    tree: Tree = {
        "index.shtml": chrome.nav(
            "和田县人民政府", [("/htx/zfxxgk.shtml", "政府信息公开")]
        ),
        "htx/zfxxgk.shtml": chrome.nav(
            "政府信息公开", [(f"{col}/list.shtml", "政府信息公开年报")]
        ),
        f"{col}/list.shtml": hexmon_list(
            chrome,
            "政府信息公开年报",
            [
                Row(report, title, "2024-01-19"),
                Row(
                    f"{col}/202312/4b1f0c9a2d3e4f5a8b7c6d5e4f3a2b1c.shtml",
                    "关于做好2023年度政府信息公开工作年度报告编制发布工作的通知",
                    "2023-12-28",
                ),
            ],
            2,
            1,
        ),
        f"{col}/list_2.shtml": hexmon_list(
            chrome,
            "政府信息公开年报",
            [
                Row(
                    f"{col}/202301/7a6b5c4d3e2f41a09b8c7d6e5f4a3b2c.shtml",
                    "和田县吾宗肖乡人民政府信息公开工作2022年度报告",
                    "2023-01-18",
                )
            ],
            2,
            2,
        ),
        report.lstrip("/"): hexmon_detail(
            chrome, title, "2024-01-19", "吾宗肖乡人民政府", inner
        ),
        f"{col}/202301/7a6b5c4d3e2f41a09b8c7d6e5f4a3b2c.shtml": SOFT_404,
    }
    return chrome, tree, {}
