"""Completeness of the lists a run read: one list_pages row per list page fetched,
and when the run closes, each list (its first page and the pages its pager led to)
measured against the total it declares. A run that stored no report says why."""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from govcrawl.items import ListPageSeen
from govcrawl.store.write import insert_row

NO_TOTAL = "no total declared"


def record_list_page(db: Database, page: ListPageSeen, run_id: int | None) -> int:
    row = {
        "run_id": run_id,
        "url": page.url,
        "portal": page.portal,
        "adapter": page.adapter,
        "list_url": page.list_url,
        "entries": page.entries,
        "fresh": page.fresh,
        "reports": page.reports,
        "declared": page.declared,
        "declared_min": page.declared_min,
        "declared_from": page.declared_from,
        "pages": page.pages,
        "gap": page.gap,
        "charset_conflict": page.charset_conflict,
        "fetched_at": page.fetched_at,
    }
    return insert_row(db, "list_pages", row)


def list_verdict(list_: dict[str, Any]) -> tuple[int | None, str | None]:
    """complete (1, 0, or None when the list declares no total) and why not."""
    if list_["declared"] is None:
        return None, NO_TOTAL
    if list_["found"] >= list_["declared_min"]:
        return 1, None
    reason = (
        f"found {list_['found']} of {list_['declared']} entries declared "
        f"({list_['declared_from']})"
    )
    return 0, f"{reason}; {list_['gap']}" if list_["gap"] else reason


SETTLE_SQL = """
select list_url, sum(fresh) as found, max(declared) as declared,
  max(declared_min) as declared_min, max(declared_from) as declared_from,
  max(gap) as gap
from list_pages where run_id = ? group by list_url
"""


def settle_lists(db: Database, run_id: int) -> list[dict[str, Any]]:
    """Write found, complete and reason on every list page of the run; returns the
    lists that came up short."""
    short = []
    with db.atomic():
        for list_ in db.query(SETTLE_SQL, [run_id]):
            complete, reason = list_verdict(list_)
            db.execute(
                "update list_pages set found = ?, complete = ?, reason = ?"
                " where run_id = ? and list_url = ?",
                [list_["found"], complete, reason, run_id, list_["list_url"]],
            )
            if complete == 0:
                short.append(list_ | {"reason": reason})
    return short


def run_reason(db: Database, run_id: int, *, blocked: int, failed: int) -> str:
    """Why a run stored no report: no list reached, no report title listed, or
    every report row blocked or failed."""
    (lists, entries, rows) = db.execute(
        "select count(*), coalesce(sum(entries), 0), coalesce(sum(reports), 0)"
        " from list_pages where run_id = ?",
        [run_id],
    ).fetchone()
    if lists == 0:
        return f"no list page reached (no annual-report column found); {blocked} blocked, {failed} failed"
    if rows == 0:
        return f"no report title among {entries} entries on {lists} list pages"
    return f"{rows} report rows listed, none stored: {blocked} blocked, {failed} failed"
