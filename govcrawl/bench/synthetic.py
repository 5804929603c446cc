"""A fixture portal scaled up: the 攀枝花 static_index column (govcrawl.demo) listing N
report pages with distinct URLs, each serving a reference report's HTML as published.

Served by govcrawl.demo.server.FixtureServer in place of the panzhihua fixture tree,
so `scrapy crawl panzhihua` walks it like the real column: index.shtml, index_2 …
index_P.shtml, then one page per report."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

from govcrawl.demo.server import FixtureServer, Served, Site

SLUG = "panzhihua"
COLUMN = "/zfxxgk/zfxxgknb/xq/xqxxgkgzndbg/"
# The portal's second start URL: a departments column, left empty here.
EMPTY_COLUMN = "/zfxxgk/zfxxgknb/xq/xqjbmzfxxgkgzndbg/"
ROWS_PER_PAGE = 20
FIRST_ID = 5_000_000
HTML = {"Content-Type": "text/html; charset=UTF-8"}


def list_page(rows: Sequence[int], page_count: int) -> bytes:
    """One list page in the portal's markup: div.new-box rows and parseInt(P)."""
    items = "".join(
        f'<li><a href="{COLUMN}{article}.shtml">攀枝花市西区{2008 + article % 16}'
        "年政府信息公开工作年度报告</a><span>2024-01-20</span></li>"
        for article in rows
    )
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8">'
        "<title>西区政府信息公开工作年度报告</title></head><body>"
        '<div class="new-box"><h3>西区政府信息公开工作年度报告</h3>'
        f"<ul>{items}</ul></div><script>var pageCount = parseInt({page_count});"
        'createPage(pageCount, "index", "shtml");</script></body></html>'
    ).encode()


class SyntheticColumn(Site):
    """N report pages behind a paginated list; bodies rotate over `bodies`."""

    def __init__(self, reports: int, bodies: Sequence[bytes], root: Path) -> None:
        super().__init__(SLUG, root)
        if not bodies:
            raise ValueError("no report bodies to serve")
        self.reports = reports
        self.bodies = list(bodies)
        self.pages = max(1, -(-reports // ROWS_PER_PAGE))

    def serve(self, path: str, query: str, headers: Mapping[str, str]) -> Served:
        if path in (f"{EMPTY_COLUMN}index.shtml", EMPTY_COLUMN):
            return Served(200, HTML, list_page([], 1))
        if not path.startswith(COLUMN):
            return Served(404, HTML, b"<h1>404 Not Found</h1>")
        name = path.removeprefix(COLUMN)
        page = self.list_number(name)
        if page is not None and 1 <= page <= self.pages:
            first = (page - 1) * ROWS_PER_PAGE
            last = min(self.reports, first + ROWS_PER_PAGE)
            rows = range(FIRST_ID + first, FIRST_ID + last)
            return Served(200, HTML, list_page(rows, self.pages))
        article = name.removesuffix(".shtml")
        if article.isdigit() and 0 <= int(article) - FIRST_ID < self.reports:
            body = self.bodies[int(article) % len(self.bodies)]
            return Served(200, HTML, body)
        return Served(404, HTML, b"<h1>404 Not Found</h1>")

    @staticmethod
    def list_number(name: str) -> int | None:
        if name in ("", "index.shtml"):
            return 1
        number = name.removeprefix("index_").removesuffix(".shtml")
        return int(number) if name.startswith("index_") and number.isdigit() else None


@contextmanager
def synthetic_server(reports: int, bodies: Sequence[bytes]) -> Iterator[FixtureServer]:
    """A running FixtureServer whose only portal is the scaled-up panzhihua column."""
    with tempfile.TemporaryDirectory(prefix="govcrawl-synthetic-") as empty:
        server = FixtureServer(Path(empty))
        server.sites[SLUG] = SyntheticColumn(reports, bodies, Path(empty))
        with server:
            yield server
