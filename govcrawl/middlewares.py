"""Downloader middlewares: one sends requests for real portal hosts to the local
fixture server (GOVCRAWL_HOST_MAP) while spiders and items keep the real URLs; one
settles the charset a text response is read in (govcrawl.decode)."""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares import cookies
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response, TextResponse
from tldextract import TLDExtract

from govcrawl.config import Config
from govcrawl.decode import canonical, choose_encoding, declared_charset

REAL_URL = "govcrawl_real_url"
logger = logging.getLogger(__name__)

# Scrapy's cookie middleware fetches the public-suffix list from GitHub on first
# use; the snapshot bundled with tldextract keeps crawls from reaching other hosts.
cookies._split_domain = TLDExtract(
    suffix_list_urls=(), include_psl_private_domains=True
)


class HostMap:
    """Real host -> local base URL, and back."""

    def __init__(self, mapping: dict[str, str]) -> None:
        self.mapping = mapping

    def to_local(self, url: str) -> str | None:
        scheme_sep = url.find("://")
        rest = url[scheme_sep + 3 :]
        host, slash, tail = rest.partition("/")
        base = self.mapping.get(host.lower())
        return f"{base}{slash}{tail}" if base else None

    def to_real(self, url: str) -> str | None:
        candidates = [
            (host, base)
            for host, base in self.mapping.items()
            if url.startswith(base + "/")
        ]
        if not candidates:
            return None
        host, base = max(candidates, key=lambda pair: len(pair[1]))
        return f"http://{host}{url[len(base) :]}"


def _loopback(url: str) -> bool:
    return urlsplit(url).hostname in ("127.0.0.1", "localhost", "::1")


class HostMapMiddleware:
    def __init__(self, host_map: HostMap) -> None:
        self.host_map = host_map

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> HostMapMiddleware:
        return cls(HostMap(dict(Config.from_settings(crawler.settings).host_map)))

    def process_request(self, request: Request) -> Request | None:
        if REAL_URL in request.meta:
            return None
        local = self.host_map.to_local(request.url)
        if local is None:
            if self.host_map.mapping and not _loopback(request.url):
                # With a host map (tests, `govcrawl demo`) nothing leaves 127.0.0.1.
                raise IgnoreRequest(f"host not in GOVCRAWL_HOST_MAP: {request.url}")
            return None
        headers = request.headers.copy()
        referer = headers.get("Referer")
        if referer:
            headers["Referer"] = self.host_map.to_local(referer.decode()) or referer
        # robots.txt was already checked against the real host before rewriting.
        meta = request.meta | {REAL_URL: request.url, "dont_obey_robotstxt": True}
        return request.replace(url=local, headers=headers, meta=meta, dont_filter=True)

    def process_response(self, request: Request, response: Response) -> Response:
        if REAL_URL not in request.meta:
            return response
        real = self.host_map.to_real(response.url) or request.meta[REAL_URL]
        scheme = request.meta[REAL_URL].split("://", 1)[0]
        if real.startswith("http://") and scheme == "https":
            real = "https://" + real.removeprefix("http://")
        return response.replace(url=real)


CHARSET_CONFLICT = "govcrawl_charset_conflict"


class CharsetMiddleware:
    """Decodes a text response by the charset its bytes read cleanly in
    (govcrawl.decode, on a sample) when that is not the one it declares, or it
    declares none; the overruled or conflicting declaration rides in meta for the
    spider to record."""

    def process_response(self, request: Request, response: Response) -> Response:
        if not isinstance(response, TextResponse):
            return response
        content_type = response.headers.get("Content-Type")
        header = content_type.decode("latin-1") if content_type else None
        choice, _ = choose_encoding(response.body, header)
        if choice.notes:
            message = "; ".join(choice.notes)
            logger.warning("%s: %s", request.meta.get(REAL_URL, request.url), message)
            request.meta[CHARSET_CONFLICT] = message
        declared = canonical(declared_charset(response.body, header))
        if choice.encoding in (declared, "utf-8-sig", "utf-16", "utf-32"):
            # Scrapy reads a byte-order mark and a truthful declaration itself.
            return response
        return response.replace(encoding=choice.encoding)
