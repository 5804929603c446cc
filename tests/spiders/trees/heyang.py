"""Fixture tree of the heyang portal (spec/portals.md §1)."""

from __future__ import annotations

from tests.spiders.portal_chrome import (
    Chrome,
    Row,
    shaanxi_detail,
    shaanxi_list,
    vsb_list,
)
from tests.spiders.portal_pages import RUISHU, SOFT_404, Site, Tree, report_body


def heyang() -> Site:
    chrome = Chrome(
        "合阳县人民政府", "gb2312", "6105240001", "主办:合阳县人民政府办公室 网站标识码"
    )
    inner, _ = report_body("heyang_2020")
    nb = "/zfxxgk/zfxxgknb"
    title = "合阳县2020年政府信息公开工作年度报告"
    years = [(f"{nb}/2021n/1.html", "2021年"), (f"{nb}/2020n/1.html", "2020年")]
    tree: Tree = {
        "index.html": chrome.nav(
            "合阳县人民政府", [("/zfxxgk/index.html", "政府信息公开")]
        ),
        "zfxxgk/index.html": chrome.nav(
            "政府信息公开",
            [
                (f"{nb}/1.html", "政府信息公开年报"),
                (
                    "/2018zwgk_list.jsp?urltype=tree.TreeTempUrl&wbtreeid=1047",
                    "政府信息公开年报(2018-2020)",
                ),
            ],
        ),
        f"{nb}/1.html": shaanxi_list(
            chrome,
            "政府信息公开年报",
            [
                Row(
                    f"{nb}/1613390412345678849.html",
                    "关于做好2020年政府信息公开工作年度报告编制发布工作的通知",
                    "2021-01-08",
                )
            ],
            2,
            years,
        ),
        f"{nb}/2.html": shaanxi_list(
            chrome,
            "政府信息公开年报",
            [
                Row(
                    f"{nb}/1496031234567819265.html",
                    "合阳县2021年政务公开工作要点",
                    "2021-04-02",
                )
            ],
            2,
            years,
        ),
        f"{nb}/2021n/1.html": shaanxi_list(
            chrome,
            "2021年",
            [
                Row(
                    f"{nb}/2021n/1488812345678901249.html",
                    "合阳县2021年政府信息公开工作年度报告",
                    "2022-01-25",
                )
            ],
            1,
            [(f"{nb}/2021n/1.html", "2021年")],
        ),
        f"{nb}/2021n/1488812345678901249.html": RUISHU,
        f"{nb}/2020n/1.html": shaanxi_list(
            chrome, "2020年", [], 1, [(f"{nb}/2020n/xsp/1.html", "县政府")]
        ),
        f"{nb}/2020n/xsp/1.html": shaanxi_list(
            chrome,
            "县政府",
            [Row(f"{nb}/2020n/xsp/1628950158324563970.html", title, "2021-01-29")],
            1,
            [],
        ),
        f"{nb}/2020n/xsp/1628950158324563970.html": shaanxi_detail(
            chrome, title, "2021-01-29", inner
        ),
        "2018zwgk_list.jsp/PAGENUM_1.html": vsb_list(
            chrome,
            "政府信息公开年报",
            [
                Row("/info/1047/5230.htm", title, "2021-01-29"),
                Row(
                    "/info/1047/5101.htm",
                    "合阳县2019年政府信息公开工作年度报告",
                    "2020-01-20",
                ),
            ],
            2,
            1047,
        ),
        "2018zwgk_list.jsp/PAGENUM_2.html": vsb_list(
            chrome,
            "政府信息公开年报",
            [Row("/info/1047/4410.htm", "合阳县2018年政务公开工作要点", "2018-03-20")],
            2,
            1047,
        ),
        "info/1047/5101.htm": SOFT_404,
    }
    vsb = {
        "file": "2018zwgk_list.jsp/PAGENUM_{PAGENUM}.html",
        "defaults": {"PAGENUM": "1"},
    }
    routes = {"/2018zwgk_list.jsp": vsb, "/info/1047/5230.htm": {"redirect": "/"}}
    return chrome, tree, {"html_type": "text/html", "routes": routes}
