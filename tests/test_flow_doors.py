"""One flow, every door: `govcrawl parse F` and `govcrawl load F` (read back from
SQLite) give the same numbers, metadata, checks and findings for every fixture page,
report, seed and attachment, and a .jsp copy of a report page reads as the page."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database

from govcrawl.cli import main
from govcrawl.model import Check, Finding, Report
from govcrawl.store.read import comparable, stored_report

FIXTURES = Path(__file__).parent / "fixtures"
# End-to-end: the .doc fixture goes through LibreOffice.
pytestmark = pytest.mark.e2e
SUFFIXES = {".html", ".txt", ".pdf", ".docx", ".doc"}
FILES = sorted(
    path
    for folder in ("pages", "reports", "attachments", "seeds")
    for path in (FIXTURES / folder).iterdir()
    if path.suffix in SUFFIXES
)


def parsed(capsys: pytest.CaptureFixture[str], path: Path) -> Report:
    assert main(["parse", str(path)]) == 0
    record: dict[str, Any] = json.loads(capsys.readouterr().out)
    record["checks"] = [Check(**check) for check in record["checks"]]
    record["findings"] = [Finding(**finding) for finding in record["findings"]]
    return Report(**record)


def loaded(db: Path, path: Path) -> Report:
    store = Database(db)
    (report_id,) = store.execute(
        "select id from reports where url = ? and latest = 1",
        [path.resolve().as_uri()],
    ).fetchone()
    return stored_report(store, report_id)


@pytest.fixture(scope="module")
def loaded_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("doors") / "doors.db"
    assert main(["load", "--db", str(db), *map(str, FILES)]) == 0
    return db


def test_every_fixture_kind_is_covered() -> None:
    assert {path.suffix for path in FILES} == SUFFIXES
    assert {path.parent.name for path in FILES} == {
        "pages",
        "reports",
        "attachments",
        "seeds",
    }


@pytest.mark.parametrize(
    "path", FILES, ids=lambda path: f"{path.parent.name}/{path.name}"
)
def test_parse_and_load_agree(
    path: Path, loaded_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert comparable(parsed(capsys, path)) == comparable(loaded(loaded_db, path))


def test_a_jsp_report_page_is_read_as_html(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """heyang's page as a portal serving it from content.jsp would: the bytes say
    HTML, so the title is the report's (合阳县2020年…), not the breadcrumb, and the
    stored text has no markup."""
    jsp = tmp_path / "content.jsp"
    shutil.copy(FIXTURES / "pages" / "heyang_2020.html", jsp)
    report = parsed(capsys, jsp)
    assert (report.title, report.agency) == (
        "合阳县2020年政府信息公开工作年度报告",
        "合阳县人民政府",
    )
    db = tmp_path / "jsp.db"
    assert main(["load", "--db", str(db), str(jsp)]) == 0
    capsys.readouterr()
    assert comparable(loaded(db, jsp)) == comparable(report)
    (text,) = Database(db).execute("select text from reports").fetchone()
    assert "<" not in text and "合阳县2020年" in text
