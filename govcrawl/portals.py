"""The single home for portal facts: slug, 中文名, hosts, start URLs, CMS family.

Hosts and column paths come from spec/portals.md §1 (stored copies and mirrors of the
real sites); paths drift, so each portal keeps every known column as a start URL.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Portal:
    slug: str
    name: str
    hosts: tuple[str, ...]
    start_urls: tuple[str, ...]
    cms: str
    # (province, city, county) of the portal's organ: its reports' organs borrow the
    # levels their names leave out (README, Organs).
    region: tuple[str | None, str | None, str | None] = (None, None, None)
    needs_js: bool = False


PORTALS: dict[str, Portal] = {
    portal.slug: portal
    for portal in (
        Portal(
            slug="panzhihua",
            name="攀枝花市西区人民政府",
            hosts=("www.pzhsxq.gov.cn",),
            # One leaf column per organ; departments hang under xqjbmzfxxgkgzndbg/.
            start_urls=(
                "http://www.pzhsxq.gov.cn/zfxxgk/zfxxgknb/xq/xqxxgkgzndbg/index.shtml",
                "http://www.pzhsxq.gov.cn/zfxxgk/zfxxgknb/xq/xqjbmzfxxgkgzndbg/index.shtml",
            ),
            cms="static_index",
            region=("四川省", "攀枝花市", "西区"),
        ),
        Portal(
            slug="yuanjiang",
            name="沅江市人民政府",
            hosts=("www.yuanjiang.gov.cn",),
            # 30459 is the 年报 column seen on a mirror of the 城管执法局 2024 report.
            start_urls=("http://www.yuanjiang.gov.cn/21502/21512/30459/index.htm",),
            cms="trs",
            region=("湖南省", "益阳市", "沅江市"),
        ),
        Portal(
            slug="heyang",
            name="合阳县人民政府",
            hosts=("www.heyang.gov.cn",),
            start_urls=("http://www.heyang.gov.cn/zfxxgk/zfxxgknb/1.html",),
            cms="shaanxi",
            region=("陕西省", "渭南市", "合阳县"),
        ),
        Portal(
            slug="hegang",
            name="鹤岗市人民政府",
            hosts=("www.hegang.gov.cn",),
            # list.shtml is an empty shell filled by /common/search/{channel} JSON.
            start_urls=(
                "https://www.hegang.gov.cn/hegang/zxqgkndbg/list.shtml",
                "https://www.hegang.gov.cn/hegang/zszbmgkndbb/list.shtml",
            ),
            cms="heilongjiang",
            region=("黑龙江省", "鹤岗市", None),
            needs_js=True,
        ),
        Portal(
            slug="hetian",
            name="和田县人民政府",
            hosts=("www.htx.gov.cn", "htx.gov.cn"),
            start_urls=("http://www.htx.gov.cn/htx/c114808/list.shtml",),
            cms="hexmon",
            region=("新疆维吾尔自治区", "和田地区", "和田县"),
        ),
    )
}


def portal_for_url(url: str) -> Portal | None:
    """The registered portal serving this URL's host, if any."""
    host = urlsplit(url).hostname or ""
    for portal in PORTALS.values():
        if host in portal.hosts:
            return portal
    return None
