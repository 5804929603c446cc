"""The store stage's SQLite schema, owned by sqlite-utils migrations (set "govcrawl").

Tables are created here and nowhere else: writers never pass ``alter=True``, so a row
that does not fit the schema fails loudly instead of growing a stray column.
"""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from govcrawl.operate.health import PORTAL_HEALTH_SQL, PORTAL_YEARS_SQL
from govcrawl.store.connection import StoreDatabase
from govcrawl.store.panel import CROSS_CHECKS_SQL, ORGAN_YEARS_SQL
from govcrawl.store.rows import REQUEST_TABLE_COLUMNS
from govcrawl.template import REVIEW_LITIGATION_KEYS

migrations = Migrations("govcrawl")


@migrations()
def m001_pages(db: Database) -> None:
    db.table("pages").create(
        {
            "id": int,
            "url": str,
            "portal": str,
            "kind": str,
            "status": int,
            "fetched_at": str,
            "headers": str,
            "compression": str,
            "size": int,
            "sha256": str,
            "body": bytes,
        },
        pk="id",
        not_null=["url", "portal", "kind", "sha256", "body", "compression", "size"],
    )
    db.table("pages").create_index(["url", "sha256"], unique=True)


@migrations()
def m002_reports(db: Database) -> None:
    db.table("reports").create(
        {
            "id": int,
            "portal": str,
            "url": str,
            "version": int,
            "latest": int,
            "page_id": int,
            "agency": str,
            "year": int,
            "template": str,
            "title": str,
            "published": str,
            "status": str,
            "failing_checks": str,
            "finding_count": int,
            "tampered": int,
            "mirror": int,
            "script": str,
            "encoding": str,
            "removed": str,
            "source": str,
            "content_hash": str,
            "first_seen": str,
            "last_seen": str,
            "text": str,
        },
        pk="id",
        foreign_keys=[("page_id", "pages", "id")],
        not_null=["portal", "url", "version", "latest", "page_id", "status"],
    )
    db.table("reports").create_index(["portal", "url", "version"], unique=True)
    db.table("reports").create_index(["portal", "year"])


@migrations()
def m003_report_tables(db: Database) -> None:
    report_fk = [("report_id", "reports", "id")]
    db.table("requests").create(
        {
            "report_id": int,
            "row_key": str,
            "derived": int,
            **dict.fromkeys(REQUEST_TABLE_COLUMNS, int),
            "flags": str,
            "raw": str,
        },
        pk=("report_id", "row_key", "derived"),
        foreign_keys=report_fk,
        not_null=["derived"],
    )
    db.table("review_litigation").create(
        {
            "report_id": int,
            **dict.fromkeys(REVIEW_LITIGATION_KEYS, int),
            "flags": str,
            "raw": str,
        },
        pk="report_id",
        foreign_keys=report_fk,
    )
    db.table("proactive").create(
        {
            "report_id": int,
            "key": str,
            "value": float,
            "raw": str,
            "unit": str,
            "flag": str,
            "template": str,
        },
        pk=("report_id", "key"),
        foreign_keys=report_fk,
    )


@migrations()
def m004_checks_findings(db: Database) -> None:
    report_fk = [("report_id", "reports", "id")]
    db.table("checks").create(
        {
            "id": int,
            "report_id": int,
            "check_id": str,
            "ok": int,
            "mode": str,
            "message": str,
            "equation": str,
            "failures": str,
        },
        pk="id",
        foreign_keys=report_fk,
        not_null=["report_id", "check_id", "ok"],
    )
    db.table("checks").create_index(["report_id"])
    db.table("findings").create(
        {"id": int, "report_id": int, "kind": str, "message": str, "where": str},
        pk="id",
        foreign_keys=report_fk,
        not_null=["report_id", "kind", "message"],
    )
    db.table("findings").create_index(["report_id"])


@migrations()
def m005_runs_blocked(db: Database) -> None:
    db.table("crawl_runs").create(
        {
            "id": int,
            "spider": str,
            "started": str,
            "finished": str,
            "pages": int,
            "requests": int,
            "reports": int,
            "reports_new": int,
            "reports_unchanged": int,
            "reports_changed": int,
            "blocked": int,
            "failures": int,
            "status": str,
            "stats": str,
        },
        pk="id",
        not_null=["spider", "started", "status"],
    )
    db.table("blocked_pages").create(
        {
            "id": int,
            "url": str,
            "portal": str,
            "reason": str,
            "status": int,
            "fetched_at": str,
            "page_id": int,
        },
        pk="id",
        foreign_keys=[("page_id", "pages", "id")],
        not_null=["url", "portal", "reason", "page_id"],
    )
    db.table("blocked_pages").create_index(["page_id", "reason"], unique=True)


# Chinese has no spaces between words, so the default unicode61 tokenizer would index a
# whole clause as one token; trigrams let any substring of 3+ characters match.
@migrations()
def m006_reports_fts(db: Database) -> None:
    reports = db.table("reports")
    reports.enable_fts(["title", "text"], create_triggers=True, tokenize="trigram")


@migrations()
def m007_health_views(db: Database) -> None:
    db.create_view("portal_years", PORTAL_YEARS_SQL)
    db.create_view("portal_health", PORTAL_HEALTH_SQL)


@migrations()
def m008_failed_requests(db: Database) -> None:
    db.table("failed_requests").create(
        {
            "id": int,
            "url": str,
            "portal": str,
            "kind": str,
            "reason": str,
            "message": str,
            "failed_at": str,
        },
        pk="id",
        not_null=["url", "portal", "kind", "reason", "failed_at"],
    )
    db.table("failed_requests").create_index(["portal", "reason"])


# A report found as a page and as its attachment (PDF, DOCX, …) is one report with two
# sources: one row per (report version, page), the role it plays and how its numbers
# relate to the version's (content, equal, differ, none, not_compared).
@migrations()
def m009_report_sources(db: Database) -> None:
    db.table("report_sources").create(
        {
            "id": int,
            "report_id": int,
            "page_id": int,
            "url": str,
            "kind": str,
            "role": str,
            "numbers": str,
            "first_seen": str,
        },
        pk="id",
        foreign_keys=[("report_id", "reports", "id"), ("page_id", "pages", "id")],
        not_null=["report_id", "page_id", "url", "kind", "role", "numbers"],
    )
    db.table("report_sources").create_index(["report_id", "page_id"], unique=True)
    db.table("report_sources").create_index(["page_id"])


# Organs line one organ's reports up across years and sources (govcrawl/organs.py);
# a check's cells name what the report page highlights.
@migrations()
def m010_organs_panel(db: Database) -> None:
    db.table("organs").create(
        {"key": str, "name": str, "province": str, "city": str, "county": str},
        pk="key",
    )
    db.table("reports").add_column("organ_key", str)
    db.table("reports").create_index(["organ_key", "year"])
    db.table("checks").add_column("cells", str)
    db.create_view("organ_years", ORGAN_YEARS_SQL)
    db.create_view("cross_checks", CROSS_CHECKS_SQL)


@contextmanager
def schema_lock(path: str | Path) -> Iterator[None]:
    """One process at a time brings a store file's schema up to date: the workers of
    a distributed crawl open a new file at the same moment, and two migration runs
    would both create the same tables."""
    with open(f"{path}.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def open_db(path: str | Path) -> Database:
    """Open (or create) the store file, bring its schema up to date, use WAL."""
    db = StoreDatabase(path)
    with schema_lock(path):
        db.enable_wal()
        # WAL with synchronous=NORMAL cannot corrupt the file and survives a crashed
        # crawl; only a power cut may lose the last commits, which a re-crawl restores.
        # FULL synced every commit: 40% of the time spent storing a report.
        db.execute("PRAGMA synchronous = NORMAL")
        db.execute("PRAGMA foreign_keys = ON")
        migrations.apply(db)
    return db
