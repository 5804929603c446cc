"""`govcrawl crawl-all` run in a subprocess against the fixture portals, and queries
of the database it writes: shared by the crawl-all, health and incremental tests."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from govcrawl.demo.server import FixtureServer, Hit

ROOT = Path(__file__).resolve().parents[1]
# Our own server on 127.0.0.1: no politeness delay. The hegang list shells are
# read through their JSON API here; tests/spiders/test_hegang.py renders them.
LOCAL = ("DOWNLOAD_DELAY=0", "AUTOTHROTTLE_ENABLED=0", "GOVCRAWL_RENDER_JS=0")


@dataclass
class Run:
    code: int
    summary: dict[str, Any]
    log: str
    hits: list[Hit]


def crawl_all(
    server: FixtureServer,
    db: Path,
    *spiders: str,
    settings: tuple[str, ...] = (),
    crash_expected: bool = False,
) -> Run:
    """`govcrawl crawl-all` in a subprocess, every portal host mapped to server."""
    start = len(server.hits)
    command = [sys.executable, "-m", "govcrawl.cli", "crawl-all", *spiders]
    command += ["--db", str(db), "--host-map", json.dumps(server.host_map())]
    for setting in (*LOCAL, *settings):
        command += ["-s", setting]
    env = os.environ | {"PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )
    if not crash_expected:
        assert "Traceback" not in done.stderr, done.stderr[-4000:]
    *_, last_line = done.stdout.strip().splitlines()
    return Run(done.returncode, json.loads(last_line), done.stderr, server.hits[start:])


def query(db: Path, sql: str, *params: Any) -> list[dict[str, Any]]:
    with sqlite3.connect(db) as connection:
        connection.row_factory = sqlite3.Row
        return [dict(row) for row in connection.execute(sql, params)]
