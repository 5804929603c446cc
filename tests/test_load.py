"""`govcrawl load`: the seeds through clean -> parse -> validate -> store, checked
against the numbers in the seeds' expected JSON."""

from __future__ import annotations

import json
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database

import govcrawl.flow
from govcrawl.cli import main
from govcrawl.store import page_body
from tests.stored_seeds import SEEDS, YUANJIANG, counts

SEED_FILES = sorted(SEEDS.glob("*.txt"))
HTML_REPORTS = Path(__file__).parent / "fixtures" / "reports"


def expected(path: Path) -> dict[str, Any]:
    return json.loads((SEEDS / "expected" / f"{path.stem}.json").read_text())


def report_row(db: Database, path: Path) -> dict[str, Any]:
    url = path.resolve().as_uri()
    rows = list(db.query("select * from reports where url = ? and latest = 1", [url]))
    assert len(rows) == 1
    return rows[0]


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("load") / "govcrawl.db"
    assert main(["load", "--db", str(path), *map(str, SEED_FILES)]) == 0
    return path


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda path: path.stem[:3])
def test_seed_metadata_is_stored(seeds_db: Path, seed: Path) -> None:
    row = report_row(Database(seeds_db), seed)
    want = expected(seed)
    assert row["portal"] == "local"
    assert (row["agency"], row["year"], row["template"]) == (
        want["agency"],
        want["year"],
        want["template"],
    )
    assert row["published"] == want["published"]


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda path: path.stem[:3])
def test_seed_numbers_are_stored(seeds_db: Path, seed: Path) -> None:
    db = Database(seeds_db)
    report_id = report_row(db, seed)["id"]
    want = expected(seed)
    requests = {
        row.pop("row_key"): row
        for row in db.query(
            "select row_key, natural_person, commercial, research, social_welfare,"
            " legal_service, other_org, total from requests"
            " where report_id = ? and derived = 0",
            [report_id],
        )
    }
    assert requests == want["requests"]
    review = db.table("review_litigation").get(report_id)
    assert {key: review[key] for key in want["review_litigation"]} == want[
        "review_litigation"
    ]
    proactive = {
        row["key"]: row["value"]
        for row in db.query(
            "select key, value from proactive where report_id = ?", [report_id]
        )
    }
    assert proactive == want["proactive"]


def test_only_yuanjiang_breaks_identities(seeds_db: Path) -> None:
    failing = Database(seeds_db).execute(
        "select reports.url, checks.check_id from checks"
        " join reports on reports.id = checks.report_id where checks.ok = 0"
        " order by checks.check_id"
    )
    # Seed 001's text also says 行政复议1件 and 行政诉讼1个 where table 四 prints
    # totals of 0: the soft checks T2 and T3 say so.
    assert [(Path(url).stem, check) for url, check in failing] == [
        (YUANJIANG, "B4"),
        (YUANJIANG, "B5"),
        (YUANJIANG, "T2"),
        (YUANJIANG, "T3"),
    ]


def test_loading_twice_changes_nothing(
    seeds_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = counts(Database(seeds_db))
    assert main(["load", "--db", str(seeds_db), *map(str, SEED_FILES)]) == 0
    assert counts(Database(seeds_db)) == before
    assert capsys.readouterr().out.splitlines()[-1] == "5 files: 5 unchanged"


def test_changed_file_becomes_version_two(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed = tmp_path / f"{YUANJIANG}.txt"
    shutil.copy(SEEDS / seed.name, seed)
    db_path = tmp_path / "govcrawl.db"
    assert main(["load", "--db", str(db_path), str(seed)]) == 0
    seed.write_bytes(
        seed.read_bytes().replace("2023年".encode(), "2023年度".encode(), 1)
    )
    assert main(["load", "--db", str(db_path), str(seed)]) == 0
    assert "changed (report 2, version 2" in capsys.readouterr().out
    db = Database(db_path)
    versions = list(db.query("select version, latest, page_id from reports"))
    assert [(row["version"], row["latest"]) for row in versions] == [(1, 0), (2, 1)]
    assert page_body(db, versions[0]["page_id"]) == (SEEDS / seed.name).read_bytes()
    assert (
        db.table("requests").count
        == 2
        * db.execute("select count(*) from requests where report_id = 1").fetchone()[0]
    )


def test_unreadable_file_fails_the_command_but_not_the_others(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db_path = tmp_path / "govcrawl.db"
    missing = tmp_path / "missing.txt"
    status = main(["load", "--db", str(db_path), str(missing), str(SEED_FILES[0])])
    assert status == 1
    assert (
        f"{missing}: not loaded: No such file or directory" in capsys.readouterr().err
    )
    db = Database(db_path)
    assert db.table("reports").count == 1
    failure = db.execute(
        "select url, portal, kind, reason from failed_requests"
    ).fetchall()
    assert failure == [(str(missing), "local", "file", "unreadable")]


def test_an_unexpected_error_is_recorded_and_the_batch_goes_on(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db_path = tmp_path / "govcrawl.db"
    flow = govcrawl.flow.clean_parse_validate
    broken = SEED_FILES[0]

    def fails_on_one(document: Any, *args: Any) -> Any:
        if document.url == broken.resolve().as_uri():
            raise sqlite3.IntegrityError("UNIQUE constraint failed: pages.url")
        return flow(document, *args)

    monkeypatch.setattr(govcrawl.flow, "clean_parse_validate", fails_on_one)
    status = main(["load", "--db", str(db_path), *map(str, SEED_FILES[:3])])
    assert status == 1
    out = capsys.readouterr()
    assert out.out.splitlines()[-1] == "3 files: 1 failed, 2 new"
    db = Database(db_path)
    assert db.table("reports").count == 2
    (message,) = db.execute("select message from failed_requests").fetchone()
    assert message == "IntegrityError: UNIQUE constraint failed: pages.url"


def test_gbk_html_page_is_decoded_and_kept_as_bytes(tmp_path: Path) -> None:
    page = HTML_REPORTS / "heyang_2020.html"
    db_path = tmp_path / "govcrawl.db"
    assert main(["load", "--db", str(db_path), str(page)]) == 0
    db = Database(db_path)
    row = report_row(db, page)
    assert (row["agency"], row["year"], row["template"]) == (
        "合阳县人民政府",
        2020,
        "v2019",
    )
    assert (row["encoding"], row["tampered"]) == ("gb18030", 1)
    assert page_body(db, row["page_id"]) == page.read_bytes()
    assert db.table("pages").get(row["page_id"])["kind"] == "html"


ATTACHMENTS = Path(__file__).parent / "fixtures" / "attachments"


@pytest.mark.parametrize(
    ("name", "seed"),
    [
        ("004_hetian_2023.pdf", "004_d4cf2388c7c6da47"),
        ("000_panzhihua_2022.docx", "000_968440a473f92860"),
    ],
)
def test_pdf_and_docx_reports_land_with_their_numbers(
    tmp_path: Path, name: str, seed: str
) -> None:
    path = tmp_path / "govcrawl.db"
    assert main(["load", "--db", str(path), str(ATTACHMENTS / name)]) == 0
    db = Database(path)
    row = report_row(db, ATTACHMENTS / name)
    want = expected(SEEDS / f"{seed}.txt")
    assert (row["year"], row["template"], row["status"]) == (
        want["year"],
        want["template"],
        "ok",
    )
    review = db.table("review_litigation").get(row["id"])
    assert {key: review[key] for key in want["review_litigation"]} == want[
        "review_litigation"
    ]
    proactive = dict(
        db.execute(
            "select key, value from proactive where report_id = ?", [row["id"]]
        ).fetchall()
    )
    assert proactive == want["proactive"]
    page = db.table("pages").get(row["page_id"])
    assert page["kind"] == name.rsplit(".", 1)[1]
    assert page_body(db, page["id"]) == (ATTACHMENTS / name).read_bytes()


def test_scanned_pdf_is_stored_with_its_ocr_finding(tmp_path: Path) -> None:
    path = tmp_path / "govcrawl.db"
    scanned = ATTACHMENTS / "003_hegang_2024_scanned.pdf"
    assert main(["load", "--db", str(path), str(scanned)]) == 0
    db = Database(path)
    row = report_row(db, scanned)
    kinds = [
        r["kind"]
        for r in db.query("select kind from findings where report_id = ?", [row["id"]])
    ]
    assert "attachment_needs_ocr" in kinds
    assert row["status"] != "ok"


def test_empty_page_is_reported_and_the_others_still_load(tmp_path: Path) -> None:
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    path = tmp_path / "govcrawl.db"
    seed = SEED_FILES[0]
    assert main(["load", "--db", str(path), str(empty), str(seed)]) == 1
    db = Database(path)
    assert report_row(db, seed)["year"] == expected(seed)["year"]


def test_the_db_file_alone_holds_the_load(tmp_path: Path) -> None:
    path = tmp_path / "govcrawl.db"
    assert main(["load", "--db", str(path), str(SEED_FILES[0])]) == 0
    # A reader still open (Datasette browsing the file) keeps SQLite from folding
    # the WAL back into the .db when the load's connection closes.
    with closing(sqlite3.connect(path)) as reader:
        reader.execute("select count(*) from reports").fetchone()
        assert main(["load", "--db", str(path), *map(str, SEED_FILES[1:])]) == 0
        # Copied without its -wal, as a person mails or uploads a .db.
        alone = tmp_path / "copy.db"
        shutil.copyfile(path, alone)
    with closing(sqlite3.connect(alone)) as copy:
        count = copy.execute("select count(*) from reports").fetchone()
    assert count == (len(SEED_FILES),)
