"""A stored report version read back as a Report, and both sides of a comparison in
the store's shape: what `govcrawl reparse` diffs and what a loaded file is checked
against (`govcrawl parse` of the same file must print the same)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlite_utils import Database

from govcrawl.model import Check, Finding, Report
from govcrawl.store.rows import REQUEST_TABLE_COLUMNS, stored_numbers_of
from govcrawl.template import REVIEW_LITIGATION_KEYS

METADATA = ("source", "title", "agency", "year", "published", "template")


def stored_report(db: Database, report_id: int) -> Report:
    """One stored version as the parse and validate stages produced it."""
    found = stored_reports(db, [report_id])
    if report_id not in found:
        raise KeyError(f"no report {report_id}")
    return found[report_id]


def stored_reports(db: Database, report_ids: Sequence[int]) -> dict[int, Report]:
    """Several stored versions, one query per table (what `govcrawl reparse` reads
    for each batch)."""
    ids = json.dumps(list(report_ids))
    reports = {
        row[0]: Report(**dict(zip(METADATA, row[1:], strict=True)))
        for row in db.execute(
            "select id, source, title, agency, year, published, template"
            f" from reports where id in {_IDS}",
            [ids],
        ).fetchall()
    }
    _read_requests(db, ids, reports)
    _read_review(db, ids, reports)
    _read_proactive(db, ids, reports)
    for report_id, check_id, ok, message, mode, failures, cells in db.execute(
        "select report_id, check_id, ok, message, mode, failures, cells from checks"
        f" where report_id in {_IDS} order by id",
        [ids],
    ).fetchall():
        check = Check(
            check_id,
            bool(ok),
            message,
            mode,
            json.loads(failures or "[]"),
            json.loads(cells or "[]"),
        )
        reports[report_id].checks.append(check)
    for report_id, kind, message, where in db.execute(
        'select report_id, kind, message, "where" from findings'
        f" where report_id in {_IDS} order by id",
        [ids],
    ).fetchall():
        reports[report_id].findings.append(Finding(kind, message, where or ""))
    return reports


# The ids as one JSON parameter: any number of them in one prepared statement.
_IDS = "(select value from json_each(?))"


def _read_requests(db: Database, ids: str, reports: dict[int, Report]) -> None:
    columns = ", ".join(f"[{column}]" for column in REQUEST_TABLE_COLUMNS)
    for report_id, key, derived, flags, raw, *cells in db.execute(
        f"select report_id, row_key, derived, flags, raw, {columns} from requests"
        f" where report_id in {_IDS} order by rowid",
        [ids],
    ).fetchall():
        report = reports[report_id]
        table = report.derived if derived else report.requests
        table[key] = dict(zip(REQUEST_TABLE_COLUMNS, cells, strict=True))
        _read_notes(report, f"requests.{key}.", flags, raw)


def _read_review(db: Database, ids: str, reports: dict[int, Report]) -> None:
    columns = ", ".join(f"[{key}]" for key in REVIEW_LITIGATION_KEYS)
    for report_id, flags, raw, *cells in db.execute(
        f"select report_id, flags, raw, {columns} from review_litigation"
        f" where report_id in {_IDS}",
        [ids],
    ).fetchall():
        report = reports[report_id]
        report.review_litigation = dict(zip(REVIEW_LITIGATION_KEYS, cells, strict=True))
        _read_notes(report, "review_litigation.", flags, raw)


def _read_proactive(db: Database, ids: str, reports: dict[int, Report]) -> None:
    for report_id, key, value, raw, flag in db.execute(
        "select report_id, key, value, raw, flag from proactive"
        f" where report_id in {_IDS} order by rowid",
        [ids],
    ).fetchall():
        report = reports[report_id]
        report.proactive[key] = value
        if raw is not None:
            report.raw[f"proactive.{key}"] = raw
        if flag is not None:
            report.flags[f"proactive.{key}"] = flag


def _read_notes(
    report: Report, prefix: str, flags: str | None, raw: str | None
) -> None:
    for notes, into in ((flags, report.flags), (raw, report.raw)):
        if not notes:
            continue
        for column, text in json.loads(notes).items():
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
