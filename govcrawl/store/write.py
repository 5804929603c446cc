"""Idempotent, versioned writes: pages as served, reports as parsed, blocked pages."""

from __future__ import annotations

import hashlib
import json
import zlib
from dataclasses import asdict, dataclass
from typing import Literal

from sqlite_utils import Database

from govcrawl.dates import utc_now
from govcrawl.items import BlockedPage, ReportPage
from govcrawl.model import CleanResult, Report
from govcrawl.organs import organ_of
from govcrawl.store import rows

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
    last_pk = db.table(table).insert(row).last_pk
    if not isinstance(last_pk, int):
        raise TypeError(f"{table}: insert returned primary key {last_pk!r}")
    return last_pk


def store_page(db: Database, page: ReportPage | BlockedPage) -> int:
    """Keep the response bytes as served; the same url and bytes are stored once."""
    sha256 = hashlib.sha256(page.body).hexdigest()
    found = db.execute(
        "select id from pages where url = ? and sha256 = ?", [page.url, sha256]
    ).fetchone()
    if found:
        return int(found[0])
    kind = page.kind if isinstance(page, ReportPage) else "blocked"
    row = {
        "url": page.url,
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
    """Store one report; a report is (portal, url), its content is text + numbers."""
    seen = seen_at or utc_now()
    digest = rows.content_hash(cleaned, report)
    latest = db.execute(
        "select id, version, content_hash from reports"
        " where portal = ? and url = ? order by version desc limit 1",
        [portal, url],
    ).fetchone()
    if latest and latest[2] == digest:
        db.execute("update reports set last_seen = ? where id = ?", [seen, latest[0]])
        return StoreOutcome("unchanged", int(latest[0]), int(latest[1]))
    version = int(latest[1]) + 1 if latest else 1
    with db.atomic():
        if latest:
            db.execute("update reports set latest = 0 where id = ?", [latest[0]])
        row = _report_row(portal, url, page_id, cleaned, report)
        row["organ_key"] = _store_organ(db, report, portal)
        row.update(version=version, content_hash=digest)
        row.update(first_seen=seen, last_seen=seen)
        report_id = insert_row(db, "reports", row)
        _insert_children(db, report_id, report)
    return StoreOutcome("changed" if latest else "new", report_id, version)


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
        "status": rows.report_status(report),
        "failing_checks": " ".join(report.failing_checks) or None,
        "finding_count": len(report.findings),
        "tampered": int(cleaned.tampered),
        "mirror": int(cleaned.mirror),
        "script": cleaned.script,
        "encoding": cleaned.encoding,
        "removed": json.dumps(
            [asdict(removal) for removal in cleaned.removed], ensure_ascii=False
        ),
        "source": report.source,
        "text": cleaned.text,
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


def _insert_children(db: Database, report_id: int, report: Report) -> None:
    tables = {
        "requests": rows.request_rows,
        "review_litigation": rows.review_litigation_rows,
        "proactive": rows.proactive_rows,
        "checks": rows.check_rows,
        "findings": rows.finding_rows,
    }
    for table, make_rows in tables.items():
        db.table(table).insert_all(make_rows(report_id, report))
