"""A parsed report as SQLite rows: one function per table, pure, no database access."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from govcrawl.model import CleanResult, Number, Report
from govcrawl.template import IDENTITIES, REQUEST_COLUMNS, REVIEW_LITIGATION_KEYS

Row = dict[str, Any]

# spec §3.1: the sum of the five organisation columns, derived and never printed.
DERIVED_REQUEST_COLUMNS = ("legal_entity_subtotal",)
REQUEST_TABLE_COLUMNS = (*REQUEST_COLUMNS, *DERIVED_REQUEST_COLUMNS)
EQUATIONS = {identity.id: identity.equation for identity in IDENTITIES}


def proactive_unit(key: str) -> str:
    """Unit of a table-二 value, from its key (spec §2)."""
    if key.endswith("_amount_wan"):
        return "万元"
    if key.endswith(("_prev_items", "_items_change", "_items")):
        return "项"
    return "件"


def report_status(report: Report) -> str:
    """One word for the report's state; the checks and findings tables say why.
    Findings alone do not change it: many are notes (a script conversion, a variant)."""
    tables = (report.proactive, report.requests, report.review_litigation)
    if report.template is None or not all(tables):
        return "incomplete"
    if not report.checks:
        return "unvalidated"
    if report.failing_checks:
        return "identity_failures"
    return "ok"


def content_hash(cleaned: CleanResult, report: Report) -> str:
    """sha256 over the cleaned text and every parsed number: a report's content id."""
    content = {
        "text": cleaned.text,
        "proactive": report.proactive,
        "requests": report.requests,
        "derived": report.derived,
        "review_litigation": report.review_litigation,
    }
    encoded = json.dumps(content, sort_keys=True, ensure_ascii=False).encode()
    return hashlib.sha256(encoded).hexdigest()


def _known(values: dict[str, Any], allowed: tuple[str, ...], where: str) -> None:
    unknown = sorted(set(values) - set(allowed))
    if unknown:
        raise ValueError(f"{where}: keys not in the template: {', '.join(unknown)}")


def request_rows(report_id: int, report: Report) -> list[Row]:
    rows = []
    for derived, table in ((0, report.requests), (1, report.derived)):
        for row_key, cells in table.items():
            _known(cells, REQUEST_TABLE_COLUMNS, f"requests row {row_key}")
            rows.append(
                {
                    "report_id": report_id,
                    "row_key": row_key,
                    "derived": derived,
                    **{column: cells.get(column) for column in REQUEST_TABLE_COLUMNS},
                    **_cell_notes(report, f"requests.{row_key}."),
                }
            )
    return rows


def _cell_notes(report: Report, prefix: str) -> Row:
    """The parser's flags and raw texts for the cells under one path prefix, as JSON
    objects keyed by column (report.flags/raw use "requests.<row>.<column>" paths)."""
    notes: Row = {}
    for name, paths in (("flags", report.flags), ("raw", report.raw)):
        found = {
            path.removeprefix(prefix): text
            for path, text in paths.items()
            if path.startswith(prefix)
        }
        notes[name] = json.dumps(found, ensure_ascii=False) if found else None
    return notes


def review_litigation_rows(report_id: int, report: Report) -> list[Row]:
    values = report.review_litigation
    if not values:
        return []
    _known(values, REVIEW_LITIGATION_KEYS, "review_litigation")
    cells = {key: values.get(key) for key in REVIEW_LITIGATION_KEYS}
    notes = _cell_notes(report, "review_litigation.")
    return [{"report_id": report_id, **cells, **notes}]


def proactive_rows(report_id: int, report: Report) -> list[Row]:
    return [
        {
            "report_id": report_id,
            "key": key,
            "value": _real(value),
            "raw": report.raw.get(f"proactive.{key}"),
            "unit": proactive_unit(key),
            "flag": report.flags.get(f"proactive.{key}"),
            "template": report.template,
        }
        for key, value in report.proactive.items()
    ]


def _real(value: Number) -> float | None:
    return None if value is None else float(value)


def check_rows(report_id: int, report: Report) -> list[Row]:
    return [
        {
            "report_id": report_id,
            "check_id": check.id,
            "ok": int(check.ok),
            "mode": check.mode,
            "message": check.message,
            "equation": EQUATIONS.get(check.id),
            "failures": json.dumps(check.failures, ensure_ascii=False),
            "cells": json.dumps(check.cells, ensure_ascii=False),
        }
        for check in report.checks
    ]


def finding_rows(report_id: int, report: Report) -> list[Row]:
    return [
        {
            "report_id": report_id,
            "kind": finding.kind,
            "message": finding.message,
            "where": finding.where,
        }
        for finding in report.findings
    ]
