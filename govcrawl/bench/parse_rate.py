"""Clean+parse+validate (govcrawl.flow) +store throughput on the reference reports next to bare lxml
parsing of the same HTML bytes, in one run on this machine."""

from __future__ import annotations

import itertools
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import lxml.html
from sqlite_utils import Database

from govcrawl.config import Config
from govcrawl.decode import decode_body
from govcrawl.flow import Document, clean_parse_validate
from govcrawl.items import ReportPage
from govcrawl.reparse import reparse
from govcrawl.store import open_db, store_page_report
from govcrawl.store.search import index_pending

FIXTURES = Path(__file__).resolve().parents[2] / "tests" / "fixtures"
HTML_TYPE = "text/html; charset=UTF-8"
TEXT_TYPE = "text/plain; charset=UTF-8"
# Reports in the reparse measurement: copies of each reference page, several batches.
REPARSE_COPIES = 30


@dataclass(frozen=True)
class Corpus:
    """Report pages as served: HTML pages (bytes) and plain-text reports (bytes)."""

    html: list[bytes]
    text: list[bytes]

    @classmethod
    def load(cls, root: Path = FIXTURES) -> Corpus:
        html = [p.read_bytes() for p in sorted((root / "reports").glob("*_20*.html"))]
        text = [p.read_bytes() for p in sorted((root / "seeds").glob("*.txt"))]
        if not html or not text:
            raise FileNotFoundError(f"no reference reports under {root}")
        return cls(html, text)


class StoreChain:
    """Every stage a crawled report goes through after download, into one db file.
    Each page gets a fresh URL so every store is a new report, as in a crawl."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.serial = itertools.count()

    def __call__(self, body: bytes, content_type: str) -> None:
        page = ReportPage(
            url=f"http://bench.invalid/{next(self.serial)}.html",
            portal="bench",
            title="",
            year=None,
            published=None,
            body=body,
            headers={"content-type": content_type},
            status=200,
            fetched_at="2026-01-01T00:00:00+00:00",
        )
        result = clean_parse_validate(Document(body, page.url, content_type))
        store_page_report(self.db, page, result.cleaned, result.report)


Settle = Callable[[], object] | None


def rate(
    work: Callable[[], object], items: int, seconds: float, settle: Settle = None
) -> float:
    """Items per second over repeated runs lasting at least `seconds` (one warm-up).
    `settle` finishes, inside the window, what the runs left to do later (reports
    waiting for the full-text index, indexed FTS_BATCH at a time): a window short
    of a batch would otherwise leave the indexing to the next one and, as the best
    window is kept, never count it."""
    work()
    if settle:
        settle()
    runs, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        work()
        runs += 1
    if settle:
        settle()
    return runs * items / (time.perf_counter() - started)


def settle_store(db: Database) -> None:
    """What a window's reports left to the store: their full-text indexing, and the
    copy of the WAL pages they wrote into the .db file (a checkpoint, which SQLite
    otherwise runs every WAL_CHECKPOINT_PAGES, a few windows later)."""
    index_pending(db)
    db.execute("PRAGMA wal_checkpoint(PASSIVE)")


def _each(chain: StoreChain, bodies: Sequence[bytes], content_type: str) -> None:
    for body in bodies:
        chain(body, content_type)


def bare_parsers(bodies: Sequence[bytes]) -> list[lxml.html.HTMLParser]:
    """A parser per page told the charset its bytes are in. Left to sniff, libxml2
    takes heyang's <meta charset="gb2312"> at its word and stops at the page's first
    GBK-only byte: 839 of its 3,147 characters, a baseline that skips most of a page."""
    return [
        lxml.html.HTMLParser(encoding=decode_body(body, HTML_TYPE).encoding)
        for body in bodies
    ]


def _bare_lxml(
    bodies: Sequence[bytes], parsers: Sequence[lxml.html.HTMLParser]
) -> None:
    for body, parser in zip(bodies, parsers, strict=True):
        lxml.html.document_fromstring(body, parser)


def best_rates(
    works: dict[str, tuple[Callable[[], object], int]],
    seconds: float,
    rounds: int,
    settles: Mapping[str, Settle] | None = None,
) -> dict[str, float]:
    """Each work's best rate over `rounds` interleaved windows of seconds / rounds:
    other processes' load then falls on every side of a ratio alike."""
    best = dict.fromkeys(works, 0.0)
    settles = settles or {}
    for _ in range(rounds):
        for name, (work, items) in works.items():
            window = rate(work, items, seconds / rounds, settles.get(name))
            best[name] = max(best[name], window)
    return best


def reparse_rate(chain: StoreChain, corpus: Corpus, seconds: float) -> float:
    """`govcrawl reparse` of REPARSE_COPIES stored copies of each reference page,
    every report rewritten (as after a PIPELINE_VERSION bump), in reports/s."""
    for _ in range(REPARSE_COPIES):
        _each(chain, corpus.html, HTML_TYPE)
    (count,) = chain.db.execute("select count(*) from reports").fetchone()

    def once() -> None:
        chain.db.execute("update reports set pipeline_version = 0")
        for change in reparse(chain.db, Config()):
            assert change.rewritten

    return rate(once, count, seconds)


def measure(corpus: Corpus, seconds: float = 2.0, rounds: int = 3) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="govcrawl-bench-") as tmp:
        db = open_db(Path(tmp) / "bench.db")
        chain = StoreChain(db)
        html, text = corpus.html, corpus.text
        parsers = bare_parsers(html)
        works: dict[str, tuple[Callable[[], object], int]] = {
            "html": (lambda: _each(chain, html, HTML_TYPE), len(html)),
            "text": (lambda: _each(chain, text, TEXT_TYPE), len(text)),
            "lxml": (lambda: _bare_lxml(html, parsers), len(html)),
        }
        settled = {name: lambda: settle_store(db) for name in ("html", "text")}
        rates = best_rates(works, seconds, rounds, settled)
        reparsing = reparse_rate(
            StoreChain(open_db(Path(tmp) / "reparse.db")), corpus, seconds
        )
        db.close()
    return {
        "parse_reports_per_s": round(rates["html"], 1),
        "text_reports_per_s": round(rates["text"], 1),
        "lxml_reports_per_s": round(rates["lxml"], 1),
        "parse_ratio": round(rates["html"] / rates["lxml"], 3),
        "reparse_reports_per_s": round(reparsing, 1),
    }
