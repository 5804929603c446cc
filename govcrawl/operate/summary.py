"""What one invocation (`govcrawl crawl-all`, `govcrawl demo`) did per portal, read
back from the crawl_runs rows it wrote, as one JSON line."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sqlite_utils import Database

RUN_COLUMNS = (
    "requests",
    "reports_new",
    "reports_unchanged",
    "reports_changed",
    "failures",
)
# Stats the incremental middleware keeps (govcrawl/operate/incremental.py).
NOT_MODIFIED = "govcrawl/incremental/not_modified"
BYTES_SAVED = "govcrawl/incremental/bytes_saved"
# A spider that never opened its store (it crashed before crawling) has no row.
MISSING = "missing"


def last_run_id(db: Database) -> int:
    """Runs of an invocation are the crawl_runs rows after this id."""
    if not db.table("crawl_runs").exists():
        return 0
    (last,) = db.execute("select coalesce(max(id), 0) from crawl_runs").fetchone()
    return int(last)


def runs_after(db: Database, run_id: int) -> list[dict[str, Any]]:
    return list(db.query("select * from crawl_runs where id > ? order by id", [run_id]))


def portal_entry(run: dict[str, Any]) -> dict[str, Any]:
    stats = json.loads(run["stats"] or "{}")
    entry = {column: run[column] or 0 for column in RUN_COLUMNS}
    entry["not_modified"] = stats.get(NOT_MODIFIED, 0)
    entry["bytes_saved"] = stats.get(BYTES_SAVED, 0)
    entry["status"] = run["status"]
    if run.get("reason"):
        entry["reason"] = run["reason"]  # why a failed run stored no report
    return entry


def missing_entry() -> dict[str, Any]:
    entry: dict[str, Any] = dict.fromkeys(RUN_COLUMNS, 0)
    entry.update(failures=1, not_modified=0, bytes_saved=0, status=MISSING)
    return entry


def summarize(
    runs: Iterable[dict[str, Any]], spiders: Iterable[str] = ()
) -> dict[str, Any]:
    """{"portals": {slug: counts}}; a spider in `spiders` without a run is missing."""
    portals = {run["spider"]: portal_entry(run) for run in runs}
    for spider in spiders:
        portals.setdefault(spider, missing_entry())
    return {"portals": portals}


def failed_portals(summary: dict[str, Any]) -> list[str]:
    """Portals whose run did not end ok: no report stored, errors logged, or no run."""
    return sorted(
        slug for slug, entry in summary["portals"].items() if entry["status"] != "ok"
    )


def summary_line(summary: dict[str, Any]) -> str:
    return json.dumps(summary, ensure_ascii=False, sort_keys=True)


def invocation_summary(
    path: str, after_id: int, spiders: Iterable[str] = ()
) -> dict[str, Any]:
    """The summary of the runs written to the SQLite file at path after after_id."""
    db = Database(path)
    try:
        return summarize(runs_after(db, after_id), spiders)
    finally:
        db.close()
