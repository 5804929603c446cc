"""`govcrawl portals list` shows the portal registry; `govcrawl portals add URL` runs
a discovery crawl (`scrapy crawl portal -a probe=1`) from a homepage or column,
reports the column, adapter, list completeness and first reports it found, and
appends the entry to the user registry (README, Portals)."""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

from govcrawl.config import project_config
from govcrawl.portals import (
    USER_FILE,
    Portal,
    RegistryError,
    append_portal,
    read_entries,
    shipped,
    shipped_path,
)

REPORTS_SHOWN = 5
# Suffixes a slug derived from the host leaves out (www.pingtan.gov.cn -> pingtan).
_HOST_SUFFIXES = (".gov.cn", ".gov", ".com.cn", ".org.cn", ".cn", ".com", ".org")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "portals",
        help="list the portal registry, or add a portal found from a URL",
        description="The portal registry: the portals shipped with govcrawl plus the "
        f"user's CSV file (--portals, else GOVCRAWL_PORTALS, else ./{USER_FILE}).",
    )
    actions = parser.add_subparsers(dest="action", required=True)
    listing = actions.add_parser("list", help="show every portal of the registry")
    registry_option(listing)
    listing.set_defaults(run=run_list)
    add = actions.add_parser(
        "add",
        help="discover a portal's annual-report column and append its entry",
        description="Crawl from a homepage or column URL to the annual-report column "
        "(lists only, no report page fetched), report what was found and append the "
        "entry to the user registry.",
    )
    add.add_argument("url", help="a homepage or annual-report column URL")
    add.add_argument("--slug", help="the entry's slug (default: from the host)")
    add.add_argument("--name", default="", help="the portal organ's full 中文名")
    for level in ("province", "city", "county"):
        add.add_argument(f"--{level}", default="", help=f"the organ's {level}")
    add.add_argument(
        "--needs-js", action="store_true", help="its lists are shells a browser fills"
    )
    registry_option(add)
    crawl_options(add, "the discovery crawl")
    add.set_defaults(run=run_add)


def crawl_options(parser: argparse.ArgumentParser, crawled: str) -> None:
    """--host-map and -s, for the commands that start crawls."""
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
        help=f"Scrapy setting for {crawled} (repeatable)",
    )


def registry_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--portals",
        metavar="CSV",
        help=f"the user registry (default: GOVCRAWL_PORTALS, else ./{USER_FILE})",
    )


def user_file(args: argparse.Namespace) -> Path:
    return Path(args.portals or project_config().portals or USER_FILE)


def run_list(args: argparse.Namespace) -> int:
    path = user_file(args)
    try:
        user = read_entries(path.read_text("utf-8-sig"), str(path))
    except FileNotFoundError:
        user = []
    except RegistryError as error:
        print(f"portals: {error}", file=sys.stderr)
        return 2
    print(f"shipped: {shipped_path()}")
    print(f"user:    {path}" + ("" if path.is_file() else " (none yet)"))
    origins = dict.fromkeys(shipped(), "shipped")
    entries = dict(shipped())
    for line, portal in user:
        origins[portal.slug] = f"{path.name}:{line}"
        entries[portal.slug] = portal
    for slug, portal in entries.items():
        print(portal_line(portal, origins[slug]))
    return 0


def portal_line(portal: Portal, origin: str) -> str:
    adapter = portal.adapter or "by fingerprint"
    js = ", needs_js" if portal.needs_js else ""
    urls = "\n".join(f"    {url}" for url in portal.start_urls)
    return (
        f"{portal.slug} [{origin}] {portal.name or '(no name)'}: adapter {adapter}{js}; "
        f"hosts {' '.join(portal.hosts)}\n{urls}"
    )


def slug_for_host(host: str) -> str:
    name = host.lower().removeprefix("www.")
    suffix = next((s for s in _HOST_SUFFIXES if name.endswith(s)), "")
    return re.sub(r"[^a-z0-9]+", "-", name.removesuffix(suffix)).strip("-")


def taken(path: Path, slug: str) -> str | None:
    """Where the slug is registered already: the shipped registry or file:line."""
    if path.is_file():
        for line, portal in read_entries(path.read_text("utf-8-sig"), str(path)):
            if portal.slug == slug:
                return f"{path}:{line}"
    return "the shipped registry" if slug in shipped() else None


def run_add(args: argparse.Namespace) -> int:
    from govcrawl.discover.probe import describe, probe_url, shortfall

    path = user_file(args)
    slug = args.slug or slug_for_host(urlsplit(args.url).hostname or "")
    try:
        where = taken(path, slug)
        if args.host_map:
            json.loads(args.host_map)
    except (RegistryError, json.JSONDecodeError) as error:
        print(f"portals add: {error}", file=sys.stderr)
        return 2
    if where:
        print(
            f"portals add: slug {slug!r} is already in {where}; "
            "choose another with --slug",
            file=sys.stderr,
        )
        return 2
    registry = path if path.is_file() else shipped_path()
    probe = probe_url(args.url, args.host_map, [*args.set], registry)
    print(describe(probe, REPORTS_SHOWN))
    problem = shortfall(probe)
    if problem:
        print(f"portals add: {problem}; nothing added to {path}", file=sys.stderr)
        return 1
    portal = Portal(
        slug=slug,
        name=args.name,
        hosts=tuple(probe.hosts),
        start_urls=tuple(probe.start_urls),
        adapter=probe.adapter,
        region=(args.province or None, args.city or None, args.county or None),
        needs_js=args.needs_js,
    )
    try:
        line = append_portal(path, portal)
    except RegistryError as error:
        print(f"portals add: {error}", file=sys.stderr)
        return 2
    print(f"added      {slug} to {path} line {line}: scrapy crawl {slug}")
    return 0
