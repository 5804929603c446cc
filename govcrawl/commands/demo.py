"""`govcrawl demo`: start the fixture portals on 127.0.0.1, crawl all five spiders
through every pipeline into SQLite, print a per-portal summary and exit.

The last line printed is one JSON object with each portal's run counts."""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

from govcrawl.demo.server import FixtureServer
from govcrawl.portals import PORTALS

PROJECT = Path(__file__).resolve().parents[2]
DEFAULT_DB = "govcrawl-demo.db"
COUNTS = ("requests", "reports_new", "reports_unchanged", "reports_changed", "failures")
# The fixture server is our own: no politeness delay is owed to it.
LOCAL_SETTINGS = ("DOWNLOAD_DELAY=0", "AUTOTHROTTLE_ENABLED=0", "LOG_LEVEL=WARNING")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "demo",
        help="crawl the offline fixture portals into SQLite",
        description="Serve imitations of the five portals on 127.0.0.1 and crawl "
        "them with the real spiders and pipelines.",
    )
    parser.add_argument("--db", default=DEFAULT_DB, help="SQLite file to write")
    parser.set_defaults(run=run)


def crawl_command(spider: str, db: Path, server: FixtureServer) -> list[str]:
    command = [sys.executable, "-m", "scrapy", "crawl", spider]
    settings = (
        f"GOVCRAWL_DB={db}",
        f"GOVCRAWL_HOST_MAP={json.dumps(server.host_map())}",
        *LOCAL_SETTINGS,
    )
    for setting in settings:
        command += ["-s", setting]
    return command


def last_run(db: Path, spider: str) -> dict[str, Any] | None:
    with sqlite3.connect(db) as connection:
        connection.row_factory = sqlite3.Row
        row = connection.execute(
            "select * from crawl_runs where spider = ? order by id desc limit 1",
            [spider],
        ).fetchone()
    return dict(row) if row else None


def crawl_portal(spider: str, db: Path, server: FixtureServer) -> dict[str, Any] | None:
    env = os.environ | {
        "PYTHONPATH": os.pathsep.join(
            filter(None, [str(PROJECT), os.environ.get("PYTHONPATH")])
        ),
        "SCRAPY_SETTINGS_MODULE": "govcrawl.settings",
    }
    done = subprocess.run(crawl_command(spider, db, server), cwd=PROJECT, env=env)
    if done.returncode != 0:
        print(f"{spider}: scrapy crawl exited with {done.returncode}", file=sys.stderr)
        return None
    return last_run(db, spider)


def summary_line(slug: str, run: dict[str, Any] | None) -> str:
    name = PORTALS[slug].name
    if run is None:
        return f"{slug:10} {name}: crawl failed, nothing recorded"
    return (
        f"{slug:10} {name}: {run['requests']} requests, {run['reports']} reports "
        f"({run['reports_new']} new, {run['reports_unchanged']} unchanged, "
        f"{run['reports_changed']} changed), {run['blocked']} blocked, "
        f"{run['failures']} failures [{run['status']}]"
    )


def portal_counts(run: dict[str, Any] | None) -> dict[str, int]:
    """A crawl that died before recording its run counts as one failure."""
    if run is None:
        return {key: 0 for key in COUNTS} | {"failures": 1}
    return {key: int(run[key] or 0) for key in COUNTS}


def run(args: argparse.Namespace) -> int:
    db = Path(args.db).resolve()
    runs: dict[str, dict[str, Any] | None] = {}
    with FixtureServer() as server:
        print(f"fixture portals on {server.base_url}", flush=True)
        for slug in PORTALS:
            runs[slug] = crawl_portal(slug, db, server)
    for slug, portal_run in runs.items():
        print(summary_line(slug, portal_run))
    print(f"stored in {db}; browse it with: govcrawl browse --db {db}")
    counts = {slug: portal_counts(portal_run) for slug, portal_run in runs.items()}
    print(json.dumps({"portals": counts}, ensure_ascii=False))
    return 0 if all(portal_run is not None for portal_run in runs.values()) else 1
