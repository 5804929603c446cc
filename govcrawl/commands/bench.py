"""`govcrawl bench`: throughput and memory figures next to their baselines, measured
in one run on this machine; one JSON object last."""

from __future__ import annotations

import argparse
import json
from typing import Any

from govcrawl.bench.cli_start import measure_cli_start
from govcrawl.bench.crawl_rate import (
    PROJECT_SPEED_SETTINGS,
    SCRAPY_DEFAULTS,
    portal_crawl,
    scrapy_bench,
)
from govcrawl.bench.parse_rate import Corpus, measure
from govcrawl.bench.pdf_rate import PDFS, measure_pdfs

FULL = {"seconds": 4.0, "bench_seconds": 10.0, "reports": (1000, 10000)}
QUICK = {"seconds": 1.0, "bench_seconds": 2.0, "reports": (30, 90)}
CRAWL_TIMEOUT = 3600.0


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "bench",
        help="measure pipeline, crawl and memory figures against baselines",
        description=(
            "Clean+parse+validate+store against bare lxml, seconds per PDF, "
            "`govcrawl parse` start-up, a fixture-portal crawl with every pipeline "
            "against `scrapy bench`, and peak memory of crawls of two sizes. Prints "
            "one JSON object last."
        ),
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="short windows and small crawls (about 30 s) instead of 1,000 and "
        "10,000 reports",
    )
    parser.add_argument(
        "--seconds", type=float, help="measuring window of each pipeline rate"
    )
    parser.add_argument(
        "--bench-seconds", type=float, help="how long `scrapy bench` crawls"
    )
    parser.add_argument(
        "--reports",
        type=int,
        nargs=2,
        metavar=("SMALL", "LARGE"),
        help="report pages in the two memory crawls (default 1000 10000)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    plan: dict[str, Any] = QUICK if args.quick else FULL
    seconds = args.seconds or plan["seconds"]
    bench_seconds = args.bench_seconds or plan["bench_seconds"]
    small, large = args.reports or plan["reports"]
    corpus = Corpus.load()
    figures: dict[str, Any] = measure(corpus, seconds)
    print(
        f"clean+parse+validate+store {figures['parse_reports_per_s']} HTML reports/s, "
        f"{figures['text_reports_per_s']} text reports/s; bare lxml "
        f"{figures['lxml_reports_per_s']} pages/s; ratio {figures['parse_ratio']}",
        flush=True,
    )
    figures |= measure_pdfs() | measure_cli_start()
    print(
        f"PDF attachments: {figures['pdf_seconds']} s a file (median of {len(PDFS)} "
        f"report PDFs; pdftotext, text only: {figures['pdftotext_seconds']} s); "
        f"`govcrawl parse` of a text report {figures['cli_start_seconds']} s wall "
        f"(`python -c pass` {figures['python_start_seconds']} s)",
        flush=True,
    )
    # scrapy bench before and after the crawls, best of each side: load from other
    # processes only lowers a rate, and then falls on both sides alike.
    baselines = [scrapy_bench(bench_seconds)]
    crawls = [portal_crawl(n, corpus.html, CRAWL_TIMEOUT) for n in (small, large)]
    baselines.append(scrapy_bench(bench_seconds))
    crawl_rate = max(run.pages_per_s for run in crawls)
    bench_rate = max(run.pages_per_s for run in baselines)
    print(
        f"crawl of {small} and {large} fixture report pages with every pipeline: "
        f"{crawl_rate:.1f} pages/s; scrapy bench {bench_rate:.1f} pages/s (best "
        f"of two each); both with {', '.join(SCRAPY_DEFAULTS)}; the crawl with "
        f"govcrawl's {', '.join(PROJECT_SPEED_SETTINGS)} (scrapy bench: Scrapy's "
        "defaults)",
        flush=True,
    )
    print(
        f"peak RSS of the crawl process: {crawls[0].peak_rss_mb:.0f} MB for {small} "
        f"reports, {crawls[1].peak_rss_mb:.0f} MB for {large}",
        flush=True,
    )
    figures |= {
        "crawl_pages_per_s": round(crawl_rate, 1),
        "scrapy_bench_pages_per_s": round(bench_rate, 1),
        "crawl_ratio": round(crawl_rate / bench_rate, 3),
        "peak_rss_mb_1k": round(crawls[0].peak_rss_mb, 1),
        "peak_rss_mb_10k": round(crawls[1].peak_rss_mb, 1),
        "rss_reports": [small, large],
    }
    print(json.dumps(figures))
    return 0
