"""A stored report version read back as a Report, and both sides of a comparison in
the store's shape: what `govcrawl reparse` diffs and what a loaded file is checked
against (`govcrawl parse` of the same file must print the same)."""

from __future__ import annotations

import json
from typing import Any

from sqlite_utils import Database

from govcrawl.model import Check, Finding, Report
from govcrawl.store.rows import REQUEST_TABLE_COLUMNS, stored_numbers_of
from govcrawl.template import REVIEW_LITIGATION_KEYS

METADATA = ("source", "title", "agency", "year", "published", "template")


def stored_report(db: Database, report_id: int) -> Report:
    """One stored version as the parse and validate stages produced it."""
    row = db.execute(
        "select source, title, agency, year, published, template from reports"
        " where id = ?",
        [report_id],
    ).fetchone()
    if row is None:
        raise KeyError(f"no report {report_id}")
    report = Report(**dict(zip(METADATA, row, strict=True)))
    _read_requests(db, report_id, report)
    _read_review(db, report_id, report)
    _read_proactive(db, report_id, report)
    report.checks = [
        Check(
            check_id,
            bool(ok),
            message,
            mode,
            json.loads(failures or "[]"),
            json.loads(cells or "[]"),
        )
        for check_id, ok, message, mode, failures, cells in db.execute(
            "select check_id, ok, message, mode, failures, cells from checks"
            " where report_id = ? order by id",
            [report_id],
        ).fetchall()
    ]
    report.findings = [
        Finding(kind, message, where or "")
        for kind, message, where in db.execute(
            'select kind, message, "where" from findings where report_id = ? order by id',
            [report_id],
        ).fetchall()
    ]
    return report


def _read_requests(db: Database, report_id: int, report: Report) -> None:
    for row in db.query(
        "select * from requests where report_id = ? order by rowid", [report_id]
    ):
        table = report.derived if row["derived"] else report.requests
        key = row["row_key"]
        table[key] = {column: row[column] for column in REQUEST_TABLE_COLUMNS}
        _read_notes(report, f"requests.{key}.", row["flags"], row["raw"])


def _read_review(db: Database, report_id: int, report: Report) -> None:
    for row in db.query(
        "select * from review_litigation where report_id = ?", [report_id]
    ):
        report.review_litigation = {key: row[key] for key in REVIEW_LITIGATION_KEYS}
        _read_notes(report, "review_litigation.", row["flags"], row["raw"])


def _read_proactive(db: Database, report_id: int, report: Report) -> None:
    for key, value, raw, flag in db.execute(
        "select key, value, raw, flag from proactive where report_id = ? order by rowid",
        [report_id],
    ).fetchall():
        report.proactive[key] = value
        if raw is not None:
            report.raw[f"proactive.{key}"] = raw
        if flag is not None:
            report.flags[f"proactive.{key}"] = flag


def _read_notes(
    report: Report, prefix: str, flags: str | None, raw: str | None
) -> None:
    for notes, into in ((flags, report.flags), (raw, report.raw)):
        for column, text in json.loads(notes or "{}").items():
            into[prefix + column] = text


def comparable(report: Report) -> dict[str, Any]:
    """A report in the store's shape: numbers as floats, request rows with every
    column, flags and raw notes only where the store keeps them. Two reports the
    store cannot tell apart compare equal."""
    kept = (
        [f"requests.{key}." for key in (*report.requests, *report.derived)]
        + (["review_litigation."] if report.review_litigation else [])
        + [f"proactive.{key}" for key in report.proactive]
    )
    return {
        **{name: getattr(report, name) for name in METADATA},
        **stored_numbers_of(report),
        "flags": _notes(report.flags, kept),
        "raw": _notes(report.raw, kept),
        "checks": [
            [check.id, check.ok, check.mode, check.message, check.failures, check.cells]
            for check in report.checks
        ],
        "findings": [[f.kind, f.message, f.where] for f in report.findings],
    }


def _notes(notes: dict[str, str], kept: list[str]) -> dict[str, str]:
    return {
        path: text
        for path, text in notes.items()
        if any(
            path.startswith(prefix) if prefix.endswith(".") else path == prefix
            for prefix in kept
        )
    }
