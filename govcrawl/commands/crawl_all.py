"""`govcrawl crawl-all`: crawl every portal of the registry (or the ones named) into
one SQLite file, print one JSON summary line, exit 1 when any portal's run failed.
Each portal is `scrapy crawl <slug>`: a spider module, or a registry entry
(spiders.portal.RegistrySpiderLoader)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from govcrawl.commands.portals import crawl_options, registry_option
from govcrawl.config import project_config
from govcrawl.operate.runner import crawl_spiders
from govcrawl.operate.summary import summary_line
from govcrawl.portals import PORTALS, RegistryError, use_registry
from govcrawl.settings import GOVCRAWL_DB

# Scrapy logs every request at DEBUG; a scheduled crawl's log should stay readable.
DEFAULT_SETTINGS = ("LOG_LEVEL=INFO",)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "crawl-all",
        help="crawl every portal spider into one SQLite file",
        description="Crawl each portal of the registry in turn (one crawl_runs row "
        "each), print a JSON summary per portal and exit 1 if any run failed: no "
        "report stored, errors logged, or the spider crashed.",
    )
    parser.add_argument(
        "spiders",
        nargs="*",
        metavar="PORTAL",
        help="portals to crawl (default: every portal of the registry)",
    )
    registry_option(parser)
    parser.add_argument("--db", default=GOVCRAWL_DB, help="SQLite file to write")
    crawl_options(parser, "every spider")
    parser.set_defaults(run=run)


def spider_settings(args: argparse.Namespace, registry: str) -> list[str]:
    settings = [*DEFAULT_SETTINGS]
    if args.host_map:
        json.loads(args.host_map)
        settings.append(f"GOVCRAWL_HOST_MAP={args.host_map}")
    if registry:
        settings.append(f"GOVCRAWL_PORTALS={Path(registry).resolve()}")
    return settings + args.set


def registry_named(args: argparse.Namespace) -> str:
    """The user registry: --portals, a -s GOVCRAWL_PORTALS, the project setting."""
    given = [s.partition("=")[2] for s in args.set if s.startswith("GOVCRAWL_PORTALS=")]
    return str(args.portals or (given[-1] if given else project_config().portals))


def run(args: argparse.Namespace) -> int:
    registry = registry_named(args)
    use_registry(registry)
    try:
        slugs = list(PORTALS)
    except RegistryError as error:
        print(f"crawl-all: {error}", file=sys.stderr)
        return 2
    unknown = sorted(set(args.spiders) - set(slugs))
    if unknown:
        print(f"crawl-all: unknown portal(s): {', '.join(unknown)}", file=sys.stderr)
        return 2
    spiders = args.spiders or slugs
    try:
        settings = spider_settings(args, registry)
    except json.JSONDecodeError as error:
        print(f"crawl-all: --host-map is not JSON: {error}", file=sys.stderr)
        return 2
    result = crawl_spiders(spiders, args.db, settings)
    if result.failed:
        print(f"crawl-all: failed: {', '.join(result.failed)}", file=sys.stderr)
    print(summary_line(result.summary), flush=True)
    return 1 if result.failed else 0
