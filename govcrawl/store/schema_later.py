"""The store's migrations after its first tables (schema.py): m010 on, each a column,
a view or an index setting a later issue added. Registered on schema.migrations in
order, after the first ones (this module imports schema first)."""

from __future__ import annotations

from sqlite_utils import Database

from govcrawl.operate.health import INCOMPLETE_LISTS_SQL
from govcrawl.store.panel import CROSS_CHECKS_SQL, ORGAN_YEARS_SQL
from govcrawl.store.read import stored_report
from govcrawl.store.rows import content_hash
from govcrawl.store.schema import migrations
from govcrawl.store.search import AUTOMERGE, HASHSIZE, create_pending, set_option
from govcrawl.store.write import page_sha256

__all__ = ["migrations"]


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
    set_option(db, "automerge", AUTOMERGE)


# FTS5 flushed its pending terms every 1 MiB (about 70 reference reports), so a
# batch of 256 (store/search.py FTS_BATCH) wrote four small segments; 8 MiB lets a
# batch be one segment (search.HASHSIZE).
@migrations()
def m018_fts_hashsize(db: Database) -> None:
    set_option(db, "hashsize", HASHSIZE)
