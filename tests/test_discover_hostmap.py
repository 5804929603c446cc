"""GOVCRAWL_HOST_MAP: real portal hosts sent to the fixture server and back."""

from __future__ import annotations

import pytest
from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse

from govcrawl.browser import abort_third_party
from govcrawl.config import host_map
from govcrawl.middlewares import REAL_URL, HostMap, HostMapMiddleware

LOCAL = "http://127.0.0.1:8000"
MAP = HostMap(
    host_map(
        '{"www.pzhsxq.gov.cn": "http://127.0.0.1:8000/panzhihua/", '
        '"www.hegang.gov.cn": "http://127.0.0.1:8000/hegang"}'
    )
)


def test_urls_map_both_ways() -> None:
    real = "http://www.pzhsxq.gov.cn/zfxxgk/a/index.shtml?x=1"
    local = f"{LOCAL}/panzhihua/zfxxgk/a/index.shtml?x=1"
    assert MAP.to_local(real) == local
    assert MAP.to_real(local) == real
    assert MAP.to_local("http://www.other.gov.cn/") is None
    assert MAP.to_real(f"{LOCAL}/elsewhere/x") is None


def test_request_is_rewritten_with_referer_and_response_keeps_real_url() -> None:
    middleware = HostMapMiddleware(MAP)
    real = "https://www.hegang.gov.cn/common/search/ab?page=2"
    referer = "https://www.hegang.gov.cn/hegang/zxqgkndbg/list.shtml"
    request = Request(real, headers={"Referer": referer})
    local = middleware.process_request(request)
    assert local is not None
    assert local.url == f"{LOCAL}/hegang/common/search/ab?page=2"
    assert (
        local.headers["Referer"]
        == f"{LOCAL}/hegang/hegang/zxqgkndbg/list.shtml".encode()
    )
    assert local.meta[REAL_URL] == real and local.meta["dont_obey_robotstxt"]
    assert middleware.process_request(local) is None
    response = HtmlResponse(local.url, body=b"{}", request=local)
    assert middleware.process_response(local, response).url == real


def test_unmapped_requests_pass_untouched() -> None:
    middleware = HostMapMiddleware(HostMap({}))
    request = Request("http://www.pzhsxq.gov.cn/")
    assert middleware.process_request(request) is None
    response = HtmlResponse(request.url, body=b"", request=request)
    assert middleware.process_response(request, response) is response


def test_with_a_host_map_unmapped_hosts_are_refused() -> None:
    middleware = HostMapMiddleware(MAP)
    with pytest.raises(IgnoreRequest, match="not in GOVCRAWL_HOST_MAP"):
        middleware.process_request(
            Request("https://zfwzgl.www.gov.cn/exposure/jiucuo.js")
        )
    assert middleware.process_request(Request(f"{LOCAL}/panzhihua/robots.txt")) is None


class _Frame:
    def __init__(self, url: str) -> None:
        self.url = url


class _BrowserRequest:
    def __init__(self, url: str, frame_url: str, navigation: bool = False) -> None:
        self.url, self.frame, self.navigation = url, _Frame(frame_url), navigation

    def is_navigation_request(self) -> bool:
        return self.navigation


def test_browser_loads_only_the_portals_own_resources() -> None:
    page = f"{LOCAL}/hegang/hegang/zxqgkndbg/list.shtml"
    widget = "https://zfwzgl.www.gov.cn/exposure/jiucuo.js"
    assert abort_third_party(_BrowserRequest(widget, page))
    assert not abort_third_party(_BrowserRequest(f"{LOCAL}/common/search/x", page))
    assert not abort_third_party(_BrowserRequest(page, "about:blank", navigation=True))
