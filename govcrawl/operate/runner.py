"""Run portal spiders one after another, each in its own `scrapy crawl` process, into
one SQLite file, and summarize what this invocation stored.

A process per spider keeps one portal's crash (or a browser that will not start) from
taking the others down, and keeps the store's writes to one writer at a time."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import govcrawl
from govcrawl.operate.children import die_with_parent
from govcrawl.operate.summary import failed_portals, invocation_summary, last_run_id
from govcrawl.store import open_db

SETTINGS_MODULE = "govcrawl.settings"
# Where spiders/ and pipelines/ live when govcrawl runs from a checkout.
PROJECT = Path(govcrawl.__file__).resolve().parents[1]
CRASHED = "crashed"


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


def run_spider(spider: str, settings: Sequence[str]) -> int:
    """`scrapy crawl spider -s ...`; its log goes to our stderr."""
    command = crawl_command(spider, settings)
    # Dies with us: a killed `govcrawl demo` left its crawl running.
    done = subprocess.run(
        command, env=scrapy_env(), check=False, preexec_fn=die_with_parent
    )
    return done.returncode


def crawl_spiders(
    spiders: Sequence[str], db: str | Path, settings: Sequence[str] = ()
) -> CrawlAll:
    """Crawl each spider into db (later `settings` win); one crawl_runs row each."""
    path = str(Path(db).resolve())
    store = open_db(path)
    after = last_run_id(store)
    store.close()
    exit_codes = {
        spider: run_spider(spider, [*settings, f"GOVCRAWL_DB={path}"])
        for spider in spiders
    }
    summary = invocation_summary(path, after, spiders)
    for spider, code in exit_codes.items():
        if code != 0:
            entry = summary["portals"][spider]
            entry.update(status=CRASHED, failures=max(entry["failures"], 1))
    return CrawlAll(summary)
