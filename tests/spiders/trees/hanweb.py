"""A Hanweb 大汉 JCMS family fixture (spec/portals.md §2 B, §5): /col/col{N}/index.html
with the first rows in an embedded <datastore> and the rest from a POST to
/module/web/jpage/dataproxy.jsp. Not one of the five portals: the host is a reserved
.invalid name, the organ is 示例局, and report rows answer only with blocked pages, so
no report numbers are made up."""

from __future__ import annotations

from tests.spiders.portal_chrome import Chrome
from tests.spiders.portal_pages import RUISHU, RUISHU_HEADERS, SOFT_404, Site, Tree

HOST = "www.hanweb-family.invalid"
COLUMN = "/col/col1229214366/index.html"
TOTAL, PER_PAGE = 17, 15


def record(href: str, title: str, date: str) -> str:
    return (
        f"<record><![CDATA[<li><a href='{href}' title='{title}' target='_blank'>"
        f"{title}</a><span>{date}</span></li>]]></record>"
    )


def rows(first: int, last: int) -> list[str]:
    """Rows first..last (1-based) of the column, newest first."""
    found = []
    for number in range(first, last + 1):
        if number == 2:
            found.append(
                record(
                    "/art/2022/1/28/art_1229214366_59001.html",
                    "示例局2021年政府信息公开工作年度报告",
                    "2022-01-28",
                )
            )
        elif number == 16:
            found.append(
                record(
                    "/art/2021/1/29/art_1229214366_58002.html",
                    "示例局2020年政府信息公开工作年度报告",
                    "2021-01-29",
                )
            )
        else:
            found.append(
                record(
                    f"/art/2022/3/{number}/art_1229214366_6{number:04d}.html",
                    f"示例局政务公开工作动态(第{number}期)",
                    f"2022-03-{number:02d}",
                )
            )
    return found


def column_page(chrome: Chrome) -> str:
    datastore = (
        '<script type="text/xml"><datastore>\n'
        '<nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp"></a>]]></nextgroup>\n'
        f"<recordset>\n{''.join(rows(1, PER_PAGE))}\n</recordset></datastore></script>"
    )
    jpage = (
        "<script>$('#div1229214366').jpage({dataStore: dataStore, "
        "proxyUrl:'/module/web/jpage/dataproxy.jsp', "
        f"totalRecord:{TOTAL}, perPage:{PER_PAGE}, groupSize:3, "
        "ajaxParam:{col:1, appid:1, webid:'3', path:'/', columnid:'1229214366', "
        "sourceContentType:1, unitid:'6808794', webname:'示例局', permissiontype:0}});"
        "</script>"
    )
    body = f'<div id="div1229214366">{datastore}</div>\n{jpage}'
    return chrome.page("政府信息公开年报", body)


def dataproxy(first: int, last: int) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><datastore>'
        f"<totalrecord>{TOTAL}</totalrecord><totalpage>2</totalpage>"
        f"<recordset>{''.join(rows(first, last))}</recordset></datastore>"
    )


def hanweb() -> Site:
    chrome = Chrome(
        "示例局", "utf-8", "0000000000", "主办:示例局 (Hanweb family fixture)"
    )
    tree: Tree = {
        "index.html": chrome.nav(
            "示例局", [("/col/col1229214300/index.html", "政府信息公开")]
        ),
        "col/col1229214300/index.html": chrome.nav(
            "政府信息公开", [(COLUMN, "政府信息公开年报")]
        ),
        COLUMN: column_page(chrome),
        "module/web/jpage/dataproxy_1.xml": dataproxy(1, TOTAL),
        "art/2022/1/28/art_1229214366_59001.html": SOFT_404,
        "art/2021/1/29/art_1229214366_58002.html": RUISHU,
    }
    proxy = {
        "file": "module/web/jpage/dataproxy_{startrecord}.xml",
        "defaults": {"startrecord": "1"},
        "headers": {"Content-Type": "text/xml;charset=UTF-8"},
    }
    routes = {
        "/module/web/jpage/dataproxy.jsp": proxy,
        "/art/2021/1/29/art_1229214366_58002.html": {
            "status": 412,
            "headers": RUISHU_HEADERS,
        },
    }
    return chrome, tree, {"routes": routes}
