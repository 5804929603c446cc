"""A stored version's child rows (numbers, checks, findings): one prepared insert
per table, all of a report's rows in one executemany."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from sqlite_utils import Database

from govcrawl.model import Report
from govcrawl.store import rows

ROWS: dict[str, Callable[[int, Report], list[rows.Values]]] = {
    "requests": rows.request_rows,
    "review_litigation": rows.review_litigation_rows,
    "proactive": rows.proactive_rows,
    "checks": rows.check_rows,
    "findings": rows.finding_rows,
}
CHILD_TABLES = tuple(ROWS)


@cache
def _insert_sql(table: str) -> str:
    # Table and column names come from rows.COLUMNS, never from a page.
    columns = rows.COLUMNS[table]
    names = ", ".join(f"[{column}]" for column in columns)
    return f"insert into [{table}] ({names}) values ({', '.join('?' * len(columns))})"


def insert_children(db: Database, report_id: int, report: Report) -> None:
    """Every child row of one version, inside the caller's transaction."""
    for table, make_rows in ROWS.items():
        values = make_rows(report_id, report)
        if values:
            db.conn.executemany(_insert_sql(table), values)


def delete_children(db: Database, report_id: int) -> None:
    for table in CHILD_TABLES:
        db.conn.execute(f"delete from [{table}] where report_id = ?", [report_id])
