"""Parse+validate throughput on the reference reports next to bare lxml parsing of the
same HTML, in one run on this machine."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import lxml.html

from govcrawl.decode import decode_body
from govcrawl.parse import parse_report
from govcrawl.validate import validate

FIXTURES = Path(__file__).resolve().parents[2] / "tests" / "fixtures"


@dataclass(frozen=True)
class Corpus:
    html: list[bytes]
    text: list[str]

    @classmethod
    def load(cls, root: Path = FIXTURES) -> Corpus:
        html = [
            path.read_bytes() for path in sorted((root / "reports").glob("*_20*.html"))
        ]
        text = [
            path.read_text("utf-8") for path in sorted((root / "seeds").glob("*.txt"))
        ]
        if not html or not text:
            raise FileNotFoundError(f"no reference reports under {root}")
        return cls(html, text)


def _rate(work: Callable[[], object], items: int, seconds: float) -> float:
    """Items per second over repeated runs lasting at least `seconds`."""
    work()
    runs, started = 0, time.perf_counter()
    while True:
        work()
        runs += 1
        elapsed = time.perf_counter() - started
        if elapsed >= seconds:
            return runs * items / elapsed


def _parse_all(pages: Sequence[str], html: bool) -> None:
    for page in pages:
        validate(parse_report(page, source="bench", html=html))


def measure(corpus: Corpus, seconds: float = 2.0) -> dict[str, float]:
    n_html, n_text = len(corpus.html), len(corpus.text)

    def decode_and_parse_html() -> None:
        _parse_all([decode_body(body).text for body in corpus.html], html=True)

    def bare_lxml() -> None:
        for body in corpus.html:
            lxml.html.document_fromstring(body)

    html_rate = _rate(decode_and_parse_html, n_html, seconds)
    lxml_rate = _rate(bare_lxml, n_html, seconds)
    text_rate = _rate(lambda: _parse_all(corpus.text, html=False), n_text, seconds)
    return {
        "parse_reports_per_s": round(html_rate, 1),
        "text_reports_per_s": round(text_rate, 1),
        "lxml_reports_per_s": round(lxml_rate, 1),
        "parse_ratio": round(html_rate / lxml_rate, 3),
    }
