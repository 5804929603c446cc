"""A parsed report as SQLite rows: one function per table, pure, no database access.

Child rows are tuples in the order of their table's COLUMNS: a report has some 50 of
them, and building a dict per row (then a tuple from it) was a fifth of the time
spent storing one."""

from __future__ import annotations

import hashlib
import json
from dataclasses import fields
from functools import cache
from typing import Any

from govcrawl.model import CleanResult, Number, Removal, Report
from govcrawl.template import IDENTITIES, REQUEST_COLUMNS, REVIEW_LITIGATION_KEYS
from govcrawl.version import PIPELINE_VERSION

Row = dict[str, Any]
Values = tuple[Any, ...]

# spec §3.1: the sum of the five organisation columns, derived and never printed.
DERIVED_REQUEST_COLUMNS = ("legal_entity_subtotal",)
REQUEST_TABLE_COLUMNS = (*REQUEST_COLUMNS, *DERIVED_REQUEST_COLUMNS)
EQUATIONS = {identity.id: identity.equation for identity in IDENTITIES}
_REQUEST_KEYS = frozenset(REQUEST_TABLE_COLUMNS)
_REVIEW_KEYS = frozenset(REVIEW_LITIGATION_KEYS)

# What json.dumps(value, ensure_ascii=False) gives, without building an encoder for
# each of a report's twenty-odd JSON cells.
encode_json = json.JSONEncoder(ensure_ascii=False).encode
encode_sorted = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode

# Each child table's columns, in the order its rows' values come.
COLUMNS = {
    "requests": (
        "report_id",
        "row_key",
        "derived",
        *REQUEST_TABLE_COLUMNS,
        "flags",
        "raw",
    ),
    "review_litigation": ("report_id", *REVIEW_LITIGATION_KEYS, "flags", "raw"),
    "proactive": ("report_id", "key", "value", "raw", "unit", "flag", "template"),
    "checks": (
        "report_id",
        "check_id",
        "ok",
        "mode",
        "message",
        "equation",
        "failures",
        "cells",
    ),
    "findings": ("report_id", "kind", "message", "where"),
}


@cache
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


def content_hash(page_sha256: str, report: Report) -> str:
    """sha256 over the served bytes (their sha256) and every number read from them:
    a version's identity. Neither the cleaned text nor the metadata count, so a change
    in govcrawl's own rules never makes a new version (PIPELINE_VERSION records it)."""
    content = {"page": page_sha256, **stored_numbers_of(report)}
    return hashlib.sha256(encode_sorted(content).encode()).hexdigest()


def stored_numbers_of(report: Report) -> Row:
    """A report's numbers in the shape the store keeps them (and reads them back):
    floats for table 二, every column of a table-三 row, every table-四 key."""
    review = report.review_litigation
    return {
        "proactive": {key: _real(value) for key, value in report.proactive.items()},
        "requests": {key: _full_row(cells) for key, cells in report.requests.items()},
        "derived": {key: _full_row(cells) for key, cells in report.derived.items()},
        "review_litigation": (
            {key: review.get(key) for key in REVIEW_LITIGATION_KEYS} if review else {}
        ),
    }


def _full_row(cells: dict[str, int | None]) -> dict[str, int | None]:
    return {column: cells.get(column) for column in REQUEST_TABLE_COLUMNS}


def _known(values: dict[str, Any], allowed: frozenset[str], where: str) -> None:
    if values.keys() <= allowed:
        return
    unknown = sorted(set(values) - allowed)
    raise ValueError(f"{where}: keys not in the template: {', '.join(unknown)}")


def request_rows(report_id: int, report: Report) -> list[Values]:
    notes = _notes_under(report, "requests.")
    rows = []
    for derived, table in ((0, report.requests), (1, report.derived)):
        for row_key, cells in table.items():
            _known(cells, _REQUEST_KEYS, f"requests row {row_key}")
            rows.append(
                (
                    report_id,
                    row_key,
                    derived,
                    *map(cells.get, REQUEST_TABLE_COLUMNS),
                    *_cell_notes(notes, f"requests.{row_key}."),
                )
            )
    return rows


Notes = tuple[list[tuple[str, str]], list[tuple[str, str]]]


def _notes_under(report: Report, table: str) -> Notes:
    """The flags and raw texts of one table's cells (paths "<table><row>.<column>"):
    most reports have a handful, so each row then looks through these alone."""
    return (
        [item for item in report.flags.items() if item[0].startswith(table)],
        [item for item in report.raw.items() if item[0].startswith(table)],
    )


def _cell_notes(notes: Notes, prefix: str) -> tuple[str | None, str | None]:
    """The parser's flags and raw texts for the cells under one path prefix, as JSON
    objects keyed by column (flags, then raw)."""
    if not notes[0] and not notes[1]:
        return None, None
    found = [
        {
            path.removeprefix(prefix): text
            for path, text in paths
            if path.startswith(prefix)
        }
        for paths in notes
    ]
    return (
        encode_json(found[0]) if found[0] else None,
        encode_json(found[1]) if found[1] else None,
    )


def review_litigation_rows(report_id: int, report: Report) -> list[Values]:
    values = report.review_litigation
    if not values:
        return []
    _known(values, _REVIEW_KEYS, "review_litigation")
    prefix = "review_litigation."
    notes = _cell_notes(_notes_under(report, prefix), prefix)
    return [(report_id, *map(values.get, REVIEW_LITIGATION_KEYS), *notes)]


def proactive_rows(report_id: int, report: Report) -> list[Values]:
    raw, flags = report.raw, report.flags
    return [
        (
            report_id,
            key,
            _real(value),
            raw.get(f"proactive.{key}"),
            proactive_unit(key),
            flags.get(f"proactive.{key}"),
            report.template,
        )
        for key, value in report.proactive.items()
    ]


def _real(value: Number) -> float | None:
    return None if value is None else float(value)


def check_rows(report_id: int, report: Report) -> list[Values]:
    return [
        (
            report_id,
            check.id,
            int(check.ok),
            check.mode,
            check.message,
            EQUATIONS.get(check.id),
            encode_json(check.failures),
            encode_json(check.cells),
        )
        for check in report.checks
    ]


def finding_rows(report_id: int, report: Report) -> list[Values]:
    return [
        (report_id, finding.kind, finding.message, finding.where)
        for finding in report.findings
    ]


_REMOVAL_FIELDS = tuple(field.name for field in fields(Removal))


def report_row(
    portal: str, url: str, page_id: int, cleaned: CleanResult, report: Report
) -> Row:
    removed = [
        {name: getattr(removal, name) for name in _REMOVAL_FIELDS}
        for removal in cleaned.removed
    ]
    return {
        "portal": portal,
        "url": url,
        "latest": 1,
        "page_id": page_id,
        "agency": report.agency,
        "year": report.year,
        "template": report.template,
        "title": report.title,
        "published": report.published,
        "provenance": encode_json(report.provenance),
        "status": report_status(report),
        "failing_checks": " ".join(report.failing_checks) or None,
        "finding_count": len(report.findings),
        "tampered": int(cleaned.tampered),
        "pinyin": int(cleaned.pinyin),
        "converted": int(cleaned.converted),
        "mirror": int(cleaned.mirror),
        "script": cleaned.script,
        "encoding": cleaned.encoding,
        "removed": encode_json(removed),
        "source": report.source,
        "text": cleaned.text,
        "pipeline_version": PIPELINE_VERSION,
    }
