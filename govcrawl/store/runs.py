"""One crawl_runs row per spider run: a run that stored no report has failed."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from govcrawl.dates import utc_now
from govcrawl.store.write import Outcome, insert_row


@dataclass
class RunCounts:
    """What one run stored, counted as it goes."""

    pages: int = 0
    blocked: int = 0
    outcomes: Counter[Outcome] = field(default_factory=Counter)

    @property
    def reports(self) -> int:
        return sum(self.outcomes.values())

    def summary(self) -> str:
        return (
            f"{self.reports} reports ({self.outcomes['new']} new, "
            f"{self.outcomes['unchanged']} unchanged, {self.outcomes['changed']} "
            f"changed), {self.pages} pages, {self.blocked} blocked"
        )


def run_status(counts: RunCounts, failures: int) -> str:
    if counts.reports == 0:
        return "failed"
    return "failures" if failures else "ok"


def start_run(db: Database, spider: str, *, started: str | None = None) -> int:
    row = {"spider": spider, "started": started or utc_now(), "status": "running"}
    return insert_row(db, "crawl_runs", row)


def finish_run(
    db: Database,
    run_id: int,
    counts: RunCounts,
    *,
    requests: int = 0,
    failures: int = 0,
    stats: dict[str, Any] | None = None,
    reason: str | None = None,
) -> str:
    """Close the run's row with its counts (reason: why a failed run stored no
    report); returns the run's status."""
    status = run_status(counts, failures)
    db.table("crawl_runs").update(
        run_id,
        {
            "finished": utc_now(),
            "pages": counts.pages,
            "requests": requests,
            "reports": counts.reports,
            "reports_new": counts.outcomes["new"],
            "reports_unchanged": counts.outcomes["unchanged"],
            "reports_changed": counts.outcomes["changed"],
            "blocked": counts.blocked,
            "failures": failures,
            "status": status,
            "reason": reason,
            "stats": json.dumps(stats or {}, ensure_ascii=False, default=str),
        },
    )
    return status
