"""Idempotent, versioned writes: pages as served, reports as parsed, blocked pages."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zlib
from contextlib import AbstractContextManager, nullcontext
from dataclasses import asdict, dataclass
from functools import cache
from typing import Literal

from sqlite_utils import Database

from govcrawl.dates import utc_now
from govcrawl.items import BlockedPage, ReportPage
from govcrawl.model import CleanResult, Report
from govcrawl.organs import organ_of
from govcrawl.store import rows
from govcrawl.version import PIPELINE_VERSION

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
    with _transaction(db):
        cursor = db.conn.execute(_insert_sql(table, tuple(row)), tuple(row.values()))
    last_pk = cursor.lastrowid
    if not isinstance(last_pk, int):
        raise TypeError(f"{table}: insert returned primary key {last_pk!r}")
    return last_pk


def insert_rows(db: Database, table: str, batch: list[rows.Row]) -> None:
    """Insert rows that share their columns in one statement (executemany): one
    round trip per table, where sqlite-utils' insert_all checks the table first."""
    if not batch:
        return
    columns = tuple(batch[0])
    values = [tuple(row[column] for column in columns) for row in batch]
    with _transaction(db):
        db.conn.executemany(_insert_sql(table, columns), values)


def _transaction(db: Database) -> AbstractContextManager[object]:
    """A transaction of its own, or none inside the caller's (no savepoint each)."""
    return nullcontext() if db.conn.in_transaction else db.atomic()


@cache
def _insert_sql(table: str, columns: tuple[str, ...]) -> str:
    # Table and column names come from rows.py and this module, never from a page.
    names = ", ".join(f"[{column}]" for column in columns)
    marks = ", ".join("?" * len(columns))
    return f"insert into [{table}] ({names}) values ({marks})"


def store_page(db: Database, page: ReportPage | BlockedPage) -> int:
    """Keep the response bytes as served; the same url and bytes are stored once."""
    sha256 = hashlib.sha256(page.body).hexdigest()
    url = (page.fetched_url if isinstance(page, BlockedPage) else None) or page.url
    found = db.conn.execute(
        "select id from pages where url = ? and sha256 = ?", [url, sha256]
    ).fetchone()
    if found:
        return int(found[0])
    kind = page.kind if isinstance(page, ReportPage) else "blocked"
    row = {
        "listed": _listed(page),
        "url": url,
        "redirects": json.dumps(page.redirects) if page.redirects else None,
        "portal": page.portal,
        "kind": kind,
        "status": page.status,
        "fetched_at": page.fetched_at,
        "headers": json.dumps(page.headers, ensure_ascii=False, sort_keys=True),
        "compression": "zlib",
        "size": len(page.body),
        "sha256": sha256,
        "body": zlib.compress(page.body, 9),
    }
    return insert_row(db, "pages", row)


def _listed(page: ReportPage | BlockedPage) -> str | None:
    """What the list said about a report page (title, year, date): the hints the
    flow was given, kept so `govcrawl reparse` gives them again."""
    if not isinstance(page, ReportPage):
        return None
    listed = {"title": page.title, "year": page.year, "published": page.published}
    return json.dumps(listed, ensure_ascii=False)


def page_body(db: Database, page_id: int) -> bytes:
    """The bytes of a stored page exactly as they were served."""
    compression, body = db.execute(
        "select compression, body from pages where id = ?", [page_id]
    ).fetchone()
    if compression != "zlib":
        raise ValueError(f"page {page_id}: unknown compression {compression!r}")
    return zlib.decompress(body)


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
    seen = seen_at or utc_now()
    digest = rows.content_hash(page_sha256(db, page_id), report)
    with db.atomic():
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
        row = _report_row(portal, url, page_id, cleaned, report)
        row["organ_key"] = _store_organ(db, report, portal)
        row.update(version=version, content_hash=digest)
        row.update(first_seen=seen, last_seen=seen)
        report_id = insert_row(db, "reports", row)
        _insert_children(db, report_id, report)
    return StoreOutcome("changed" if latest else "new", report_id, version)


def rewrite_report(
    db: Database, report_id: int, cleaned: CleanResult, report: Report
) -> None:
    """Replace what govcrawl derived for one stored version (its row's derived
    columns and its numbers, checks and findings), keeping its identity, version,
    page and dates: `govcrawl reparse` with newer rules."""
    (portal, url, page_id) = db.execute(
        "select portal, url, page_id from reports where id = ?", [report_id]
    ).fetchone()
    row = _report_row(portal, url, page_id, cleaned, report)
    del row["latest"]
    row["content_hash"] = rows.content_hash(page_sha256(db, page_id), report)
    with db.atomic():
        row["organ_key"] = _store_organ(db, report, portal)
        db.table("reports").update(report_id, row)
        for table in CHILD_TABLES:
            db.execute(f"delete from {table} where report_id = ?", [report_id])
        _insert_children(db, report_id, report)


def page_sha256(db: Database, page_id: int) -> str:
    found = db.execute("select sha256 from pages where id = ?", [page_id]).fetchone()
    if found is None:
        raise sqlite3.IntegrityError(f"page {page_id} is not stored")
    return str(found[0])


def _report_row(
    portal: str, url: str, page_id: int, cleaned: CleanResult, report: Report
) -> rows.Row:
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
        "provenance": json.dumps(report.provenance, ensure_ascii=False),
        "status": rows.report_status(report),
        "failing_checks": " ".join(report.failing_checks) or None,
        "finding_count": len(report.findings),
        "tampered": int(cleaned.tampered),
        "pinyin": int(cleaned.pinyin),
        "converted": int(cleaned.converted),
        "mirror": int(cleaned.mirror),
        "script": cleaned.script,
        "encoding": cleaned.encoding,
        "removed": json.dumps(
            [asdict(removal) for removal in cleaned.removed], ensure_ascii=False
        ),
        "source": report.source,
        "text": cleaned.text,
        "pipeline_version": PIPELINE_VERSION,
    }


def _store_organ(db: Database, report: Report, portal: str) -> str | None:
    organ = organ_of(report.agency, portal)
    if organ is None:
        return None
    region = asdict(organ.region)
    db.table("organs").insert(
        {"key": organ.key, "name": organ.name, **region}, replace=True
    )
    return organ.key


CHILD_TABLES = ("requests", "review_litigation", "proactive", "checks", "findings")


def _insert_children(db: Database, report_id: int, report: Report) -> None:
    tables = {
        "requests": rows.request_rows,
        "review_litigation": rows.review_litigation_rows,
        "proactive": rows.proactive_rows,
        "checks": rows.check_rows,
        "findings": rows.finding_rows,
    }
    for table, make_rows in tables.items():
        insert_rows(db, table, make_rows(report_id, report))
