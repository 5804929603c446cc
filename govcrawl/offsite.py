"""Downloader middlewares that keep a crawl on its portal (issue 15 item 2).

OffsiteMiddleware: every request — a list link, a report row, the target of a 3xx
or a <meta refresh> (Scrapy's redirect middlewares schedule those as new requests,
which pass here again) — goes out only to the portal's own hosts (Portal.hosts)
and the hosts in GOVCRAWL_EXTRA_HOSTS. Anything else fails with OffsiteRequest,
which the spider's errback records as a FailedRequest with reason `offsite`.

PublicAddressMiddleware: whatever the spider, a request whose host resolves to a
private, loopback, link-local or reserved address is refused the same way, and a
response that came from one (a DNS answer that changed since) is dropped before
anything reads it. Allowed only: the networks in GOVCRAWL_ALLOW_NETWORKS (none by
default; tests allow 127.0.0.0/8) and the local servers GOVCRAWL_HOST_MAP names.

OffsiteMiddleware.browser_refusal holds a page rendered in Chromium to the same rule
(govcrawl.browser_handler): what its scripts, refreshes and frames load or navigate
to."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from functools import lru_cache
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response

from govcrawl.config import Config
from govcrawl.middlewares import REAL_URL, HostMap
from govcrawl.portals import PORTALS

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


class OffsiteRequest(IgnoreRequest):
    """A request to a host the portal does not own, or to a non-public address."""


@lru_cache(maxsize=1024)
def resolved(host: str) -> tuple[str, ...]:
    """The addresses the host resolves to; none when it does not resolve (the
    download itself reports the DNS failure)."""
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return ()
    return tuple(str(info[4][0]).split("%", 1)[0] for info in infos)


def is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    return ip.is_global and not ip.is_multicast


def non_public_address(host: str, allowed: Iterable[Network] = ()) -> str | None:
    """The first private/loopback/link-local/reserved address the host resolves to
    outside the allowed networks."""
    allowed = tuple(allowed)
    for address in resolved(host):
        ip = ipaddress.ip_address(address)
        if not is_public(address) and not any(ip in net for net in allowed):
            return address
    return None


class OffsiteMiddleware:
    def __init__(self, crawler: Crawler, config: Config) -> None:
        self.crawler = crawler
        self.host_map = HostMap(dict(config.host_map))
        self.extra = frozenset(host.lower() for host in config.extra_hosts)
        self.networks = allowed_networks(config)
        self._hosts_of: object = None
        self._hosts: frozenset[str] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> OffsiteMiddleware:
        return cls(crawler, Config.from_settings(crawler.settings))

    def allowed_hosts(self) -> frozenset[str] | None:
        """The spider's portal hosts plus the extra ones; None: a spider of no portal.
        Read from the registry once per spider: every request asks, and a registry
        lookup stats the user's portals.csv."""
        spider = self.crawler.spider
        if spider is not self._hosts_of:
            self._hosts_of, self._hosts = spider, self._portal_hosts(spider)
        return self._hosts

    def _portal_hosts(self, spider: object) -> frozenset[str] | None:
        slug = getattr(spider, "portal_slug", None)
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
            self._check(request.url)
            return request.replace(meta=meta, dont_filter=True)
        self._check(real or request.url)
        return None

    def _on_fixture_server(self, url: str) -> bool:
        netloc = urlsplit(url).netloc
        return any(
            urlsplit(base).netloc == netloc for base in self.host_map.mapping.values()
        )

    def _check(self, url: str) -> None:
        refused = self.refusal(url)
        if refused is not None:
            raise OffsiteRequest(refused)

    def refusal(self, url: str) -> str | None:
        """Why a real URL may not be fetched (not a portal host, or a non-public
        address); None when it may."""
        host = (urlsplit(url).hostname or "").lower()
        allowed = self.allowed_hosts()
        if allowed is not None and host not in allowed:
            return f"offsite: {host} is not a host of this portal: {url}"
        if self.host_map.to_local(url) is not None:
            return None  # fetched from the host map's server, checked after the rewrite
        address = non_public_address(host, self.networks)
        if address is not None:
            return f"offsite: {host} resolves to {address}: {url}"
        return None

    def browser_refusal(self, url: str) -> str | None:
        """The same rule for what a rendered page loads or navigates to
        (govcrawl.browser_handler): the browser sees the host map's local URLs,
        judged by their real ones; with a host map nothing leaves its servers."""
        scheme = urlsplit(url).scheme
        if scheme in ("about", "data", "blob"):
            return None  # nothing fetched from a network
        if scheme not in ("http", "https"):
            return f"offsite: the browser loads only http(s): {url}"
        real = self.host_map.to_real(url)
        if real is not None:
            return self.refusal(real)
        if self._on_fixture_server(url):
            return None  # the mapped server's own path outside every portal prefix
        refused = self.refusal(url)
        if refused is None and self.host_map.mapping:
            host = urlsplit(url).hostname
            return f"offsite: {host} is not a GOVCRAWL_HOST_MAP server: {url}"
        return refused


def allowed_networks(config: Config) -> tuple[Network, ...]:
    """GOVCRAWL_ALLOW_NETWORKS, and the addresses of the host map's local servers."""
    networks = [ipaddress.ip_network(net) for net in config.allow_networks]
    for base in config.host_map.values():
        host = urlsplit(base).hostname or ""
        networks += [ipaddress.ip_network(address) for address in resolved(host)]
    return tuple(networks)


class PublicAddressMiddleware:
    """After the host map, on the URL actually fetched."""

    def __init__(self, allowed: tuple[Network, ...]) -> None:
        self.allowed = allowed

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PublicAddressMiddleware:
        return cls(allowed_networks(Config.from_settings(crawler.settings)))

    def process_request(self, request: Request) -> None:
        host = urlsplit(request.url).hostname or ""
        address = non_public_address(host, self.allowed)
        if address is not None:
            url = request.meta.get(REAL_URL, request.url)
            raise OffsiteRequest(f"offsite: {host} resolves to {address}: {url}")

    def process_response(self, request: Request, response: Response) -> Response:
        address = str(response.ip_address) if response.ip_address else None
        if address is None or is_public(address):
            return response
        ip = ipaddress.ip_address(address)
        if any(ip in net for net in self.allowed):
            return response
        url = request.meta.get(REAL_URL, request.url)
        raise OffsiteRequest(f"offsite: {url} was answered from {address}")
