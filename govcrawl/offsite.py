"""Downloader middleware that keeps a crawl on its portal (issue 15 item 2).

Every request — a list link, a report row, the target of a 3xx or a <meta refresh>
(Scrapy's redirect middlewares schedule those as new requests, which pass here
again) — goes out only to the portal's own hosts (Portal.hosts) and the hosts in
GOVCRAWL_EXTRA_HOSTS. Anything else fails with OffsiteRequest, which the spider's
errback records as a FailedRequest with reason `offsite`. Outside tests a host that
resolves to a private, loopback or link-local address is refused the same way; the
addresses GOVCRAWL_HOST_MAP maps to are what tests use and stay allowed."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from functools import lru_cache
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest

from govcrawl.config import Config
from govcrawl.middlewares import REAL_URL, HostMap
from govcrawl.portals import PORTALS


class OffsiteRequest(IgnoreRequest):
    """A request to a host the portal does not own, or to a non-public address."""


@lru_cache(maxsize=1024)
def non_public_address(host: str) -> str | None:
    """The first private/loopback/link-local/reserved address the host resolves to."""
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except OSError:
        return None  # the download itself reports the DNS failure
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        if not address.is_global or address.is_multicast:
            return str(address)
    return None


class OffsiteMiddleware:
    def __init__(
        self, crawler: Crawler, host_map: HostMap, extra: Iterable[str]
    ) -> None:
        self.crawler = crawler
        self.host_map = host_map
        self.extra = frozenset(host.lower() for host in extra)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> OffsiteMiddleware:
        config = Config.from_settings(crawler.settings)
        host_map = HostMap(dict(config.host_map))
        extra = config.extra_hosts
        return cls(crawler, host_map, extra)

    def allowed_hosts(self) -> frozenset[str] | None:
        """The spider's portal hosts plus the extra ones; None: a spider of no portal."""
        slug = getattr(self.crawler.spider, "portal_slug", None)
        portal = PORTALS.get(slug) if isinstance(slug, str) else None
        if portal is None:
            return None
        return self.extra | {host.lower() for host in portal.hosts}

    def process_request(self, request: Request) -> Request | None:
        real = self.host_map.to_real(request.url)
        if REAL_URL in request.meta and self._on_fixture_server(request.url):
            return None  # a relative redirect on the mapped fixture: the same portal
        if REAL_URL in request.meta and real is None:
            # A redirect out of the host-mapped fixture: judge its own URL, and let
            # the host map rewrite it afresh if it is a portal host.
            meta = {k: v for k, v in request.meta.items() if k != REAL_URL}
            self._check(request.url, mapped=False)
            return request.replace(meta=meta, dont_filter=True)
        self._check(real or request.url, mapped=real is not None)
        return None

    def _on_fixture_server(self, url: str) -> bool:
        netloc = urlsplit(url).netloc
        return any(
            urlsplit(base).netloc == netloc for base in self.host_map.mapping.values()
        )

    def _check(self, url: str, mapped: bool) -> None:
        host = (urlsplit(url).hostname or "").lower()
        allowed = self.allowed_hosts()
        if allowed is None:
            return  # a spider of no portal (runspider, tests) fetches what it names
        if host not in allowed:
            raise OffsiteRequest(f"offsite: {host} is not a host of this portal: {url}")
        if mapped or self.host_map.mapping:
            return  # tests and the demo: HostMapMiddleware keeps them on 127.0.0.1
        address = non_public_address(host)
        if address is not None:
            raise OffsiteRequest(f"offsite: {host} resolves to {address}: {url}")
