"""Build the fixture portals under govcrawl/demo/portals/ from the report bodies in
tests/fixtures/reports/ (helper A's pages of the reference reports) wrapped in each
portal's chrome. Run from the repository root:

    python tests/spiders/build_portals.py

What is real and what is made up is listed in govcrawl/demo/PROVENANCE.md.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).parent))

from portal_chrome import (  # noqa: E402
    Chrome,
    Row,
    hegang_detail,
    hegang_shell,
    hexmon_detail,
    hexmon_list,
    hunan_detail,
    hunan_list,
    panzhihua_detail,
    panzhihua_list,
    shaanxi_detail,
    shaanxi_list,
    vsb_list,
)

REPORTS = ROOT / "tests" / "fixtures" / "reports"
OUT = ROOT / "govcrawl" / "demo" / "portals"
ROBOTS = "User-agent: *\nDisallow: /admin/\nDisallow: /search/\n"
RUISHU = (
    '<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; '
    'charset=utf-8"><meta id="9DhefwqGPrzGxEp9hPaoag" content="Wd1HqV6HkcPn" r=\'m\'>'
    "<script type=\"text/javascript\" r='m'>$_ts=window['$_ts'];if(!$_ts)$_ts={};"
    '$_ts.nsd=82131;$_ts.cd="qhbcrrAlDGlkcsAl";</script><script type="text/javascript" '
    'charset="utf-8" src="/4QbVtADbnLVIc/c.FxJzG50F.dfe1675.js" r=\'m\'></script>'
    "</head><body></body></html>"
)
RUISHU_HEADERS = {"Set-Cookie": "FSSBBIl1UgzbN7NS=60c1x8XzVf; Path=/; HttpOnly"}
JIASULE = (
    "<script>document.cookie=('_')+('_')+('jsl_clearance_s')+('=')+('1706')+"
    "(';Max-age=3600; path = /');location.href=location.pathname+location.search"
    "</script>"
)
JIASULE_HEADERS = {"X-Via-JSL": "b5a4b1f,-", "Set-Cookie": "__jsluid_s=6a1b7c; path=/"}
COOKIE_RELOAD = (
    '<html><head><script>document.cookie="waf_token=3f9a0c; path=/";'
    "location.reload();</script></head><body></body></html>"
)
SOFT_404 = (
    "<html><head><title>提示</title></head><body><h2>非法请求 404！</h2></body></html>"
)


def report_body(slug_year: str) -> tuple[str, str]:
    """Title and <body> content of a reference-report page, and its charset."""
    raw = (REPORTS / f"{slug_year}.html").read_bytes()
    charset = re.search(rb'charset="([\w-]+)"', raw)
    encoding = charset.group(1).decode() if charset else "utf-8"
    # Pages declared gb2312 routinely carry GBK/GB18030-only characters.
    text = raw.decode("gb18030" if encoding.lower().startswith("gb") else encoding)
    inner = re.search(r"<body>\n?(.*)</body>", text, re.S)
    if inner is None:
        raise SystemExit(f"{slug_year}.html has no <body>")
    return inner.group(1), encoding


Tree = dict[str, str]


def write_site(slug: str, chrome: Chrome, tree: Tree, rules: dict[str, object]) -> None:
    site = OUT / slug
    encoding = "gb18030" if chrome.charset.lower().startswith("gb") else "utf-8"
    for path, text in tree.items():
        target = site / path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.encode(encoding))
    (site / "robots.txt").write_text(ROBOTS)
    (site / "_site.json").write_text(
        json.dumps(rules, ensure_ascii=False, indent=1) + "\n"
    )


def panzhihua() -> None:
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
            chrome, title, "2023-01-19", source, inner
        ),
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
            chrome, title, "2023-01-19", source, inner
        ),
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
    write_site("panzhihua", chrome, tree, {"routes": routes})


def yuanjiang() -> None:
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
    write_site("yuanjiang", chrome, tree, {"html_type": "text/html", "routes": routes})


def heyang() -> None:
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
    write_site("heyang", chrome, tree, {"html_type": "text/html", "routes": routes})


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


def hegang() -> None:
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
    write_site("hegang", chrome, tree, {"routes": routes})


def hetian() -> None:
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
    write_site("hetian", chrome, tree, {})


def main() -> None:
    for build in (panzhihua, yuanjiang, heyang, hegang, hetian):
        build()


if __name__ == "__main__":
    main()
