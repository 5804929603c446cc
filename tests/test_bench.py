"""The bench helpers and `govcrawl bench` in a tiny configuration (no timed assertions:
figures are printed, never compared with a target here)."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import lxml.html
import pytest

from govcrawl.bench.crawl_rate import logstats_rate
from govcrawl.bench.parse_rate import (
    HTML_TYPE,
    Corpus,
    StoreChain,
    bare_parsers,
    best_rates,
    rate,
    settle_store,
)
from govcrawl.bench.synthetic import COLUMN, FIRST_ID, synthetic_server
from govcrawl.store import open_db
from govcrawl.store.search import FTS_BATCH, PENDING, index_pending

ROOT = Path(__file__).resolve().parents[1]
KEYS = {
    "parse_reports_per_s",
    "lxml_reports_per_s",
    "parse_ratio",
    "reparse_reports_per_s",
    "crawl_pages_per_s",
    "scrapy_bench_pages_per_s",
    "crawl_ratio",
    "peak_rss_mb_1k",
    "peak_rss_mb_10k",
    "pdf_seconds",
    "cli_start_seconds",
    "python_start_seconds",
}

# The last words of each reference page, read in the page itself.
LAST_WORDS = {
    "hegang_2024.html": "六、其他需要报告的事项",
    "hetian_2023.html": "和田县吾宗肖乡人民政府",
    "heyang_2020.html": "现存有效规范性文件为20件",
    "panzhihua_2022.html": "本年度未收取信息处理费,无其他需要报告的事项",
    "yuanjiang_2023.html": "沅江市城市管理和綜合執(zhí)法局",
}


def test_the_lxml_baseline_parses_every_page_to_its_end() -> None:
    pages = sorted((ROOT / "tests/fixtures/reports").glob("*_20*.html"))
    corpus = Corpus.load()
    assert [page.read_bytes() for page in pages] == corpus.html
    parsers = bare_parsers(corpus.html)
    for page, body, parser in zip(pages, corpus.html, parsers, strict=True):
        tree = lxml.html.document_fromstring(body, parser)
        assert LAST_WORDS[page.name] in tree.text_content(), page.name


LOG = """\
2026-01-01 10:00:00.000 [scrapy.extensions.logstats] INFO: Crawled 0 pages (at 0 \
pages/min), scraped 0 items (at 0 items/min)
2026-01-01 10:00:00.500 [scrapy.extensions.logstats] INFO: Crawled 10 pages (at 1200 \
pages/min), scraped 2 items (at 240 items/min)
2026-01-01 10:00:01.000 [scrapy.core.engine] INFO: something else, Crawled 999 pages
2026-01-01 10:00:02.500 [scrapy.extensions.logstats] INFO: Crawled 50 pages (at 1200 \
pages/min), scraped 9 items (at 840 items/min)
"""


def test_logstats_rate_spans_last_idle_line_to_last_line() -> None:
    # 50 pages between 00.000 (the last line counting none) and 02.500.
    assert logstats_rate(LOG) == (20.0, 50)
    # Start-up lines before it are left out: still 50 pages in 2.5 s.
    startup = LOG.splitlines()[0].replace("10:00:00.000", "09:59:50.000")
    assert logstats_rate(f"{startup}\n{LOG}") == (20.0, 50)


def test_logstats_rate_refuses_a_log_without_two_counts() -> None:
    with pytest.raises(ValueError, match="fewer than two"):
        logstats_rate(LOG.splitlines()[0])


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def test_synthetic_column_lists_every_report_once() -> None:
    bodies = [b"<html>report A</html>", b"<html>report B</html>"]
    with synthetic_server(45, bodies) as server:
        base = f"{server.base_url}/panzhihua{COLUMN}"
        listed = []
        for name in ("index.shtml", "index_2.shtml", "index_3.shtml"):
            status, page = fetch(base + name)
            assert status == 200
            assert b"parseInt(3)" in page
            listed += page.decode().split('<li><a href="')[1:]
        assert len(listed) == 45
        assert fetch(base + "index_4.shtml")[0] == 404
        assert fetch(f"{base}{FIRST_ID}.shtml") == (200, bodies[FIRST_ID % 2])
        assert fetch(f"{base}{FIRST_ID + 45}.shtml")[0] == 404


def test_store_chain_stores_each_page_as_a_new_report(tmp_path: Path) -> None:
    corpus = Corpus.load()
    db = open_db(tmp_path / "bench.db")
    chain = StoreChain(db)
    for body in corpus.html:
        chain(body, "text/html; charset=UTF-8")
    assert db.table("reports").count == len(corpus.html)
    years = {row["year"] for row in db.query("select year from reports")}
    assert {2020, 2022, 2023, 2024} <= years


def test_store_chain_parses_text_reports_as_text(tmp_path: Path) -> None:
    """The text reports' own tables are parsed (the clean stage gives text input no
    HTML, so parsing its fragment read an empty string)."""
    corpus = Corpus.load()
    db = open_db(tmp_path / "bench.db")
    chain = StoreChain(db)
    for body in corpus.text:
        chain(body, "text/plain; charset=UTF-8")
    reports = list(db.query("select id, template, year from reports"))
    assert len(reports) == len(corpus.text)
    assert {row["template"] for row in reports} == {"v2019", "v2021"}
    assert {2020, 2022, 2023, 2024} <= {row["year"] for row in reports}
    for row in reports:
        requests = db.table("requests").count_where("report_id = ?", [row["id"]])
        assert requests >= 26, row


def test_rate_counts_items_over_runs() -> None:
    calls: list[int] = []
    assert rate(lambda: calls.append(1), 3, 0.01) > 0
    assert len(calls) >= 2


def test_best_rates_measures_every_work_in_every_round() -> None:
    calls = {"a": 0, "b": 0}

    def work(name: str) -> None:
        calls[name] += 1

    works = {name: ((lambda n=name: work(n)), 2) for name in calls}
    rates = best_rates(works, 0.02, rounds=3)
    assert set(rates) == {"a", "b"}
    assert all(value > 0 for value in rates.values())
    # Each round warms up once and runs at least once more.
    assert all(count >= 6 for count in calls.values())


def test_a_window_indexes_the_reports_it_stored_before_it_ends(tmp_path: Path) -> None:
    # The full-text index is built FTS_BATCH reports at a time; a window shorter
    # than a batch must still pay for indexing its own reports.
    db = open_db(tmp_path / "bench.db")
    chain, corpus = StoreChain(db), Corpus.load()
    indexed: list[int] = []
    work = lambda: chain(corpus.html[0], HTML_TYPE)  # noqa: E731
    rate(work, 1, 0.01, lambda: indexed.append(index_pending(db)))
    (stored,) = db.execute("select count(*) from reports").fetchone()
    (pending,) = db.execute(f"select count(*) from {PENDING}").fetchone()
    assert indexed[0] == 1 and sum(indexed) == stored and len(indexed) == 2
    assert pending == 0 and stored < FTS_BATCH


def test_settling_a_window_indexes_and_checkpoints_what_it_stored(
    tmp_path: Path,
) -> None:
    # Between SQLite's checkpoints (every WAL_CHECKPOINT_PAGES) the reports are in
    # the WAL only; the window pays for copying them into the .db file.
    db = open_db(tmp_path / "bench.db")
    chain, corpus = StoreChain(db), Corpus.load()
    for body in corpus.html:
        chain(body, HTML_TYPE)
    before = (tmp_path / "bench.db").stat().st_size
    settle_store(db)
    (pending,) = db.execute(f"select count(*) from {PENDING}").fetchone()
    assert pending == 0
    assert (tmp_path / "bench.db").stat().st_size > before + sum(
        map(len, corpus.html)
    ) // 8


@pytest.mark.e2e
def test_bench_command_prints_every_figure_last() -> None:
    command = [sys.executable, "-c", "from govcrawl.cli import main; main()"]
    tiny = ["--seconds", "0.05", "--bench-seconds", "1", "--reports", "20", "40"]
    done = subprocess.run(
        [*command, "bench", *tiny],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[:1500] + done.stderr[-1500:]
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    assert set(figures) >= KEYS
    assert figures["rss_reports"] == [20, 40]
    assert all(figures[key] > 0 for key in KEYS)
