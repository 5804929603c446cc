"""CMS list adapters on inline pages: fingerprint, rows and next-page requests."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

from govcrawl.discover.cms import adapter_named, select_adapter
from govcrawl.discover.links import Link
from govcrawl.discover.listing import Fetch


def urls(fetches: list[Fetch] | list[Link]) -> list[str]:
    return [fetch.url for fetch in fetches]


def test_static_index_rows_and_index_n_pages() -> None:
    url = "http://h.gov.cn/zfxxgk/zfxxgknb/xq/index.shtml"
    page = """<div class="new-box"><ul><li><a href="./4372216.shtml" title="T">T</a>
    <span>2023-01-19</span></li></ul></div><script>var n = parseInt(3);</script>"""
    adapter = select_adapter(url, page)
    listed = adapter.parse_list(url, page)
    assert adapter.name == "static_index"
    assert [row.date for row in listed.entries] == ["2023-01-19"]
    assert urls(listed.more) == [
        "http://h.gov.cn/zfxxgk/zfxxgknb/xq/index_2.shtml",
        "http://h.gov.cn/zfxxgk/zfxxgknb/xq/index_3.shtml",
    ]
    later = adapter.parse_list("http://h.gov.cn/zfxxgk/zfxxgknb/xq/index_2.shtml", page)
    assert later.more == []


def test_trs_classic_and_page_div_pagers() -> None:
    url = "http://h.gov.cn/21502/21512/index.htm"
    classic = """<li><a href="./42847/content_1190311.html">R</a></li>
    <script>createPageHTML(3, 0, "index", "htm");</script>"""
    adapter = select_adapter(url, classic)
    listed = adapter.parse_list(url, classic)
    assert adapter.name == "trs"
    assert urls(listed.entries) == [
        "http://h.gov.cn/21502/21512/42847/content_1190311.html"
    ]
    assert urls(listed.more) == [
        "http://h.gov.cn/21502/21512/index_1.htm",
        "http://h.gov.cn/21502/21512/index_2.htm",
    ]
    page_div = (
        "<script>createPageHTML('page_div',4,1,'fjzl_list','shtml',1000);</script>"
    )
    assert urls(
        adapter.parse_list("http://h.gov.cn/a/fjzl_list.shtml", page_div).more
    ) == [f"http://h.gov.cn/a/fjzl_list_{n}.shtml" for n in (1, 2, 3)]
    count_var = '<script>var countPage = 2;createPageHTML(countPage, 0, "index", "html");</script>'
    assert urls(adapter.parse_list("http://h.gov.cn/b/", count_var).more) == [
        "http://h.gov.cn/b/index_1.html"
    ]


HANWEB_POST = """<script type="text/xml"><datastore>
<nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp"></a>]]></nextgroup>
<recordset>
<record><![CDATA[<li><a href='/art/2023/1/19/art_123_789.html' title='R'>R</a><span>2023-01-19</span></li>]]></record>
</recordset></datastore></script>
<script>$('#div123').jpage({proxyUrl:'/module/web/jpage/dataproxy.jsp', totalRecord:47,
perPage:15, ajaxParam:{col:1, webid:'1', path:'/', columnid:'123', unitid:'456'}});</script>"""


def test_hanweb_embedded_records_and_dataproxy_post() -> None:
    url = "http://h.gov.cn/col/col123/index.html"
    adapter = select_adapter(url, HANWEB_POST)
    listed = adapter.parse_list(url, HANWEB_POST)
    assert adapter.name == "hanweb"
    assert [row.url for row in listed.entries] == [
        "http://h.gov.cn/art/2023/1/19/art_123_789.html"
    ]
    first, second = listed.more
    assert first.method == "POST"
    assert parse_qs(urlsplit(first.url).query) == {
        "startrecord": ["1"],
        "endrecord": ["45"],
        "perpage": ["15"],
    }
    assert parse_qs(urlsplit(second.url).query)["endrecord"] == ["47"]
    form = parse_qs(first.body or "")
    assert (form["columnid"], form["unitid"], form["webid"]) == (
        ["123"],
        ["456"],
        ["1"],
    )


def test_hanweb_dataproxy_get_form_and_proxy_answer() -> None:
    url = "http://h.gov.cn/col/col9/index.html"
    page = """<datastore><nextgroup><![CDATA[<a href="/module/jpage/dataproxy.jsp?page=1&appid=1&webid=2&path=/&columnid=9&unitid=7&permissiontype=0"></a>]]></nextgroup>
    <recordset></recordset></datastore><script>totalRecord:31, perPage:15</script>"""
    listed = adapter_named("hanweb").parse_list(url, page)
    assert [parse_qs(urlsplit(u).query)["page"] for u in urls(listed.more)] == [
        ["2"],
        ["3"],
    ]
    assert all(fetch.method == "GET" for fetch in listed.more)
    answer = """<datastore><totalrecord>31</totalrecord><totalpage>3</totalpage><recordset>
    <record><![CDATA[<li><a href="/art/2022/1/5/art_9_1.html">R</a></li>]]></record></recordset></datastore>"""
    proxied = adapter_named("hanweb").parse_list(
        "http://h.gov.cn/module/jpage/dataproxy.jsp?page=2", answer
    )
    assert (len(proxied.entries), proxied.more) == (1, [])


def test_shaanxi_numbered_pages_and_vsb_pagenum() -> None:
    url = "http://h.gov.cn/zfxxgk/zfxxgknb/1.html"
    page = """<div class="m-lst"><ul><li><a href="2020n/1628950158324563970.html">R</a>
    <span>2021-01-29</span></li></ul></div><script>parseInt('3')</script>"""
    adapter = select_adapter(url, page)
    assert adapter.name == "shaanxi"
    assert urls(adapter.parse_list(url, page).more) == [
        "http://h.gov.cn/zfxxgk/zfxxgknb/2.html",
        "http://h.gov.cn/zfxxgk/zfxxgknb/3.html",
    ]
    vsb_url = "http://h.gov.cn/2018zwgk_list.jsp?urltype=tree.TreeTempUrl&wbtreeid=1047"
    vsb = """<a href="/info/1047/5230.htm">R</a> <a href="?totalpage=2&PAGENUM=2&urltype=tree.TreeTempUrl&wbtreeid=1047">下页</a>"""
    adapter = select_adapter(vsb_url, vsb)
    listed = adapter.parse_list(vsb_url, vsb)
    assert adapter.name == "vsb"
    assert [row.url for row in listed.entries] == ["http://h.gov.cn/info/1047/5230.htm"]
    assert urls(listed.more) == [
        "http://h.gov.cn/2018zwgk_list.jsp?totalpage=2&PAGENUM=2&urltype=tree.TreeTempUrl&wbtreeid=1047"
    ]


def test_hexmon_list_n() -> None:
    url = "http://h.gov.cn/htx/c114808/list.shtml"
    page = """<li><a href="202401/dc57871a9e6543c88fc8cde007d59f8a.shtml">R</a></li>
    <div class="page">共3页 <a href="list_2.shtml">下一页</a></div>"""
    adapter = select_adapter(url, page)
    assert adapter.name == "hexmon"
    listed = adapter.parse_list(url, page)
    assert len(listed.entries) == 1
    assert urls(listed.more) == [
        "http://h.gov.cn/htx/c114808/list_2.shtml",
        "http://h.gov.cn/htx/c114808/list_3.shtml",
    ]


SHELL = """<ul id="list"></ul><script>var channelId = '6d1c2a48e5f04b8f9a7b3c2d1e0f4a5b';
fetch('/common/search/' + channelId + '?_isJson=true&page=1')</script>"""


def test_heilongjiang_shell_asks_the_api_with_referer() -> None:
    url = "https://h.gov.cn/hegang/zxqgkndbg/list.shtml"
    adapter = select_adapter(url, SHELL)
    assert adapter.name == "heilongjiang"
    (fetch,) = adapter.parse_list(url, SHELL).more
    assert fetch.url.startswith(
        "https://h.gov.cn/common/search/6d1c2a48e5f04b8f9a7b3c2d1e0f4a5b?"
    )
    assert parse_qs(urlsplit(fetch.url).query)["page"] == ["1"]
    assert dict(fetch.headers) == {"Referer": url}


def test_heilongjiang_json_answer_rows_and_later_pages() -> None:
    api = "https://h.gov.cn/common/search/6d1c2a48e5f04b8f9a7b3c2d1e0f4a5b?_pageSize=15&page=1"
    rows = [
        {
            "title": "R",
            "url": "/hegang/zxqgkndbg/202501/68226.shtml",
            "publishedTimeStr": "2025-01-26 15:07",
        }
    ]
    answer = json.dumps({"data": {"total": 40, "results": rows}})
    referer = "https://h.gov.cn/hegang/zxqgkndbg/list.shtml"
    listed = adapter_named("heilongjiang").parse_list(api, answer, referer)
    assert [(row.url, row.date) for row in listed.entries] == [
        ("https://h.gov.cn/hegang/zxqgkndbg/202501/68226.shtml", "2025-01-26")
    ]
    assert [parse_qs(urlsplit(f.url).query)["page"] for f in listed.more] == [
        ["2"],
        ["3"],
    ]
    assert all(dict(f.headers) == {"Referer": referer} for f in listed.more)


def test_heilongjiang_rendered_shell_skips_page_one() -> None:
    rendered = SHELL.replace(
        '<ul id="list"></ul>',
        '<ul id="list"><li><a href="/hegang/zxqgkndbg/202501/68226.shtml">R</a></li></ul><div>共2页</div>',
    )
    listed = adapter_named("heilongjiang").parse_list(
        "https://h.gov.cn/x/list.shtml", rendered
    )
    assert len(listed.entries) == 1
    assert [parse_qs(urlsplit(f.url).query)["page"] for f in listed.more] == [["2"]]


def test_unknown_cms_falls_back_to_next_page_links() -> None:
    url = "http://h.gov.cn/nb/list.aspx"
    page = '<a href="r.aspx?id=1">R</a><a href="list.aspx?p=2">下一页</a><a href="list.aspx?p=9">尾页</a>'
    adapter = select_adapter(url, page)
    assert adapter.name == "next_page"
    assert urls(adapter.parse_list(url, page).more) == [
        "http://h.gov.cn/nb/list.aspx?p=2",
        "http://h.gov.cn/nb/list.aspx?p=9",
    ]
