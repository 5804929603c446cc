"""Seeds as hand-built reports for the store tests: numbers from the expected JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from govcrawl.items import ReportPage
from govcrawl.model import Check, CleanResult, Report
from govcrawl.store import StoreOutcome, store_page_report
from govcrawl.template import SUBTOTALS

SEEDS = Path(__file__).parent / "fixtures" / "seeds"
YUANJIANG = "001_49603480a1e8c436"
TABLES = (
    "pages",
    "reports",
    "requests",
    "review_litigation",
    "proactive",
    "checks",
    "findings",
)


def expected_report(stem: str) -> Report:
    """A report as the parser should produce it, built from the seed's expected JSON;
    the derived subtotals are sums of the printed leaf rows (spec §3.2)."""
    expected = json.loads((SEEDS / "expected" / f"{stem}.json").read_text())
    failing = {line.split()[0]: line for line in expected["failing_checks"]}
    report = Report(
        source=expected["seed"],
        title=expected["title"],
        agency=expected["agency"],
        year=expected["year"],
        published=expected["published"],
        template=expected["template"],
        proactive=dict(expected["proactive"]),
        requests={k: dict(v) for k, v in expected["requests"].items()},
        review_litigation=dict(expected["review_litigation"]),
        checks=[
            Check(f"B{n}", f"B{n}" not in failing, failing.get(f"B{n}", "ok"))
            for n in range(1, 8)
        ],
    )
    report.derived = {
        subtotal: {
            column: sum(report.requests[row][column] or 0 for row in rows)
            for column in report.requests["granted"]
        }
        for subtotal, rows in SUBTOTALS.items()
    }
    return report


def seed_report(stem: str) -> tuple[ReportPage, CleanResult, Report]:
    """A seed as a fetched page, its cleaned text and its expected report."""
    report = expected_report(stem)
    body = (SEEDS / f"{stem}.txt").read_bytes()
    page = ReportPage(
        url=f"http://127.0.0.1/{stem}.html",
        portal="seeds",
        title=report.title or "",
        year=report.year,
        published=report.published,
        body=body,
        headers={"Content-Type": "text/plain; charset=utf-8"},
        status=200,
        fetched_at="2026-11-22T03:00:00+00:00",
    )
    return page, CleanResult(text=body.decode(), html=""), report


def store_seed(
    db: Database, page: ReportPage, cleaned: CleanResult, report: Report
) -> StoreOutcome:
    return store_page_report(db, page, cleaned, report)


def counts(db: Database) -> dict[str, int]:
    return {table: db.table(table).count for table in TABLES}


def expected_seeds() -> list[dict[str, Any]]:
    """Every seed's expected JSON, in seed order."""
    return [
        json.loads(path.read_text())
        for path in sorted((SEEDS / "expected").glob("*.json"))
    ]
