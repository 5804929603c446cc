"""A stored version's derived data rewritten with newer rules (`govcrawl reparse`)."""

from __future__ import annotations

from functools import cache

from sqlite_utils import Database

from govcrawl.model import CleanResult, Report
from govcrawl.store import rows
from govcrawl.store.children import delete_children, insert_children
from govcrawl.store.write import page_sha256, store_organ, transaction


def rewrite_report(
    db: Database,
    report_id: int,
    cleaned: CleanResult,
    report: Report,
    *,
    children: bool = True,
) -> None:
    """Replace what govcrawl derived for one stored version (its row's derived
    columns and its numbers, checks and findings), keeping its identity, version,
    page and dates: `govcrawl reparse` with newer rules. children=False: the
    numbers, notes, checks and findings are the stored ones (so is content_hash),
    only the row is rewritten."""
    (portal, url, page_id) = db.conn.execute(
        "select portal, url, page_id from reports where id = ?", [report_id]
    ).fetchone()
    row = rows.report_row(portal, url, page_id, cleaned, report)
    del row["latest"]
    if children:
        row["content_hash"] = rows.content_hash(page_sha256(db, page_id), report)
    with transaction(db):
        row["organ_key"] = store_organ(db, report, portal)
        db.conn.execute(_update_sql("reports", tuple(row)), [*row.values(), report_id])
        if children:
            delete_children(db, report_id)
            insert_children(db, report_id, report)


@cache
def _update_sql(table: str, columns: tuple[str, ...]) -> str:
    assignments = ", ".join(f"[{column}] = ?" for column in columns)
    return f"update [{table}] set {assignments} where id = ?"
