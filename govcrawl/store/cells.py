"""A report's printed cells by path, from a parsed report or a stored version, and
the cells where two sources of one report differ."""

from __future__ import annotations

from sqlite_utils import Database

from govcrawl.model import Number, Report
from govcrawl.store.rows import REQUEST_TABLE_COLUMNS
from govcrawl.template import REVIEW_LITIGATION_KEYS

Cells = dict[str, float | None]


def report_numbers(report: Report) -> Cells:
    """Every printed cell of a parsed report by path: proactive.<key>,
    requests.<row>.<column>, review_litigation.<key>."""
    cells: Cells = {f"proactive.{k}": _num(v) for k, v in report.proactive.items()}
    for row_key, columns in report.requests.items():
        for column, value in columns.items():
            cells[f"requests.{row_key}.{column}"] = _num(value)
    for key, value in report.review_litigation.items():
        cells[f"review_litigation.{key}"] = _num(value)
    return cells


def stored_numbers(db: Database, report_id: int) -> Cells:
    """The same paths read back from a stored version's tables."""
    cells: Cells = {}
    for key, value in db.execute(
        "select key, value from proactive where report_id = ?", [report_id]
    ).fetchall():
        cells[f"proactive.{key}"] = _num(value)
    for row in db.query(
        "select * from requests where report_id = ? and derived = 0", [report_id]
    ):
        for column in REQUEST_TABLE_COLUMNS:
            cells[f"requests.{row['row_key']}.{column}"] = _num(row[column])
    for row in db.query(
        "select * from review_litigation where report_id = ?", [report_id]
    ):
        for key in REVIEW_LITIGATION_KEYS:
            cells[f"review_litigation.{key}"] = _num(row[key])
    return cells


def differing_cells(left_cells: Cells, right_cells: Cells) -> list[str]:
    """Paths whose values differ, a cell missing on one side counting as blank;
    named as `path left≠right`."""
    found = []
    for path in sorted(set(left_cells) | set(right_cells)):
        left, right = left_cells.get(path), right_cells.get(path)
        if left != right:
            found.append(f"{path} {_show(left)}≠{_show(right)}")
    return found


def _num(value: Number | float | None) -> float | None:
    return None if value is None else float(value)


def _show(value: float | None) -> str:
    if value is None:
        return "blank"
    return str(int(value)) if value == int(value) else str(value)
