"""`govcrawl demo`: start the fixture portals on 127.0.0.1, crawl all five spiders
through every pipeline into SQLite, print a per-portal summary and exit.

The last line printed is one JSON object with each portal's run counts."""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from pathlib import Path
from typing import Any

from govcrawl.demo.server import FixtureServer
from govcrawl.operate.runner import run_spider
from govcrawl.operate.summary import invocation_summary, last_run_id, summary_line
from govcrawl.portals import shipped, shipped_path
from govcrawl.store import open_db

DEFAULT_DB = "govcrawl-demo.db"
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


def last_run(db: Path, spider: str) -> dict[str, Any] | None:
    with sqlite3.connect(db) as connection:
        connection.row_factory = sqlite3.Row
        row = connection.execute(
            "select * from crawl_runs where spider = ? order by id desc limit 1",
            [spider],
        ).fetchone()
    return dict(row) if row else None


def crawl_portal(spider: str, db: Path, server: FixtureServer) -> dict[str, Any] | None:
    settings = (
        f"GOVCRAWL_DB={db}",
        f"GOVCRAWL_HOST_MAP={json.dumps(server.host_map())}",
        # The shipped portals only (the fixtures), whatever ./portals.csv adds.
        f"GOVCRAWL_PORTALS={shipped_path()}",
        *LOCAL_SETTINGS,
    )
    code = run_spider(spider, settings)
    if code != 0:
        print(f"{spider}: scrapy crawl exited with {code}", file=sys.stderr)
        return None
    return last_run(db, spider)


def portal_line(slug: str, run: dict[str, Any] | None) -> str:
    name = shipped()[slug].name
    if run is None:
        return f"{slug:10} {name}: crawl failed, nothing recorded"
    return (
        f"{slug:10} {name}: {run['requests']} requests, {run['reports']} reports "
        f"({run['reports_new']} new, {run['reports_unchanged']} unchanged, "
        f"{run['reports_changed']} changed), {run['blocked']} blocked, "
        f"{run['failures']} failures [{run['status']}]"
        + (f": {run['reason']}" if run.get("reason") else "")
    )


def run(args: argparse.Namespace) -> int:
    db = Path(args.db).resolve()
    store = open_db(db)
    before = last_run_id(store)
    store.close()
    runs: dict[str, dict[str, Any] | None] = {}
    with FixtureServer() as server:
        print(f"fixture portals on {server.base_url}", flush=True)
        for slug in shipped():
            runs[slug] = crawl_portal(slug, db, server)
    for slug, portal_run in runs.items():
        print(portal_line(slug, portal_run))
    print(f"stored in {db}; browse it with: govcrawl browse --db {db}")
    # Shared with crawl-all: run counts plus requests a re-crawl saved (not_modified).
    print(summary_line(invocation_summary(str(db), before, shipped())))
    return 0 if all(portal_run is not None for portal_run in runs.values()) else 1
