"""Versions follow the publisher, and `govcrawl reparse` re-derives stored reports
in place: a change in govcrawl's own cleaning keeps a report's version; new bytes
or new numbers make a new one; reparse rewrites what a stored version holds from
its stored page, keeping its id and version, and says what changed."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database

import govcrawl.flow
from govcrawl.cli import main
from govcrawl.model import CleanResult, Removal
from govcrawl.store import open_db
from govcrawl.store.read import comparable, stored_report
from govcrawl.version import PIPELINE_VERSION
from tests.seeds import SEED_NAMES, expected, seed_path

PAGES = Path(__file__).parent / "fixtures" / "pages"
PAGE = "panzhihua_2022.html"
PANZHIHUA = "000_968440a473f92860"


def load(db: Path, path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["load", "--db", str(db), str(path)]) == 0
    return capsys.readouterr().out.splitlines()[0]


def reports(db: Path) -> list[dict[str, Any]]:
    return list(Database(db).query("select * from reports order by id"))


@pytest.fixture
def page(tmp_path: Path) -> Path:
    copy = tmp_path / PAGE
    shutil.copy(PAGES / PAGE, copy)
    return copy


def test_a_stored_report_records_the_pipeline_version(
    tmp_path: Path, page: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    load(tmp_path / "v.db", page, capsys)
    (row,) = reports(tmp_path / "v.db")
    assert row["pipeline_version"] == PIPELINE_VERSION


def test_own_cleaning_change_keeps_the_version(
    tmp_path: Path,
    page: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """One more chrome rule (the report's last line dropped as chrome) on the same
    bytes: the same numbers, so the same version."""
    db = tmp_path / "v.db"
    load(db, page, capsys)
    clean_page = govcrawl.flow.clean_page

    def one_more_rule(body: bytes, **kwargs: Any) -> CleanResult:
        cleaned = clean_page(body, **kwargs)
        *kept, last = cleaned.text.splitlines()
        cleaned.text = "\n".join(kept)
        cleaned.removed.append(Removal("chrome", last))
        return cleaned

    monkeypatch.setattr(govcrawl.flow, "clean_page", one_more_rule)
    assert "unchanged (report 1, version 1" in load(db, page, capsys)
    assert len(reports(db)) == 1


def test_new_bytes_make_a_new_version(
    tmp_path: Path, page: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "v.db"
    load(db, page, capsys)
    page.write_bytes(page.read_bytes() + b"<!-- republished -->")
    assert "changed (report 2, version 2" in load(db, page, capsys)


def test_new_numbers_make_a_new_version(
    tmp_path: Path,
    page: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db = tmp_path / "v.db"
    load(db, page, capsys)
    parse_cleaned = govcrawl.flow.parse_cleaned

    def misread(*args: Any, **kwargs: Any) -> Any:
        report = parse_cleaned(*args, **kwargs)
        report.requests["new_requests"]["total"] = 9999
        return report

    monkeypatch.setattr(govcrawl.flow, "parse_cleaned", misread)
    assert "changed (report 2, version 2" in load(db, page, capsys)


def test_reparse_rewrites_derived_data_in_place_and_says_what_changed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "r.db"
    paths = [seed_path(name) for name in SEED_NAMES]
    assert main(["load", "--db", str(db), *map(str, paths)]) == 0
    store = Database(db)
    (report_id,) = store.execute(
        "select id from reports where url = ?",
        [seed_path(PANZHIHUA).resolve().as_uri()],
    ).fetchone()
    fresh = comparable(stored_report(store, report_id))
    # What an older pipeline might have stored for the same bytes.
    store.execute("update reports set title = 'old title', pipeline_version = 0")
    store.execute(
        "update requests set total = 1 where report_id = ? and row_key = 'granted'",
        [report_id],
    )
    store.execute(
        "delete from checks where report_id = ? and check_id = 'B7'", [report_id]
    )
    store.conn.commit()
    capsys.readouterr()
    assert main(["reparse", "--db", str(db), "--workers", "2"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert (
        out[-1]
        == f"{len(paths)} reports: 0 unchanged, {len(paths)} re-derived in place (changed: {len(paths)} metadata, 1 numbers, 1 checks)"
    )
    assert f"  metadata: title: 'old title' -> {expected(PANZHIHUA)['title']!r}" in out
    assert (
        "  numbers: requests.granted.total: 1 -> "
        + str(expected(PANZHIHUA)["requests"]["granted"]["total"])
        in out
    )
    assert any(line.startswith('  checks: + ["B7", true') for line in out)
    after = Database(db)
    assert comparable(stored_report(after, report_id)) == fresh
    rows = list(after.query("select id, version, pipeline_version from reports"))
    assert {(row["version"], row["pipeline_version"]) for row in rows} == {
        (1, PIPELINE_VERSION)
    }
    assert len(rows) == len(paths)


def test_reparse_of_an_up_to_date_store_changes_nothing(
    tmp_path: Path, page: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "r.db"
    load(db, page, capsys)
    before = json.dumps(reports(db), sort_keys=True, default=str)
    assert main(["reparse", "--db", str(db), "--workers", "1"]) == 0
    assert capsys.readouterr().out == "1 reports: 1 unchanged, 0 re-derived in place\n"
    assert json.dumps(reports(db), sort_keys=True, default=str) == before


def test_migration_rehashes_versions_stored_before_it(
    tmp_path: Path, page: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A store from before m010 (content_hash over the cleaned text, no
    pipeline_version): after the migration, the same bytes load as unchanged."""
    db = tmp_path / "old.db"
    load(db, page, capsys)
    with sqlite3.connect(db) as connection:
        connection.execute("update reports set content_hash = 'sha256 of the text'")
        connection.execute("alter table reports drop column pipeline_version")
        connection.execute("alter table pages drop column listed")
        connection.execute(
            "delete from _sqlite_migrations where name = 'm011_pipeline_version'"
        )
    open_db(db).close()
    assert "unchanged (report 1, version 1" in load(db, page, capsys)
    (row,) = reports(db)
    assert row["pipeline_version"] is None
