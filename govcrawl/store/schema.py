"""The store stage's SQLite schema, owned by sqlite-utils migrations (set "govcrawl").

Tables are created here and nowhere else: writers never pass ``alter=True``, so a row
that does not fit the schema fails loudly instead of growing a stray column.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from govcrawl.operate.health import (
    INCOMPLETE_LISTS_SQL,
    PORTAL_HEALTH_SQL,
    PORTAL_YEARS_SQL,
)
from govcrawl.store.panel import CROSS_CHECKS_SQL, ORGAN_YEARS_SQL
from govcrawl.store.read import stored_report
from govcrawl.store.rows import REQUEST_TABLE_COLUMNS, content_hash
from govcrawl.store.search import create_pending, set_automerge
from govcrawl.store.write import page_sha256
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


# Versions follow the publisher: content_hash becomes the served bytes plus the
# numbers (rows.content_hash), recomputed here for versions stored before; each
# report records the PIPELINE_VERSION that derived it (NULL: before this migration)
# and each page what its list said, so `govcrawl reparse` can derive it again.
@migrations()
def m011_pipeline_version(db: Database) -> None:
    db.table("reports").add_column("pipeline_version", int)
    db.table("pages").add_column("listed", str)
    ids = [row[0] for row in db.execute("select id from reports").fetchall()]
    for report_id in ids:
        report = stored_report(db, report_id)
        page_id = db.execute(
            "select page_id from reports where id = ?", [report_id]
        ).fetchone()[0]
        digest = content_hash(page_sha256(db, page_id), report)
        db.execute(
            "update reports set content_hash = ? where id = ?", [digest, report_id]
        )


# Where each metadata field came from (Report.provenance, parse.metadata), as JSON.
@migrations()
def m012_report_provenance(db: Database) -> None:
    db.table("reports").add_column("provenance", str)


# The clean stage's mirror artefacts, flagged apart from tampering (spam only).
@migrations()
def m013_clean_flags(db: Database) -> None:
    db.table("reports").add_column("pinyin", int)
    db.table("reports").add_column("converted", int)


# Every list page fetched, so a list cut short is measured, not assumed complete; a
# run that stored nothing says why (crawl_runs.reason).
@migrations()
def m014_list_pages(db: Database) -> None:
    db.table("list_pages").create(
        {
            "id": int,
            "run_id": int,
            "url": str,
            "portal": str,
            "adapter": str,
            "list_url": str,
            "entries": int,
            "fresh": int,
            "reports": int,
            "declared": int,
            "declared_min": int,
            "declared_from": str,
            "pages": int,
            "found": int,
            "complete": int,
            "reason": str,
            "gap": str,
            "charset_conflict": str,
            "fetched_at": str,
        },
        pk="id",
        foreign_keys=[("run_id", "crawl_runs", "id")],
        not_null=["url", "portal", "adapter", "list_url", "entries", "fetched_at"],
    )
    db.table("list_pages").create_index(["run_id", "list_url"])
    db.table("crawl_runs").add_column("reason", str)
    db.create_view("incomplete_lists", INCOMPLETE_LISTS_SQL)


# The full-text index is brought up to date in batches (store/search.py): a report
# joins reports_fts_pending; an update of last_seen or latest no longer re-indexes it.
@migrations()
def m015_fts_batches(db: Database) -> None:
    create_pending(db)


# A page stored under the URL it was fetched from, with the URLs that redirected to
# it (JSON list, first requested first); issue 15 item 2.
@migrations()
def m016_redirects(db: Database) -> None:
    db.table("pages").add_column("redirects", str)


# FTS5 merges the index's segments four at a time by default, so each trigram is
# rewritten some log4(N) times as the file grows. Sixteen at a time, FTS5's most
# (store/search.py AUTOMERGE), stores a report 0.3-0.45 ms faster over 4,000.
@migrations()
def m017_fts_automerge(db: Database) -> None:
    set_automerge(db)
