"""Run portal spiders one after another, each in its own `scrapy crawl` process, into
one SQLite file, and summarize what this invocation stored.

A process per spider keeps one portal's crash (or a browser that will not start) from
taking the others down, and keeps the store's writes to one writer at a time."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import govcrawl
from govcrawl.config import project_config, seconds
from govcrawl.operate.children import die_with_parent, run_bounded
from govcrawl.operate.summary import failed_portals, invocation_summary, last_run_id
from govcrawl.store import open_db
from govcrawl.store.connection import close_db
from govcrawl.store.runs import mark_interrupted

SETTINGS_MODULE = "govcrawl.settings"
# Where spiders/ and pipelines/ live when govcrawl runs from a checkout.
PROJECT = Path(govcrawl.__file__).resolve().parents[1]
CRASHED = "crashed"
# Past its time budget, a spider that did not stop itself gets this long after
# SIGINT, then SIGKILL.
GRACE = 30.0


@dataclass
class CrawlAll:
    summary: dict[str, Any]

    @property
    def failed(self) -> list[str]:
        return failed_portals(self.summary)


def scrapy_env() -> dict[str, str]:
    paths = [str(PROJECT), os.environ.get("PYTHONPATH", "")]
    return os.environ | {
        "PYTHONPATH": os.pathsep.join(filter(None, paths)),
        "SCRAPY_SETTINGS_MODULE": SETTINGS_MODULE,
    }


def crawl_command(spider: str, settings: Iterable[str]) -> list[str]:
    command = [sys.executable, "-m", "scrapy", "crawl", spider]
    for setting in settings:
        command += ["-s", setting]
    return command


def run_spider(spider: str, settings: Sequence[str], budget: float = 0.0) -> int:
    """`scrapy crawl spider -s ...`; its log goes to our stderr. budget: seconds
    it may take (it stops itself, GOVCRAWL_TIME_BUDGET; else it is stopped)."""
    command = crawl_command(spider, settings)
    if budget > 0:
        code = run_bounded(command, budget=budget, grace=GRACE, env=scrapy_env())
        return 1 if code is None else code
    # Dies with us: a killed `govcrawl demo` left its crawl running.
    done = subprocess.run(
        command, env=scrapy_env(), check=False, preexec_fn=die_with_parent
    )
    return done.returncode


def time_budget(settings: Sequence[str]) -> float:
    """GOVCRAWL_TIME_BUDGET as the spiders get it: the last `-s`, else the project's."""
    given = [
        s.split("=", 1)[1] for s in settings if s.startswith("GOVCRAWL_TIME_BUDGET=")
    ]
    return seconds("TIME_BUDGET", given[-1]) if given else project_config().time_budget


def close_stopped(path: str, budget: float) -> None:
    """A spider stopped past its budget left its run `running`: mark it now."""
    store = open_db(path)
    try:
        why = f"time budget of {budget:g} s spent and not kept: stopped by crawl-all"
        mark_interrupted(store, why)
        store.conn.commit()
    finally:
        close_db(store)


def crawl_spiders(
    spiders: Sequence[str], db: str | Path, settings: Sequence[str] = ()
) -> CrawlAll:
    """Crawl each spider into db (later `settings` win); one crawl_runs row each."""
    path = str(Path(db).resolve())
    store = open_db(path)
    after = last_run_id(store)
    store.close()
    budget = time_budget(settings)
    exit_codes = {}
    for spider in spiders:
        started = time.monotonic()
        code = run_spider(spider, [*settings, f"GOVCRAWL_DB={path}"], budget)
        if budget and time.monotonic() - started > budget + GRACE:
            close_stopped(path, budget)
        exit_codes[spider] = code
    summary = invocation_summary(path, after, spiders)
    for spider, code in exit_codes.items():
        if code != 0:
            entry = summary["portals"][spider]
            entry.update(status=CRASHED, failures=max(entry["failures"], 1))
    return CrawlAll(summary)
