"""Idempotent, versioned writes: pages as served, reports as parsed, blocked pages."""

from __future__ import annotations

import hashlib
import sqlite3
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from functools import cache
from typing import Literal

from sqlite_utils import Database

from govcrawl.dates import utc_now
from govcrawl.items import BlockedPage, ReportPage
from govcrawl.model import CleanResult, Report
from govcrawl.organs import organ_of
from govcrawl.store import rows
from govcrawl.store.bodies import compress
from govcrawl.store.bodies import page_body as page_body  # browse plugin, tests
from govcrawl.store.children import insert_children
from govcrawl.store.rows import encode_json, encode_sorted
from govcrawl.store.search import index_if_due

Outcome = Literal["new", "unchanged", "changed"]


@dataclass(frozen=True)
class StoreOutcome:
    """What storing one report did: a new report, the same content again, or a new
    version of a report whose content changed."""

    outcome: Outcome
    report_id: int
    version: int


def insert_row(db: Database, table: str, row: rows.Row) -> int:
    """Insert one row and return its integer primary key."""
    with transaction(db):
        cursor = db.conn.execute(_insert_sql(table, tuple(row)), tuple(row.values()))
    last_pk = cursor.lastrowid
    if not isinstance(last_pk, int):
        raise TypeError(f"{table}: insert returned primary key {last_pk!r}")
    return last_pk


def insert_rows(
    db: Database, table: str, batch: list[rows.Row], *, ignore: bool = False
) -> None:
    """Insert rows that share their columns in one statement (executemany): one
    round trip per table, where sqlite-utils' insert_all checks the table first.
    ignore: a row whose unique key is stored already is left as it is."""
    if not batch:
        return
    columns = tuple(batch[0])
    values = [tuple(row[column] for column in columns) for row in batch]
    with transaction(db):
        db.conn.executemany(_insert_sql(table, columns, ignore), values)


def transaction(db: Database) -> AbstractContextManager[object]:
    """A transaction of its own, or none inside the caller's (no savepoint each)."""
    return nullcontext() if db.conn.in_transaction else db.atomic()


@cache
def _insert_sql(table: str, columns: tuple[str, ...], ignore: bool = False) -> str:
    # Table and column names come from rows.py and this module, never from a page.
    names = ", ".join(f"[{column}]" for column in columns)
    marks = ", ".join("?" * len(columns))
    verb = "insert or ignore" if ignore else "insert"
    return f"{verb} into [{table}] ({names}) values ({marks})"


def store_page(db: Database, page: ReportPage | BlockedPage) -> int:
    """Keep the response bytes as served; the same url and bytes are stored once,
    also when two writers store them at the same moment (one immediate transaction)."""
    return _stored_page(db, page)[0]


def _stored_page(db: Database, page: ReportPage | BlockedPage) -> tuple[int, str]:
    """The page's id and sha256, storing it first if it is new. Outside a
    transaction a page stored already costs one read and no write lock."""
    sha256 = hashlib.sha256(page.body).hexdigest()
    url = (page.fetched_url if isinstance(page, BlockedPage) else None) or page.url
    if not db.conn.in_transaction:
        found = _page_id(db, url, sha256)
        if found is not None:
            return found, sha256
    with transaction(db):
        found = _page_id(db, url, sha256)
        if found is None:
            found = insert_row(db, "pages", _page_row(page, url, sha256))
    return found, sha256


def _page_row(page: ReportPage | BlockedPage, url: str, sha256: str) -> rows.Row:
    return {
        "listed": _listed(page),
        "url": url,
        "redirects": encode_json(page.redirects) if page.redirects else None,
        "portal": page.portal,
        "kind": page.kind if isinstance(page, ReportPage) else "blocked",
        "status": page.status,
        "fetched_at": page.fetched_at,
        "headers": encode_sorted(page.headers),
        "compression": "zstd",
        "size": len(page.body),
        "sha256": sha256,
        "body": compress(page.body),
    }


def _page_id(db: Database, url: str, sha256: str) -> int | None:
    found = db.conn.execute(
        "select id from pages where url = ? and sha256 = ?", [url, sha256]
    ).fetchone()
    return None if found is None else int(found[0])


def _listed(page: ReportPage | BlockedPage) -> str | None:
    """What the list said about a report page (title, year, date): the hints the
    flow was given, kept so `govcrawl reparse` gives them again."""
    if not isinstance(page, ReportPage):
        return None
    listed = {"title": page.title, "year": page.year, "published": page.published}
    return encode_json(listed)


def record_blocked(db: Database, page: BlockedPage) -> int:
    """Store a challenge, soft 404 or redirect page and why it is not a report."""
    with db.atomic():
        page_id = store_page(db, page)
        row = {
            "url": page.url,
            "portal": page.portal,
            "reason": page.reason,
            "status": page.status,
            "fetched_at": page.fetched_at,
            "page_id": page_id,
        }
        db.table("blocked_pages").insert(row, ignore=True)
    return page_id


def store_report(
    db: Database,
    *,
    portal: str,
    url: str,
    page_id: int,
    cleaned: CleanResult,
    report: Report,
    seen_at: str | None = None,
) -> StoreOutcome:
    """Store one report; a report is (portal, url), a version is the bytes served
    and the numbers read from them (rows.content_hash)."""
    stored = StoredPage(page_id, page_sha256(db, page_id))
    with transaction(db):
        outcome = _store_version(db, portal, url, stored, cleaned, report, seen_at)
    index_if_due(db, queued=int(outcome.outcome != "unchanged"))
    return outcome


def store_page_report(
    db: Database,
    page: ReportPage,
    cleaned: CleanResult,
    report: Report,
    seen_at: str | None = None,
) -> StoreOutcome:
    """A page and the report read from it in one transaction: one commit, where the
    page's own commit made storing a report 40% dearer."""
    with transaction(db):
        stored = StoredPage(*_stored_page(db, page))
        outcome = _store_version(
            db, page.portal, page.url, stored, cleaned, report, seen_at
        )
    index_if_due(db, queued=int(outcome.outcome != "unchanged"))
    return outcome


@dataclass(frozen=True)
class StoredPage:
    id: int
    sha256: str


def _store_version(
    db: Database,
    portal: str,
    url: str,
    page: StoredPage,
    cleaned: CleanResult,
    report: Report,
    seen_at: str | None,
) -> StoreOutcome:
    """The report's latest version touched when its content is the same, else a new
    version: its row, its organ and its child rows (inside the caller's transaction)."""
    seen = seen_at or utc_now()
    digest = rows.content_hash(page.sha256, report)
    latest = db.conn.execute(
        "select id, version, content_hash from reports"
        " where portal = ? and url = ? order by version desc limit 1",
        [portal, url],
    ).fetchone()
    if latest and latest[2] == digest:
        db.conn.execute(
            "update reports set last_seen = ? where id = ?", [seen, latest[0]]
        )
        return StoreOutcome("unchanged", int(latest[0]), int(latest[1]))
    version = int(latest[1]) + 1 if latest else 1
    if latest:
        db.conn.execute("update reports set latest = 0 where id = ?", [latest[0]])
    row = rows.report_row(portal, url, page.id, cleaned, report)
    row["organ_key"] = store_organ(db, report, portal)
    row.update(version=version, content_hash=digest)
    row.update(first_seen=seen, last_seen=seen)
    report_id = insert_row(db, "reports", row)
    insert_children(db, report_id, report)
    return StoreOutcome("changed" if latest else "new", report_id, version)


def page_sha256(db: Database, page_id: int) -> str:
    found = db.conn.execute(
        "select sha256 from pages where id = ?", [page_id]
    ).fetchone()
    if found is None:
        raise sqlite3.IntegrityError(f"page {page_id} is not stored")
    return str(found[0])


def store_organ(db: Database, report: Report, portal: str) -> str | None:
    organ = organ_of(report.agency, portal)
    if organ is None:
        return None
    region = organ.region
    db.conn.execute(
        "insert into organs (key, name, province, city, county) values (?, ?, ?, ?, ?)"
        " on conflict (key) do update set name = excluded.name,"
        " province = excluded.province, city = excluded.city, county = excluded.county"
        " where (name, province, city, county) is not"
        " (excluded.name, excluded.province, excluded.city, excluded.county)",
        [organ.key, organ.name, region.province, region.city, region.county],
    )
    return organ.key
