"""The store library on hand-built reports whose numbers come from the seeds' JSON."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import zlib
from pathlib import Path

import pytest
from sqlite_utils import Database

import govcrawl.store.search
from govcrawl.store import open_db, page_body, store_page, store_report
from govcrawl.store.bodies import ZSTD_LEVEL, compress, decompress, zstd
from govcrawl.store.connection import close_db
from govcrawl.store.schema_later import migrations
from govcrawl.store.search import index_pending
from govcrawl.template import request_rows
from tests.stored_seeds import YUANJIANG, counts, seed_report, store_seed


@pytest.fixture
def db(tmp_path: Path) -> Database:
    return open_db(tmp_path / "govcrawl.db")


def test_yuanjiang_rows_carry_the_seed_numbers(db: Database) -> None:
    outcome = store_seed(db, *seed_report(YUANJIANG))
    assert (outcome.outcome, outcome.version) == ("new", 1)
    report = db.table("reports").get(outcome.report_id)
    assert (report["agency"], report["year"]) == ("沅江市城市管理和综合执法局", 2023)
    assert (report["status"], report["failing_checks"]) == (
        "identity_failures",
        "B4 B5",
    )
    printed = db.execute(
        "select row_key from requests where report_id = ? and derived = 0",
        [outcome.report_id],
    ).fetchall()
    assert sorted(row[0] for row in printed) == sorted(request_rows("v2021"))
    unable = db.execute(
        "select natural_person, total from requests where row_key = 'unable_not_held'"
    ).fetchone()
    assert unable == (1, 1)
    withheld = db.execute(
        "select commercial, total from requests"
        " where row_key = 'withheld_subtotal' and derived = 1"
    ).fetchone()
    assert withheld == (1, 1)
    review = db.table("review_litigation").get(outcome.report_id)
    assert (review["review_upheld"], review["review_total"]) == (1, 0)


def test_proactive_values_keep_their_units(db: Database) -> None:
    outcome = store_seed(db, *seed_report(YUANJIANG))
    rows = {
        row["key"]: row
        for row in db.table("proactive").rows_where(
            "report_id = ?", [outcome.report_id]
        )
    }
    assert len(rows) == 10
    assert (rows["fee_amount_wan"]["value"], rows["fee_amount_wan"]["unit"]) == (
        31.42,
        "万元",
    )
    assert (rows["penalty_decisions"]["value"], rows["penalty_decisions"]["unit"]) == (
        38665,
        "件",
    )


def test_failing_checks_are_stored_with_their_equations(db: Database) -> None:
    store_seed(db, *seed_report(YUANJIANG))
    failing = db.execute(
        "select check_id, message, equation from checks where ok = 0 order by check_id"
    ).fetchall()
    assert [row[:2] for row in failing] == [
        ("B4", "B4 review_total 0 != 1"),
        ("B5", "B5 suit_direct_total 0 != 1"),
    ]
    assert failing[0][2].startswith("review_total = ")


def test_storing_twice_adds_nothing(db: Database) -> None:
    seed = seed_report(YUANJIANG)
    store_seed(db, *seed)
    before = counts(db)
    again = store_seed(db, *seed)
    assert again.outcome == "unchanged"
    assert counts(db) == before


def test_changed_report_becomes_version_two_and_keeps_version_one(
    db: Database,
) -> None:
    page, cleaned, report = seed_report(YUANJIANG)
    first = store_seed(db, page, cleaned, report)
    corrected = dataclasses.replace(
        report, review_litigation={**report.review_litigation, "review_total": 1}
    )
    republished = dataclasses.replace(page, body=page.body + b"\n")
    second = store_seed(db, republished, cleaned, corrected)
    assert (second.outcome, second.version) == ("changed", 2)
    versions = db.execute(
        "select version, latest, page_id from reports order by version"
    ).fetchall()
    assert [row[:2] for row in versions] == [(1, 0), (2, 1)]
    assert versions[0][2] != versions[1][2]
    totals = db.execute(
        "select report_id, review_total from review_litigation order by report_id"
    ).fetchall()
    assert totals == [(first.report_id, 0), (second.report_id, 1)]


def test_page_bytes_are_kept_as_served(db: Database) -> None:
    page, _, _ = seed_report(YUANJIANG)
    gbk = dataclasses.replace(page, body="沅江市 城管执法局".encode("gbk"))
    page_id = store_page(db, gbk)
    assert page_body(db, page_id) == "沅江市 城管执法局".encode("gbk")
    assert store_page(db, gbk) == page_id
    row = db.table("pages").get(page_id)
    assert row["size"] == len("沅江市 城管执法局".encode("gbk"))
    assert json.loads(row["headers"]) == {"Content-Type": "text/plain; charset=utf-8"}


def test_unknown_request_column_is_an_error_and_nothing_is_stored(
    db: Database,
) -> None:
    page, cleaned, report = seed_report(YUANJIANG)
    report.requests["granted"]["foreign_org"] = 1
    with pytest.raises(ValueError, match="granted: keys not in the template: foreign"):
        store_seed(db, page, cleaned, report)
    assert db.table("reports").count == 0
    assert db.table("requests").count == 0


def test_report_must_point_at_a_stored_page(db: Database) -> None:
    _, cleaned, report = seed_report(YUANJIANG)
    with pytest.raises(sqlite3.IntegrityError):
        store_report(
            db,
            portal="seeds",
            url="http://x/",
            page_id=99,
            cleaned=cleaned,
            report=report,
        )


INTEGRITY_CHECK = (
    "insert into reports_fts (reports_fts, rank) values ('integrity-check', 1)"
)


def _search(db: Database, query: str) -> list[tuple[str]]:
    return db.execute(
        "select agency from reports where id in"
        " (select rowid from reports_fts where reports_fts match ?)",
        [query],
    ).fetchall()


def test_title_and_text_are_searchable_once_the_writer_closes(tmp_path: Path) -> None:
    db = open_db(tmp_path / "govcrawl.db")
    store_seed(db, *seed_report(YUANJIANG))
    store_seed(db, *seed_report("000_968440a473f92860"))
    close_db(db)
    found = _search(Database(tmp_path / "govcrawl.db"), '"沅江市"')
    assert found == [("沅江市城市管理和综合执法局",)]


def test_a_full_batch_is_indexed_while_writing(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(govcrawl.store.search, "FTS_BATCH", 2)
    store_seed(db, *seed_report(YUANJIANG))
    assert _search(db, '"沅江市"') == []
    store_seed(db, *seed_report("000_968440a473f92860"))
    assert _search(db, '"沅江市"') == [("沅江市城市管理和综合执法局",)]
    assert db.execute("select count(*) from reports_fts_pending").fetchone() == (0,)


def test_a_batch_counts_stored_reports_not_unchanged_ones(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The writer counts what it queued; storing a report again queues nothing."""
    monkeypatch.setattr(govcrawl.store.search, "FTS_BATCH", 2)
    assert store_seed(db, *seed_report(YUANJIANG)).outcome == "new"
    assert store_seed(db, *seed_report(YUANJIANG)).outcome == "unchanged"
    assert _search(db, '"沅江市"') == []
    store_seed(db, *seed_report("000_968440a473f92860"))
    assert _search(db, '"沅江市"') == [("沅江市城市管理和综合执法局",)]


def test_another_writers_pending_reports_join_the_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(govcrawl.store.search, "FTS_BATCH", 2)
    path = tmp_path / "govcrawl.db"
    first, second = open_db(path), open_db(path)
    store_seed(first, *seed_report(YUANJIANG))
    store_seed(second, *seed_report("000_968440a473f92860"))
    assert _search(first, '"沅江市"') == []
    store_seed(second, *seed_report("002_c70ef5546fcf38db"))
    assert _search(first, '"沅江市"') == [("沅江市城市管理和综合执法局",)]
    pending = "select count(*) from reports_fts_pending"
    assert first.execute(pending).fetchone() == (0,)


def test_old_and_new_files_raise_fts5s_pending_terms_limit(tmp_path: Path) -> None:
    """m018: a batch of FTS_BATCH reports is flushed at once, not every 1 MiB of
    terms; a file from before m018 gets the setting when it is opened."""
    path = tmp_path / "govcrawl.db"
    hashsize = "select v from reports_fts_config where k = 'hashsize'"
    db = open_db(path)
    assert db.execute(hashsize).fetchone() == (govcrawl.store.search.HASHSIZE,)
    db.execute("delete from reports_fts_config where k = 'hashsize'")
    db.execute("delete from _sqlite_migrations where name = 'm018_fts_hashsize'")
    db.conn.commit()
    db.close()
    assert open_db(path).execute(hashsize).fetchone() == (8 * 1024 * 1024,)


def test_the_index_follows_changed_titles_and_texts(db: Database) -> None:
    """FTS5's integrity-check (rank 1: against the reports table) after a touched
    report, a changed text indexed again, and a title changed twice."""
    outcome = store_seed(db, *seed_report(YUANJIANG))
    index_pending(db)
    db.execute("update reports set last_seen = 'x', latest = 1")
    db.execute(INTEGRITY_CHECK)
    db.execute(
        "update reports set text = '新的正文内容' where id = ?", [outcome.report_id]
    )
    assert _search(db, '"沅江市"') == []
    index_pending(db)
    assert _search(db, '"新的正文"') == [("沅江市城市管理和综合执法局",)]
    db.execute(
        "update reports set title = '另一个标题' where id = ?", [outcome.report_id]
    )
    db.execute(
        "update reports set title = '第三个标题' where id = ?", [outcome.report_id]
    )
    index_pending(db)
    db.execute(INTEGRITY_CHECK)
    assert _search(db, '"另一个"') == []
    assert _search(db, '"第三个"') == [("沅江市城市管理和综合执法局",)]


def test_migrations_apply_once(tmp_path: Path) -> None:
    path = tmp_path / "govcrawl.db"
    open_db(path).close()
    db = open_db(path)
    applied = [migration.name for migration in migrations.applied(db)]
    assert applied == [
        "m001_pages",
        "m002_reports",
        "m003_report_tables",
        "m004_checks_findings",
        "m005_runs_blocked",
        "m006_reports_fts",
        "m007_health_views",
        "m008_failed_requests",
        "m009_report_sources",
        "m010_organs_panel",
        "m011_pipeline_version",
        "m012_report_provenance",
        "m013_clean_flags",
        "m014_list_pages",
        "m015_fts_batches",
        "m016_redirects",
        "m017_fts_automerge",
        "m018_fts_hashsize",
    ]
    assert migrations.pending(db) == []
    assert db.execute("pragma journal_mode").fetchone() == ("wal",)
    assert db.execute("pragma synchronous").fetchone() == (1,)  # NORMAL
    assert db.execute("pragma cache_size").fetchone() == (-16_000,)
    assert db.execute("pragma wal_autocheckpoint").fetchone() == (10_000,)


def test_cell_flags_and_raw_texts_stay_with_their_rows(db: Database) -> None:
    page, cleaned, report = seed_report(YUANJIANG)
    report.requests["granted"]["total"] = None
    report.flags["requests.granted.total"] = "slash"
    report.raw["requests.granted.total"] = "/"
    report.proactive["fee_amount_wan"] = None
    report.flags["proactive.fee_amount_wan"] = "dash"
    report.raw["proactive.fee_amount_wan"] = "-"
    store_seed(db, page, cleaned, report)
    granted = db.execute(
        "select total, flags, raw from requests where row_key = 'granted'"
    ).fetchone()
    assert granted == (None, '{"total": "slash"}', '{"total": "/"}')
    fee = db.execute(
        "select value, raw, flag from proactive where key = 'fee_amount_wan'"
    ).fetchone()
    assert fee == (None, "-", "dash")


def test_metadata_provenance_is_stored_as_json(db: Database) -> None:
    page, cleaned, report = seed_report(YUANJIANG)
    report.provenance = {"title": "header", "agency": "signature"}
    outcome = store_seed(db, page, cleaned, report)
    stored = db.table("reports").get(outcome.report_id)["provenance"]
    assert json.loads(stored) == {"title": "header", "agency": "signature"}


def test_pages_are_zstd_and_zlib_pages_still_read(db: Database) -> None:
    page, _, _ = seed_report(YUANJIANG)
    page_id = store_page(db, page)
    assert db.execute("select compression from pages").fetchone() == ("zstd",)
    assert page_body(db, page_id) == page.body
    db.execute(
        "update pages set compression = 'zlib', body = ? where id = ?",
        [zlib.compress(page.body), page_id],
    )
    assert page_body(db, page_id) == page.body


def test_one_reused_compressor_writes_what_zstd_compress_writes() -> None:
    root = Path(__file__).parent
    bodies = [
        path.read_bytes()
        for base in ("fixtures", "real")
        for path in sorted((root / base).rglob("*"))
        if path.is_file()
    ]
    assert len(bodies) > 100
    for body in bodies:
        assert compress(body) == zstd.compress(body, ZSTD_LEVEL)
        assert decompress("zstd", compress(body), "test") == body
