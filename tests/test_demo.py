"""`govcrawl demo`: fixture portals crawled by all five spiders into SQLite."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from govcrawl.cli import main
from tests.spiders.harness import path_without_chromium

ROOT = Path(__file__).resolve().parents[1]
# One report page per fixture portal, two for panzhihua (district column and the
# 区政府办 republication); see govcrawl/demo/PROVENANCE.md.
NEW_REPORTS = {"panzhihua": 2, "yuanjiang": 1, "heyang": 1, "hegang": 1, "hetian": 1}


# End-to-end: govcrawl demo in a subprocess.
pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    # A newcomer's machine: no Chromium on PATH nor where it is configured.
    env = os.environ | {
        "PYTHONPATH": str(ROOT),
        "PATH": path_without_chromium(),
        "GOVCRAWL_CHROMIUM": "/nonexistent/chromium",
    }
    done = subprocess.run(
        [sys.executable, "-m", "govcrawl.cli", "demo", "--db", str(db)],
        cwd=tmp_path_factory.mktemp("cwd"),
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    return db, done.stdout.strip().splitlines()


def test_last_line_is_the_per_portal_json(demo: tuple[Path, list[str]]) -> None:
    _, lines = demo
    portals = json.loads(lines[-1])["portals"]
    assert {
        slug: counts["reports_new"] for slug, counts in portals.items()
    } == NEW_REPORTS
    for counts in portals.values():
        assert counts["requests"] > counts["reports_new"]
        assert (counts["reports_unchanged"], counts["reports_changed"]) == (0, 0)
        assert counts["failures"] == 0


def test_summary_names_every_portal_and_how_to_browse(
    demo: tuple[Path, list[str]],
) -> None:
    db, lines = demo
    text = "\n".join(lines)
    for slug in NEW_REPORTS:
        assert any(line.startswith(slug) for line in lines), slug
    assert f"govcrawl browse --db {db}" in text


def test_database_holds_reports_and_blocked_pages(demo: tuple[Path, list[str]]) -> None:
    db, _ = demo
    with sqlite3.connect(db) as connection:
        reports = dict(
            connection.execute(
                "select portal, count(*) from reports where latest = 1 group by portal"
            )
        )
        reasons = {
            row[0] for row in connection.execute("select reason from blocked_pages")
        }
    assert reports == NEW_REPORTS
    assert reasons == {
        "challenge:ruishu",
        "challenge:cookie-reload",
        "challenge:jiasule",
        "redirect:homepage",
        "soft-404",
        # yuanjiang's report PDF, linked but not on the fixture portal.
        "not-found",
    }


DERIVED_TABLES = ("reports", "requests", "review_litigation", "proactive", "checks",
                  "findings", "report_sources")  # fmt: skip


def derived_rows(db: Path) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(db) as connection:
        return {
            table: connection.execute(
                f"select * from {table} order by rowid"
            ).fetchall()
            for table in DERIVED_TABLES
        }


def test_reparse_of_the_demo_database_changes_nothing(
    demo: tuple[Path, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    """The crawl and `govcrawl reparse` run the same flow on the same stored bytes:
    every report, its numbers, checks, findings and sources stay as the crawl wrote
    them (what reparse re-derives is compared row by row)."""
    db, _ = demo
    before = derived_rows(db)
    assert main(["reparse", "--db", str(db)]) == 0
    reports = len(before["reports"])
    assert capsys.readouterr().out == (
        f"{reports} reports: {reports} unchanged, 0 re-derived in place\n"
    )
    assert derived_rows(db) == before
