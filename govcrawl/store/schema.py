"""The store stage's SQLite schema, owned by sqlite-utils migrations (set "govcrawl").

Tables are created here and nowhere else: writers never pass ``alter=True``, so a row
that does not fit the schema fails loudly instead of growing a stray column.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from govcrawl.operate.health import (
    PORTAL_HEALTH_SQL,
    PORTAL_YEARS_SQL,
)
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
