"""Page chrome of the five fixture portals (spec/portals.md §1, §3): list pages,
detail pages and navigation pages, as each platform marks them up."""

from __future__ import annotations

import html
from dataclasses import dataclass

JIUCUO = (
    "<script id=\"_jiucuo_\" sitecode='{code}' "
    "src='https://zfwzgl.www.gov.cn/exposure/jiucuo.js'></script>"
)


@dataclass(frozen=True)
class Row:
    href: str
    title: str
    date: str


@dataclass(frozen=True)
class Chrome:
    site: str
    charset: str
    sitecode: str
    footer: str

    def page(self, title: str, body: str, meta: str = "") -> str:
        head = f'<meta charset="{self.charset}">\n<title>{html.escape(title)}</title>'
        return (
            f"<!DOCTYPE html>\n<html>\n<head>\n{head}\n{meta}</head>\n<body>\n"
            f'<div class="header"><a href="/">{self.site}</a> 关怀版 无障碍 简/繁</div>\n'
            f'{body}\n<div class="footer">{self.footer} '
            f"{JIUCUO.format(code=self.sitecode)}</div>\n</body>\n</html>\n"
        )

    def nav(self, title: str, links: list[tuple[str, str]]) -> str:
        items = "".join(
            f'<li><a href="{h}">{html.escape(t)}</a></li>' for h, t in links
        )
        return self.page(title, f'<div class="nav"><ul>{items}</ul></div>')


def meta_tags(title: str, published: str, source: str) -> str:
    return (
        f'<meta name="ArticleTitle" content="{html.escape(title)}">\n'
        f'<meta name="PubDate" content="{published}">\n'
        f'<meta name="ContentSource" content="{html.escape(source)}">\n'
    )


def rows_html(rows: list[Row], pattern: str) -> str:
    return "".join(
        pattern.format(href=r.href, title=html.escape(r.title), date=r.date)
        for r in rows
    )


# 攀枝花 city platform: div.new-box rows, parseInt(N) page count, div#Zoom body.
def panzhihua_list(chrome: Chrome, name: str, rows: list[Row], pages: int) -> str:
    items = rows_html(
        rows, '<li><a href="{href}" title="{title}">{title}</a><span>{date}</span></li>'
    )
    script = (
        f"<script>var pageCount = parseInt({pages});"
        'createPage(pageCount, "index", "shtml");</script>'
    )
    body = f'<div class="new-box"><h3>{name}</h3><ul>{items}</ul></div>\n{script}'
    return chrome.page(name, body)


def panzhihua_detail(
    chrome: Chrome, title: str, date: str, source: str, inner: str
) -> str:
    crumbs = "首页 > 政府信息公开 > 政府信息公开年报 > 正文"
    body = f'<div class="crumb">{crumbs}</div>\n<div class="article">{inner}</div>'
    return chrome.page(title, body, meta_tags(title, f"{date} 10:00", source))


# Hunan county platform: numeric column paths, createPageHTML paging, detail-text body.
def hunan_list(
    chrome: Chrome, name: str, rows: list[Row], pages: int, current: int
) -> str:
    items = rows_html(
        rows,
        '<li><a href="{href}" target="_blank" title="{title}">{title}</a><span>{date}</span></li>',
    )
    script = f'<script>createPageHTML({pages}, {current}, "index", "htm");</script>'
    body = f'<div class="list-box"><h3>{name}</h3><ul>{items}</ul>\n{script}</div>'
    return chrome.page(name, body)


def hunan_detail(
    chrome: Chrome, title: str, date: str, index_no: str, inner: str
) -> str:
    table = (
        f'<table class="xxgk-table"><tr><td>索引号:</td><td>{index_no}</td>'
        f"<td>发布机构:</td><td>沅江市城市管理和综合执法局</td></tr>"
        f"<tr><td>发布日期:</td><td>{date}</td></tr></table>"
    )
    header = f"<div>沅江市人民政府门户网站 www.yuanjiang.gov.cn 发布时间:{date} 字号:【 视力保护色: 浏览量:</div>"
    body = f"{table}\n{header}\n{inner}"
    return chrome.page(
        title, body, meta_tags(title, date, "沅江市城市管理和综合执法局")
    )


# Shaanxi platform: div.m-lst rows, parseInt('N'), #printContent div.m-txt-article.
def shaanxi_list(
    chrome: Chrome, name: str, rows: list[Row], pages: int, subs: list[tuple[str, str]]
) -> str:
    side = "".join(f'<li><a href="{h}">{html.escape(t)}</a></li>' for h, t in subs)
    items = rows_html(
        rows, '<li><a href="{href}" title="{title}">{title}</a><span>{date}</span></li>'
    )
    script = f"<script>var totalPage = parseInt('{pages}');</script>"
    body = (
        f'<div class="m-side"><ul>{side}</ul></div>\n'
        f'<div class="m-lst"><h3>{name}</h3><ul>{items}</ul></div>\n{script}'
    )
    return chrome.page(name, body)


def shaanxi_detail(chrome: Chrome, title: str, date: str, inner: str) -> str:
    crumbs = "首页/ 政府信息公开 / 政府信息公开年报 / 正文"
    table = f'<div class="table"><span>索引号:</span><span>成文日期:{date}</span></div>'
    body = (
        f'<div class="crumb">{crumbs}</div>\n{table}\n<div id="printContent">'
        f'<div class="m-txt-article">{inner}</div></div>'
    )
    return chrome.page(title, body, meta_tags(title, date, "合阳县人民政府办公室"))


def vsb_list(chrome: Chrome, name: str, rows: list[Row], pages: int, tree: int) -> str:
    items = rows_html(
        rows,
        '<tr><td><a href="{href}" title="{title}">{title}</a></td><td>{date}</td></tr>',
    )
    pager = (
        f'<a href="?totalpage={pages}&PAGENUM=2&urltype=tree.TreeTempUrl&wbtreeid={tree}">'
        f"下页</a> 共{pages}页"
    )
    body = f'<table class="winstyle{tree}">{items}</table>\n<div class="pager">{pager}</div>'
    return chrome.page(name, body)


# Heilongjiang 集约化 platform: list.shtml shell filled from /common/search JSON.
def hegang_shell(chrome: Chrome, name: str, channel: str) -> str:
    script = (
        "<script>\n"
        f"var channelId = '{channel}';\n"
        "fetch('/common/search/' + channelId + '?_isAgg=false&_isJson=true&_pageSize=15"
        "&_template=index&_rangeTimeGte=&_channelName=&page=1')\n"
        "  .then(function (r) { return r.json(); })\n"
        "  .then(function (json) {\n"
        "    var list = document.getElementById('list');\n"
        "    json.data.results.forEach(function (row) {\n"
        "      var li = document.createElement('li');\n"
        "      li.innerHTML = '<a href=\"' + row.url + '\" title=\"' + row.title + '\">' +\n"
        "        row.title + '</a><span>' + row.publishedTimeStr + '</span>';\n"
        "      list.appendChild(li);\n"
        "    });\n"
        "    var pages = Math.ceil(json.data.total / 15);\n"
        "    document.getElementById('page').textContent = '共' + pages + '页';\n"
        "  });\n"
        "</script>"
    )
    body = (
        f'<div class="list-title">{name}</div>\n<ul class="list" id="list"></ul>\n'
        f'<div class="page" id="page"></div>\n{script}'
    )
    return chrome.page(name, body)


def hegang_detail(chrome: Chrome, title: str, published: str, inner: str) -> str:
    meta = (
        f'<meta name="ArticleTitle" content="{html.escape(title)}">\n'
        f'<meta name="PubDate" content="{published}">\n'
        '<meta name="ContentSource" content="工农区人民政府">\n'
    )
    tail = (
        '<div class="ewm">扫一扫在手机打开当前页</div><div class="wzdh">网站导航</div>'
        '<div class="robot">hi!我是智能问答机器人小鹤 很高兴为您服务~</div>'
    )
    return chrome.page(title, f'<div class="main">{inner}</div>\n{tail}', meta)


# c{id} platform (和田县): list.shtml / list_N.shtml, 32-hex article names.
def hexmon_list(
    chrome: Chrome, name: str, rows: list[Row], pages: int, current: int
) -> str:
    items = rows_html(
        rows,
        '<li><a href="{href}" target="_blank" title="{title}">{title}</a><span>{date}</span></li>',
    )
    nxt = "list.shtml" if current + 1 < 2 else f"list_{current + 1}.shtml"
    pager = f"共{pages}页 " + (f'<a href="{nxt}">下一页</a>' if current < pages else "")
    body = f'<div class="list"><h3>{name}</h3><ul>{items}</ul></div>\n<div class="page">{pager}</div>'
    return chrome.page(name, body)


def hexmon_detail(
    chrome: Chrome, title: str, date: str, source: str, inner: str
) -> str:
    header = f'<div class="info">来源:{source} 发布日期:{date} 浏览次数: 字体:【大 中 小】</div>'
    return chrome.page(title, f"{header}\n{inner}", meta_tags(title, date, source))
