"""Fixture tree of the yuanjiang portal (spec/portals.md §1)."""

from __future__ import annotations

from tests.spiders.portal_chrome import Chrome, Row, hunan_detail, hunan_list
from tests.spiders.portal_pages import COOKIE_RELOAD, Site, Tree, report_body


def yuanjiang() -> Site:
    chrome = Chrome(
        "沅江市人民政府", "gb2312", "4309810001", "主办:沅江市人民政府办公室 网站标识码"
    )
    inner, _ = report_body("yuanjiang_2023")
    col = "/21502/21512/30459"
    organ = f"{col}/42847"
    attachment = '<p>附件:<a href="/uploadfiles/202401/2024010410213045678.pdf">2023年城管执法局政府信息公开工作年度报告.pdf</a></p>'
    title = "2023年城管执法局政府信息公开工作年度报告"
    tree: Tree = {
        "index.htm": chrome.nav(
            "沅江市人民政府", [("/21502/index.htm", "政府信息公开")]
        ),
        "21502/index.htm": chrome.nav(
            "政府信息公开", [(f"{col}/index.htm", "政府信息公开年报")]
        ),
        f"{col}/index.htm": hunan_list(chrome, "政府信息公开年报", [], 1, 0).replace(
            "<ul>",
            f'<ul class="organs"><li><a href="{organ}/index.htm">沅江市城市管理和综合执法局</a></li><li><a href="{col}/42851/index.htm">沅江市财政局</a></li></ul><ul>',
            1,
        ),
        f"{organ}/index.htm": hunan_list(
            chrome,
            "沅江市城市管理和综合执法局",
            [
                Row(f"{organ}/content_1190311.html", title, "2024-01-04"),
                Row(
                    f"{organ}/content_1187502.html",
                    "关于印发《沅江市2023年政务公开工作要点》的通知",
                    "2023-04-12",
                ),
            ],
            2,
            0,
        ),
        f"{organ}/index_1.htm": hunan_list(
            chrome,
            "沅江市城市管理和综合执法局",
            [
                Row(
                    f"{organ}/content_1102233.html",
                    "2022年城管执法局政府信息公开工作年度报告",
                    "2023-01-16",
                )
            ],
            2,
            1,
        ),
        f"{organ}/content_1190311.html": hunan_detail(
            chrome, title, "2024-01-04", "4309810006/2024-1190311", inner + attachment
        ),
        f"{organ}/content_1187502.html": hunan_detail(
            chrome,
            "关于印发《沅江市2023年政务公开工作要点》的通知",
            "2023-04-12",
            "4309810006/2023-1187502",
            '<div class="detail-text"><p>各股室:现将工作要点印发给你们。</p></div>',
        ),
        f"{organ}/content_1102233.html": COOKIE_RELOAD,
    }
    # A removed organ column now redirects to the homepage.
    routes = {f"{col}/42851/index.htm": {"redirect": "/"}}
    return chrome, tree, {"html_type": "text/html", "routes": routes}
