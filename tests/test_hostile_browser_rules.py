"""The rule the browser is held to (govcrawl.offsite.OffsiteMiddleware.browser_refusal,
issue 15 item 2), on its own: what a rendered page may load or navigate to, with and
without a host map, and how a refused navigation becomes one `offsite` record. The
end-to-end case, in Chromium, is tests/test_hostile_browser.py. Addresses are IP
literals, so nothing is looked up."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from govcrawl.browser import BROWSER_REFUSED, BrowserRefusals, browser_refusals
from govcrawl.config import Config
from govcrawl.offsite import OffsiteMiddleware

LOCAL = "http://127.0.0.1:8001"
MAPPED = Config(
    host_map={
        "www.hegang.gov.cn": f"{LOCAL}/hegang",
        "www.pzhsxq.gov.cn": f"{LOCAL}/panzhihua",
    }
)


def _rule(config: Config, slug: str = "hegang") -> OffsiteMiddleware:
    crawler: Any = SimpleNamespace(spider=SimpleNamespace(portal_slug=slug))
    return OffsiteMiddleware(crawler, config)


@pytest.mark.parametrize(
    "url",
    [
        f"{LOCAL}/hegang/hegang/zxqgkndbg/list.shtml",  # the portal, host-mapped
        f"{LOCAL}/common/search/6d1c?page=1",  # the mapped server, outside prefixes
        "about:blank",
        "data:text/html,<p>x</p>",
        "blob:http://127.0.0.1:8001/1f0e",
    ],
)
def test_the_browser_may_load_the_portal_on_the_host_map(url: str) -> None:
    assert _rule(MAPPED).browser_refusal(url) is None


@pytest.mark.parametrize(
    ("url", "why"),
    [
        (
            "http://127.0.0.2:8001/x.shtml",
            "offsite: 127.0.0.2 is not a host of this portal",
        ),
        (
            f"{LOCAL}/panzhihua/zfxxgk/index.shtml",
            "offsite: www.pzhsxq.gov.cn is not a host of this portal",
        ),
        (
            "https://www.hegang.gov.cn/hegang/list.shtml",
            "offsite: www.hegang.gov.cn is not a GOVCRAWL_HOST_MAP server",
        ),
        ("file:///etc/passwd", "offsite: the browser loads only http(s)"),
    ],
)
def test_the_browser_is_refused_off_the_portal(url: str, why: str) -> None:
    refused = _rule(MAPPED).browser_refusal(url)
    assert refused is not None
    assert refused.startswith(why), refused


def test_without_a_host_map_the_resolved_address_decides() -> None:
    rule = _rule(Config(extra_hosts=("10.0.0.5", "8.8.8.8", "169.254.169.254")))
    assert rule.browser_refusal("http://8.8.8.8/list.shtml") is None
    assert rule.browser_refusal("http://10.0.0.5/x") == (
        "offsite: 10.0.0.5 resolves to 10.0.0.5: http://10.0.0.5/x"
    )
    metadata = rule.browser_refusal("http://169.254.169.254/latest/meta-data/")
    assert metadata is not None
    assert "resolves to 169.254.169.254" in metadata
    assert rule.browser_refusal("http://1.1.1.1/") == (
        "offsite: 1.1.1.1 is not a host of this portal: http://1.1.1.1/"
    )
    allowed = _rule(Config(extra_hosts=("10.0.0.5",), allow_networks=("10.0.0.0/8",)))
    assert allowed.browser_refusal("http://10.0.0.5/x") is None


def test_each_refused_navigation_is_recorded_once() -> None:
    refused = [
        ("http://127.0.0.2/a", "offsite: a"),
        ("http://127.0.0.2/b", "offsite: b"),
    ]
    meta = {BROWSER_REFUSED: refused}
    first = list(browser_refusals(meta, "hegang"))
    assert [(f.url, f.portal, f.reason, f.message, f.kind) for f in first] == [
        ("http://127.0.0.2/a", "hegang", "offsite", "offsite: a", "list"),
        ("http://127.0.0.2/b", "hegang", "offsite", "offsite: b", "list"),
    ]
    assert list(browser_refusals(meta, "hegang")) == []


def test_the_spider_middleware_adds_them_after_the_pages_output() -> None:
    crawler: Any = SimpleNamespace(spider=SimpleNamespace(portal_name="hegang"))
    response: Any = SimpleNamespace(
        meta={BROWSER_REFUSED: [("http://x/", "offsite: x")]}
    )
    output = list(BrowserRefusals(crawler).process_spider_output(response, ["row"]))
    assert output[0] == "row"
    assert [(f.url, f.reason) for f in output[1:]] == [("http://x/", "offsite")]
