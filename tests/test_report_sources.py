"""One report, two sources (govcrawl.store.sources): a report page and its attachment
stored in either order end as one report; numbers from the seeds' expected JSON."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database

from govcrawl.items import ReportPage
from govcrawl.model import CleanResult, Report
from govcrawl.store import open_db, store_page
from govcrawl.store.sources import Role, Source, store_source
from tests.seeds import expected
from tests.spiders.harness import Crawl, stored_values
from tests.stored_seeds import TABLES, expected_report

HETIAN = "004_d4cf2388c7c6da47"
PAGE = "http://www.htx.gov.cn/htx/c114808/202401/5e0f3b7c9a8d4e21b6c4f2a1d0e9c8b7.shtml"
PDF = "http://www.htx.gov.cn/htx/c114808/202401/P020240122583917604512.pdf"


@pytest.fixture
def db(tmp_path: Path) -> Database:
    return open_db(tmp_path / "govcrawl.db")


def source(db: Database, url: str, report: Report, body: bytes) -> Source:
    """A fetched page (role page) or attachment of PAGE, archived and parsed."""
    role: Role = "page" if url == PAGE else "attachment"
    kind = "html" if role == "page" else "pdf"
    page = ReportPage(
        url=url,
        portal="hetian",
        title=report.title or "",
        year=2023,
        published="2024-01-22",
        body=body,
        headers={},
        status=200,
        fetched_at="2026-11-22T04:00:00+00:00",
        kind=kind,
        parent_url=None if role == "page" else PAGE,
    )
    cleaned = CleanResult(text=f"{kind} text of the report", html="")
    return Source(
        portal="hetian",
        report_url=PAGE,
        url=url,
        kind=kind,
        role=role,
        page_id=store_page(db, page),
        cleaned=cleaned,
        report=report,
        seen_at=page.fetched_at,
    )


def page_with_tables(db: Database) -> Source:
    return source(db, PAGE, expected_report(HETIAN), b"<html>tables</html>")


def page_without_tables(db: Database) -> Source:
    """详见附件: the page's report has no table, as the parser reports it."""
    report = Report(source=PAGE, title=expected(HETIAN)["title"], year=2023)
    for table in ("proactive", "requests", "review_litigation"):
        report.find("missing_table", f"{table} not found", table)
    return source(
        db,
        PAGE,
        report,
        b"<html>\xe8\xaf\xa6\xe8\xa7\x81\xe9\x99\x84\xe4\xbb\xb6</html>",
    )


def attachment(db: Database, report: Report | None = None) -> Source:
    return source(db, PDF, report or expected_report(HETIAN), b"%PDF-1.7 report")


def latest(db: Database) -> dict[str, Any]:
    (row,) = db.query("select * from reports where latest = 1")
    return row


def sources(db: Database, report_id: int) -> set[tuple[str, str, str]]:
    return {
        (row["url"], row["role"], row["numbers"])
        for row in db.query(
            "select * from report_sources where report_id = ?", [report_id]
        )
    }


def assert_seed_numbers(db: Database, report_id: int) -> None:
    """The stored version carries exactly the reference report's numbers."""
    path = Path(db.execute("pragma database_list").fetchone()[2])
    values = stored_values(Crawl(path, "", []), report_id)
    want = expected(HETIAN)
    for part in ("proactive", "requests", "review_litigation"):
        assert values[part] == want[part], part


def counts(db: Database) -> dict[str, int]:
    return {table: db.table(table).count for table in (*TABLES, "report_sources")}


@pytest.mark.parametrize("order", ["page first", "attachment first"])
def test_page_with_tables_and_equal_attachment_is_one_report(
    db: Database, order: str
) -> None:
    items = [page_with_tables, attachment]
    for make in items if order == "page first" else items[::-1]:
        store_source(db, make(db))
    report = latest(db)
    assert db.execute("select count(distinct url) from reports").fetchone()[0] == 1
    assert db.table("pages").get(report["page_id"])["url"] == PAGE
    assert sources(db, report["id"]) == {
        (PAGE, "page", "content"),
        (PDF, "attachment", "equal"),
    }
    assert_seed_numbers(db, report["id"])


@pytest.mark.parametrize("order", ["page first", "attachment first"])
def test_attachment_of_a_page_without_tables_becomes_the_content(
    db: Database, order: str
) -> None:
    items = [page_without_tables, attachment]
    for make in items if order == "page first" else items[::-1]:
        store_source(db, make(db))
    report = latest(db)
    assert (report["url"], report["status"]) == (PAGE, "ok")
    assert db.table("pages").get(report["page_id"])["url"] == PDF
    assert sources(db, report["id"]) == {
        (PAGE, "page", "none"),
        (PDF, "attachment", "content"),
    }
    assert_seed_numbers(db, report["id"])


def test_page_first_keeps_its_tableless_version_as_history(db: Database) -> None:
    first = store_source(db, page_without_tables(db))
    second = store_source(db, attachment(db))
    assert (first.outcome, first.version) == ("new", 1)
    assert (second.outcome, second.version) == ("changed", 2)
    old = db.table("reports").get(first.report_id)
    assert (old["latest"], old["status"]) == (0, "incomplete")


def test_attachment_first_then_its_page_counts_the_page_as_new(db: Database) -> None:
    store_source(db, attachment(db))
    assert store_source(db, page_without_tables(db)).outcome == "new"
    assert store_source(db, page_without_tables(db)).outcome == "unchanged"


@pytest.mark.parametrize("tables", [page_with_tables, page_without_tables])
@pytest.mark.parametrize("order", ["page first", "attachment first"])
def test_storing_again_adds_nothing(db: Database, tables: Any, order: str) -> None:
    items = [tables, attachment]
    items = items if order == "page first" else items[::-1]
    for make in items:
        store_source(db, make(db))
    before = counts(db)
    for make in items:
        assert store_source(db, make(db)).outcome == "unchanged"
    assert counts(db) == before


@pytest.mark.parametrize("order", ["page first", "attachment first"])
def test_differing_attachment_is_a_finding_naming_the_cells(
    db: Database, order: str
) -> None:
    changed = copy.deepcopy(expected_report(HETIAN))
    granted = changed.requests["granted"]
    page_total = granted["total"]
    granted["total"] = (page_total or 0) + 1
    items = [page_with_tables, lambda db: attachment(db, changed)]
    for make in items if order == "page first" else items[::-1]:
        store_source(db, make(db))
    for make in items:
        store_source(db, make(db))
    report = latest(db)
    assert db.table("pages").get(report["page_id"])["url"] == PAGE
    assert (PDF, "attachment", "differ") in sources(db, report["id"])
    findings = list(
        db.query(
            "select * from findings where report_id = ? and kind = 'source_mismatch'",
            [report["id"]],
        )
    )
    assert len(findings) == 1
    assert findings[0]["where"] == PDF
    cell = f"requests.granted.total {page_total}≠{(page_total or 0) + 1}"
    assert cell in findings[0]["message"]
    assert "differ in 1 cells" in findings[0]["message"]
    assert report["finding_count"] == 1


@pytest.mark.parametrize("order", ["page first", "attachment first"])
def test_attachment_without_tables_is_a_source_with_its_findings(
    db: Database, order: str
) -> None:
    scanned = Report(source=PDF)
    scanned.find("attachment_needs_ocr", "PDF has no text layer", "x.pdf")
    items = [page_with_tables, lambda db: attachment(db, scanned)]
    for make in items if order == "page first" else items[::-1]:
        store_source(db, make(db))
    report = latest(db)
    assert db.table("pages").get(report["page_id"])["url"] == PAGE
    assert sources(db, report["id"]) == {
        (PAGE, "page", "content"),
        (PDF, "attachment", "none"),
    }
    findings = db.query("select kind from findings where report_id = ?", [report["id"]])
    assert [row["kind"] for row in findings] == ["attachment_needs_ocr"]
    assert report["finding_count"] == 1
