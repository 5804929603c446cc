"""Fixture tree of the hegang portal (spec/portals.md §1)."""

from __future__ import annotations

import json

from tests.spiders.portal_chrome import Chrome, hegang_detail, hegang_shell
from tests.spiders.portal_pages import JIASULE, JIASULE_HEADERS, Site, Tree, report_body

HEGANG_COLUMNS = {
    "zxqgkndbg": ("县区政府信息公开年度报告", "6d1c2a48e5f04b8f9a7b3c2d1e0f4a5b"),
    "zszbmgkndbb": ("市直部门政府信息公开年度报告", "9e8d7c6b5a4f43e2b1c0d9e8f7a6b5c4"),
}


def hegang_search(rows: list[tuple[str, str, str]], total: int, page: int) -> str:
    results = [
        {"title": t, "url": u, "publishedTimeStr": d, "content": ""} for t, u, d in rows
    ]
    data = {"total": total, "page": page, "rows": 15, "results": results}
    return json.dumps({"data": data}, ensure_ascii=False)


def hegang() -> Site:
    chrome = Chrome(
        "鹤岗市人民政府", "utf-8", "2304000001", "主办:鹤岗市人民政府办公室 网站标识码"
    )
    inner, _ = report_body("hegang_2024")
    title = "工农区人民政府2024年政府信息公开工作年度报告"
    report = "/hegang/zxqgkndbg/202501/68226.shtml"
    notices = [
        (
            f"工农区政务公开工作动态(第{n}期)",
            f"/hegang/zxqgkndbg/2024{n:02d}/6{n:04d}.shtml",
            f"2024-{n:02d}-15 09:00",
        )
        for n in range(1, 12)
    ]
    guide = [
        (
            "关于做好2024年度政府信息公开工作年度报告编制发布工作的通知",
            "/hegang/zxqgkndbg/202412/67801.shtml",
            "2024-12-20 10:12",
        ),
        (
            "工农区政府信息公开指南",
            "/hegang/zxqgkndbg/202403/61230.shtml",
            "2024-03-01 08:30",
        ),
        (
            "工农区政府信息公开制度",
            "/hegang/zxqgkndbg/202403/61231.shtml",
            "2024-03-01 08:31",
        ),
    ]
    page1 = [(title, report, "2025-01-26 15:07"), *guide, *notices]
    page2 = [
        (
            "工农区人民政府2023年政府信息公开工作年度报告",
            "/hegang/zxqgkndbg/202401/58812.shtml",
            "2024-01-30 16:20",
        ),
        (
            "工农区2023年政务公开工作要点",
            "/hegang/zxqgkndbg/202303/51177.shtml",
            "2023-03-10 09:00",
        ),
    ]
    zx, zs = HEGANG_COLUMNS["zxqgkndbg"][1], HEGANG_COLUMNS["zszbmgkndbb"][1]
    tree: Tree = {
        "hegang/zxqgkndbg/list.shtml": hegang_shell(
            chrome, HEGANG_COLUMNS["zxqgkndbg"][0], zx
        ),
        "hegang/zszbmgkndbb/list.shtml": hegang_shell(
            chrome, HEGANG_COLUMNS["zszbmgkndbb"][0], zs
        ),
        f"common/search/{zx}/page_1.json": hegang_search(
            page1, len(page1) + len(page2), 1
        ),
        f"common/search/{zx}/page_2.json": hegang_search(
            page2, len(page1) + len(page2), 2
        ),
        f"common/search/{zs}/page_1.json": hegang_search(
            [
                (
                    "鹤岗市市直部门2024年度政府信息公开工作年度报告汇总说明",
                    "/hegang/zszbmgkndbb/202502/68990.shtml",
                    "2025-02-10 10:00",
                )
            ],
            1,
            1,
        ),
        report.lstrip("/"): hegang_detail(chrome, title, "2025-01-26 15:07", inner),
        "hegang/zxqgkndbg/202401/58812.shtml": JIASULE,
    }

    def search(channel: str, referer: str) -> dict[str, object]:
        return {
            "file": f"common/search/{channel}/page_{{page}}.json",
            "defaults": {"page": "1"},
            "require_referer": referer,
            "headers": {"Content-Type": "application/json;charset=UTF-8"},
        }

    routes = {
        f"/common/search/{zx}": search(zx, "/hegang/zxqgkndbg/list.shtml"),
        f"/common/search/{zs}": search(zs, "/hegang/zszbmgkndbb/list.shtml"),
        "/hegang/zxqgkndbg/202401/58812.shtml": {
            "status": 521,
            "headers": JIASULE_HEADERS,
        },
    }
    return chrome, tree, {"routes": routes}
