"""`govcrawl crawl-all`: crawl every portal (or the ones named) into one SQLite file,
print one JSON summary line, exit 1 when any portal's run failed."""

from __future__ import annotations

import argparse
import json
import sys

from govcrawl.operate.runner import crawl_spiders
from govcrawl.operate.summary import summary_line
from govcrawl.portals import PORTALS
from govcrawl.settings import GOVCRAWL_DB

# Scrapy logs every request at DEBUG; a scheduled crawl's log should stay readable.
DEFAULT_SETTINGS = ("LOG_LEVEL=INFO",)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "crawl-all",
        help="crawl every portal spider into one SQLite file",
        description="Run each portal spider in turn (one crawl_runs row each), print "
        "a JSON summary per portal and exit 1 if any run failed: no report stored, "
        "errors logged, or the spider crashed.",
    )
    parser.add_argument(
        "spiders",
        nargs="*",
        metavar="PORTAL",
        help=f"portals to crawl (default: all of {', '.join(PORTALS)})",
    )
    parser.add_argument("--db", default=GOVCRAWL_DB, help="SQLite file to write")
    parser.add_argument(
        "--host-map",
        metavar="JSON",
        help='GOVCRAWL_HOST_MAP: {"real.host": "http://127.0.0.1:PORT/prefix"}',
    )
    parser.add_argument(
        "-s",
        "--set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="Scrapy setting for every spider (repeatable)",
    )
    parser.set_defaults(run=run)


def spider_settings(args: argparse.Namespace) -> list[str]:
    settings = [*DEFAULT_SETTINGS]
    if args.host_map:
        json.loads(args.host_map)
        settings.append(f"GOVCRAWL_HOST_MAP={args.host_map}")
    return settings + args.set


def run(args: argparse.Namespace) -> int:
    unknown = sorted(set(args.spiders) - set(PORTALS))
    if unknown:
        print(f"crawl-all: unknown portal(s): {', '.join(unknown)}", file=sys.stderr)
        return 2
    spiders = args.spiders or list(PORTALS)
    try:
        settings = spider_settings(args)
    except json.JSONDecodeError as error:
        print(f"crawl-all: --host-map is not JSON: {error}", file=sys.stderr)
        return 2
    result = crawl_spiders(spiders, args.db, settings)
    if result.failed:
        print(f"crawl-all: failed: {', '.join(result.failed)}", file=sys.stderr)
    print(summary_line(result.summary), flush=True)
    return 1 if result.failed else 0
