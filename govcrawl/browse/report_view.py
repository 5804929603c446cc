"""What the report page shows, read from the store: a report version's metadata, its
three tables as printed with each cell's value and marks, its checks with the cells
they name, its findings, and its other versions with what changed."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from govcrawl.browse.layout import (
    BodyRow,
    Layout,
    proactive_layout,
    requests_layout,
    review_layout,
)
from govcrawl.store.cells import differing_cells, stored_numbers
from govcrawl.store.rows import REQUEST_TABLE_COLUMNS
from govcrawl.template import REVIEW_LITIGATION_KEYS


@dataclass
class Cell:
    value: Any = None
    flag: str | None = None
    raw: str | None = None
    derived: bool = False
    failing: list[str] = field(default_factory=list)

    @property
    def marks(self) -> list[str]:
        marks = [self.flag] if self.flag else []
        if self.derived and "derived" not in marks:
            marks.append("derived")
        if self.value is None and not marks:
            marks.append("blank")
        return marks + [f"fails-{check}" for check in self.failing]

    @property
    def hard_failing(self) -> bool:
        """Part of a failing identity B1–B7; soft checks (T…) are marked apart."""
        return any(check.startswith("B") for check in self.failing)


@dataclass
class ShownRow:
    label: str
    cells: list[Cell | None]
    group: bool = False
    derived: bool = False


@dataclass
class ShownTable:
    title: str
    header: Any
    rows: list[ShownRow]


def report_view(conn: sqlite3.Connection, report_id: int) -> dict[str, Any] | None:
    db = Database(conn)
    found = list(db.query("select * from reports where id = ?", [report_id]))
    if not found:
        return None
    report = found[0]
    checks = list(db.query("select * from checks where report_id = ?", [report_id]))
    cells = _cells(db, report_id)
    _mark_failing(cells, checks)
    printed = {path.split(".")[1] for path in cells if path.startswith("requests.")}
    tables = [
        *(_fill(layout, cells) for layout in proactive_layout(report["template"])),
        _fill(requests_layout(printed), cells),
        _fill(review_layout(), cells),
    ]
    return {
        "report": report,
        "organ": _organ(db, report.get("organ_key")),
        "tables": tables,
        "checks": [_check(check) for check in checks],
        "cross_checks": _cross_checks(db, report_id),
        "findings": list(
            db.query(
                "select * from findings where report_id = ? order by id", [report_id]
            )
        ),
        "versions": _versions(db, report),
    }


def _cells(db: Database, report_id: int) -> dict[str, Cell]:
    cells: dict[str, Cell] = {}
    for row in db.query("select * from proactive where report_id = ?", [report_id]):
        value = row["value"]
        if isinstance(value, float) and value.is_integer() and row["unit"] != "万元":
            value = int(value)
        cells[f"proactive.{row['key']}"] = Cell(value, row["flag"], row["raw"])
    for row in db.query("select * from requests where report_id = ?", [report_id]):
        flags, raws = _notes(row)
        for column in REQUEST_TABLE_COLUMNS:
            path = f"requests.{row['row_key']}.{column}"
            if row["derived"] and path in cells:
                continue
            cell = Cell(row[column], flags.get(column), raws.get(column))
            cell.derived = bool(row["derived"])
            cells[path] = cell
    for row in db.query(
        "select * from review_litigation where report_id = ?", [report_id]
    ):
        flags, raws = _notes(row)
        for key in REVIEW_LITIGATION_KEYS:
            cells[f"review_litigation.{key}"] = Cell(
                row[key], flags.get(key), raws.get(key)
            )
    return cells


def _notes(row: dict[str, Any]) -> tuple[dict[str, str], dict[str, str]]:
    return json.loads(row["flags"] or "{}"), json.loads(row["raw"] or "{}")


def _mark_failing(cells: dict[str, Cell], checks: list[dict[str, Any]]) -> None:
    for check in checks:
        if check["ok"]:
            continue
        for path in json.loads(check.get("cells") or "[]"):
            cells.setdefault(path, Cell()).failing.append(check["check_id"])


def _fill(layout: Layout, cells: dict[str, Cell]) -> ShownTable:
    rows = [_fill_row(row, cells) for row in layout.rows]
    return ShownTable(layout.title, layout.header, rows)


def _fill_row(row: BodyRow, cells: dict[str, Cell]) -> ShownRow:
    shown: list[Cell | None] = [
        cells.get(path, Cell()) if path else None for path in row.paths
    ]
    return ShownRow(row.label, shown, row.group, row.derived)


def _check(check: dict[str, Any]) -> dict[str, Any]:
    return {**check, "cells": json.loads(check.get("cells") or "[]")}


def _organ(db: Database, key: str | None) -> dict[str, Any] | None:
    if not key:
        return None
    found = list(db.query("select * from organs where key = ?", [key]))
    return found[0] if found else None


def _cross_checks(db: Database, report_id: int) -> list[dict[str, Any]]:
    return list(
        db.query(
            "select * from cross_checks where (report_id = :id or other_report_id = :id)"
            " and check_id not like 'T%' order by check_id",
            {"id": report_id},
        )
    )


def _versions(db: Database, report: dict[str, Any]) -> list[dict[str, Any]]:
    """The report's other versions, each with the cells that differ from this one."""
    here = stored_numbers(db, report["id"])
    others = db.query(
        "select id, version, latest, first_seen, last_seen, status, title, content_hash"
        " from reports where portal = ? and url = ? and id != ? order by version",
        [report["portal"], report["url"], report["id"]],
    )
    return [
        {**other, "changed": differing_cells(stored_numbers(db, other["id"]), here)}
        for other in others
    ]
