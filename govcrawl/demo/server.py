"""Fixture portals on 127.0.0.1: one path prefix per portal (/panzhihua/…) serving
the files under govcrawl/demo/portals/<slug>/ as bytes, with per-portal rules from
<slug>/_site.json: content types, status codes, headers, redirects, query-keyed
files and the Referer check of the Heilongjiang search API."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from govcrawl.demo.loopback import LoopbackServer
from govcrawl.portals import PORTALS

PORTALS_DIR = Path(__file__).parent / "portals"
_INDEX_FILES = ("index.shtml", "index.html", "index.htm")
_TYPES = {
    ".json": "application/json;charset=UTF-8",
    ".txt": "text/plain",
    ".pdf": "application/pdf",
    ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def file_validators(path: Path, body: bytes) -> dict[str, str]:
    """ETag (from the bytes, so an edited copy differs) and Last-Modified."""
    etag = hashlib.sha256(body).hexdigest()[:20]
    modified = formatdate(path.stat().st_mtime, usegmt=True)
    return {"ETag": f'"{etag}"', "Last-Modified": modified}


def not_modified(request: Mapping[str, str], validators: Mapping[str, str]) -> bool:
    """RFC 9110 13.2.2: If-None-Match decides when sent, else If-Modified-Since."""
    if "if-none-match" in request:
        tags = [tag.strip() for tag in request["if-none-match"].split(",")]
        return validators["ETag"] in tags or "*" in tags
    since = request.get("if-modified-since")
    if not since:
        return False
    try:
        return parsedate_to_datetime(since) >= parsedate_to_datetime(
            validators["Last-Modified"]
        )
    except (TypeError, ValueError):
        return False


@dataclass(frozen=True)
class Served:
    status: int
    headers: dict[str, str]
    body: bytes


@dataclass
class Hit:
    method: str
    path: str
    headers: dict[str, str]


@dataclass
class Site:
    slug: str
    root: Path
    rules: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, root: Path) -> Site:
        rules_file = root / "_site.json"
        rules = json.loads(rules_file.read_text("utf-8")) if rules_file.exists() else {}
        return cls(root.name, root, rules)

    def content_type(self, path: Path) -> str:
        html_type: str = self.rules.get("html_type", "text/html; charset=UTF-8")
        return _TYPES.get(path.suffix, html_type)

    def file_for(
        self, path: str, query: Mapping[str, list[str]], route: dict[str, Any]
    ) -> Path:
        if "file" in route:
            values = {
                key: query.get(key, [value])[0]
                for key, value in route["defaults"].items()
            }
            return self.root / route["file"].format(**values)
        target = self.root / path.lstrip("/")
        if target.is_dir():
            target = next(
                (target / n for n in _INDEX_FILES if (target / n).exists()), target
            )
        return target

    def serve(self, path: str, query: str, headers: Mapping[str, str]) -> Served:
        route: dict[str, Any] = self.rules.get("routes", {}).get(path, {})
        if "redirect" in route:
            return Served(302, {"Location": f"/{self.slug}{route['redirect']}"}, b"")
        needed = route.get("require_referer")
        if needed and needed not in headers.get("referer", ""):
            return Served(403, {"Content-Type": "text/html"}, b"<h1>403 Forbidden</h1>")
        target = self.file_for(path, parse_qs(query, keep_blank_values=True), route)
        if not target.is_file() or not target.resolve().is_relative_to(
            self.root.resolve()
        ):
            return Served(404, {"Content-Type": "text/html"}, b"<h1>404 Not Found</h1>")
        sent = {"Content-Type": self.content_type(target)} | route.get("headers", {})
        body, status = target.read_bytes(), route.get("status", 200)
        if status == 200:
            validators = file_validators(target, body)
            if not_modified(headers, validators):
                return Served(304, validators, b"")
            sent |= validators
        return Served(status, sent, body)


class FixtureServer(LoopbackServer):
    """Serve every fixture portal; `with FixtureServer() as server: server.base_url`."""

    def __init__(self, root: Path = PORTALS_DIR) -> None:
        self.sites = {p.name: Site.load(p) for p in root.iterdir() if p.is_dir()}
        self.hits: list[Hit] = []
        super().__init__(self._handler())

    def host_map(self) -> dict[str, str]:
        """GOVCRAWL_HOST_MAP sending every registered portal host here."""
        return {
            host: f"{self.base_url}/{slug}"
            for slug, portal in PORTALS.items()
            if slug in self.sites
            for host in portal.hosts
        }

    def route(self, raw_path: str, headers: Mapping[str, str]) -> Served:
        parts = urlsplit(raw_path)
        slug, _, rest = parts.path.lstrip("/").partition("/")
        if slug not in self.sites:
            # In-page scripts call absolute paths (/common/search/…): the page
            # that made the call, in the Referer, tells which portal it is.
            referer = urlsplit(headers.get("referer", "")).path
            slug, rest = referer.lstrip("/").partition("/")[0], parts.path.lstrip("/")
        if slug not in self.sites:
            return Served(404, {"Content-Type": "text/plain"}, b"no such portal")
        return self.sites[slug].serve("/" + rest, parts.query, headers)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                headers = {k.lower(): v for k, v in self.headers.items()}
                server.hits.append(Hit(self.command, self.path, headers))
                length = int(headers.get("content-length", "0") or 0)
                if length:
                    self.rfile.read(length)
                served = server.route(self.path, headers)
                self.send_response(served.status)
                for name, value in served.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(served.body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(served.body)

            do_GET = do_POST = do_HEAD = _answer

            def log_message(self, format: str, *args: Any) -> None:
                return

        return Handler
