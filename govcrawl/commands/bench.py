"""`govcrawl bench`: throughput figures next to their baselines, one JSON object last."""

from __future__ import annotations

import argparse
import json
from typing import Any

from govcrawl.bench.parse_rate import Corpus, measure


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "bench",
        help="measure parse throughput against bare lxml on this machine",
        description="Benchmarks measured against a baseline in the same run.",
    )
    parser.add_argument(
        "--quick", action="store_true", help="short measuring windows (about 10 s)"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    seconds = 1.0 if args.quick else 4.0
    figures = measure(Corpus.load(), seconds)
    print(
        f"parse+validate {figures['parse_reports_per_s']} HTML reports/s, "
        f"{figures['text_reports_per_s']} text reports/s; bare lxml "
        f"{figures['lxml_reports_per_s']} reports/s; ratio {figures['parse_ratio']}"
    )
    print(json.dumps(figures))
    return 0
