"""One report, several sources: a report page and the attachments it links to.

A report is (portal, report page URL). Its attachment (the same report as a PDF or
Word file) is stored as a second source of that report, never as a report of its own:

- the page has the tables: the page's numbers are the report's; the attachment's are
  compared with them, and differing cells become a `source_mismatch` finding;
- the page has no tables (详见附件): the attachment's numbers become the report's
  content, as a new version whose sources still name the page.

Items arrive in any order, so an attachment seen before its page starts the report,
and the page, when it has the tables, takes over as a new version. Storing the same
source twice adds nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sqlite_utils import Database

from govcrawl.model import CleanResult, Report
from govcrawl.store import rows
from govcrawl.store.cells import (
    Cells,
    differing_cells,
    report_numbers,
    stored_numbers,
)
from govcrawl.store.search import index_if_due
from govcrawl.store.write import Outcome, StoreOutcome, insert_rows, store_report

Role = Literal["page", "attachment"]
MISMATCH = "source_mismatch"
# Cells named in a mismatch finding; the count says how many more differ.
MAX_CELLS_NAMED = 12


@dataclass(frozen=True)
class Source:
    """One fetched document of a report, parsed. report_url: the report's identity,
    the URL of the report page (for an attachment, the page that linked it)."""

    portal: str
    report_url: str
    url: str
    kind: str
    role: Role
    page_id: int
    cleaned: CleanResult
    report: Report
    seen_at: str


@dataclass(frozen=True)
class Latest:
    id: int
    version: int
    page_id: int
    complete: bool
    content_role: str
    content_url: str


def store_source(db: Database, source: Source) -> StoreOutcome:
    """Store a report page or an attachment as a source of its report."""
    with db.atomic():
        latest = latest_version(db, source.portal, source.report_url)
        if source.role == "page":
            outcome = _store_page(db, source, latest)
        else:
            outcome = _store_attachment(db, source, latest)
    index_if_due(db)
    return outcome


def _store_page(db: Database, source: Source, latest: Latest | None) -> StoreOutcome:
    if latest is None or latest.content_role == "page":
        outcome = _store_content(db, source)
        add_source(db, outcome.report_id, source, "content")
        return outcome
    # The report's numbers come from an attachment stored before (or instead of) it.
    seen: Outcome = "unchanged" if _has_page_source(db, source) else "new"
    if not complete(source.report):
        add_source(db, latest.id, source, "none")
        _touch(db, latest.id, source.seen_at)
        return StoreOutcome(seen, latest.id, latest.version)
    outcome = _store_content(db, source)
    _carry_attachments(db, latest, outcome.report_id, source)
    add_source(db, outcome.report_id, source, "content")
    return StoreOutcome(seen, outcome.report_id, outcome.version)


def _store_attachment(
    db: Database, source: Source, latest: Latest | None
) -> StoreOutcome:
    if latest is None:
        outcome = _store_content(db, source)
        add_source(db, outcome.report_id, source, "content")
        return outcome
    if latest.page_id == source.page_id:
        _touch(db, latest.id, source.seen_at)
        return StoreOutcome("unchanged", latest.id, latest.version)
    replaces_itself = latest.content_role == "attachment" and (
        latest.content_url == source.url
    )
    if latest.complete and not replaces_itself:
        add_source(db, latest.id, source, compare(db, latest.id, source))
        _keep_attachment_findings(db, latest.id, source.report)
        return StoreOutcome("unchanged", latest.id, latest.version)
    if not complete(source.report):
        add_source(db, latest.id, source, "none")
        _keep_attachment_findings(db, latest.id, source.report)
        return StoreOutcome("unchanged", latest.id, latest.version)
    outcome = _store_content(db, source)
    if outcome.report_id != latest.id:
        _carry_pages(db, latest.id, outcome.report_id)
    add_source(db, outcome.report_id, source, "content")
    return outcome


def _store_content(db: Database, source: Source) -> StoreOutcome:
    return store_report(
        db,
        portal=source.portal,
        url=source.report_url,
        page_id=source.page_id,
        cleaned=source.cleaned,
        report=source.report,
        seen_at=source.seen_at,
    )


def complete(report: Report) -> bool:
    """All three tables parsed: a report that can stand for its numbers."""
    return rows.report_status(report) != "incomplete"


def latest_version(db: Database, portal: str, url: str) -> Latest | None:
    row = db.execute(
        "select r.id, r.version, r.page_id, r.status, s.role, s.url from reports r"
        " left join report_sources s on s.report_id = r.id and s.page_id = r.page_id"
        " where r.portal = ? and r.url = ? order by r.version desc limit 1",
        [portal, url],
    ).fetchone()
    if row is None:
        return None
    report_id, version, page_id, status, role, content_url = row
    # Reports stored without sources (govcrawl load) were parsed from their page.
    return Latest(
        report_id, version, page_id, status != "incomplete", role or "page", content_url
    )


def add_source(db: Database, report_id: int, source: Source, numbers: str) -> None:
    row = {
        "report_id": report_id,
        "page_id": source.page_id,
        "url": source.url,
        "kind": source.kind,
        "role": source.role,
        "numbers": numbers,
        "first_seen": source.seen_at,
    }
    insert_rows(db, "report_sources", [row], ignore=True)


def _has_page_source(db: Database, source: Source) -> bool:
    found = db.execute(
        "select 1 from report_sources s join reports r on r.id = s.report_id"
        " where r.portal = ? and r.url = ? and s.role = 'page' limit 1",
        [source.portal, source.report_url],
    ).fetchone()
    return found is not None


def _touch(db: Database, report_id: int, seen_at: str) -> None:
    db.execute("update reports set last_seen = ? where id = ?", [seen_at, report_id])


def _carry_pages(db: Database, old_id: int, new_id: int) -> None:
    """The report page stays a source of the version its attachment filled in."""
    db.execute(
        "insert or ignore into report_sources"
        " (report_id, page_id, url, kind, role, numbers, first_seen)"
        " select ?, page_id, url, kind, role, 'none', first_seen from report_sources"
        " where report_id = ? and role = 'page'",
        [new_id, old_id],
    )


def _carry_attachments(db: Database, latest: Latest, new_id: int, page: Source) -> None:
    """A page with tables takes over from the attachment that was the content: the
    attachment stays a source, its numbers (the old version's) compared with the
    page's, what reading it found kept; other attachments are carried over without a
    comparison."""
    attachments = db.execute(
        "select page_id, url, kind, first_seen from report_sources"
        " where report_id = ? and role = 'attachment'",
        [latest.id],
    ).fetchall()
    for page_id, url, kind, first_seen in attachments:
        numbers = "not_compared"
        if page_id == latest.page_id and not latest.complete:
            numbers = "none"
        elif page_id == latest.page_id:
            report_cells = report_numbers(page.report)
            attachment_cells = stored_numbers(db, latest.id)
            numbers = _compare(db, new_id, report_cells, attachment_cells, url)
        row = {
            "report_id": new_id,
            "page_id": page_id,
            "url": url,
            "kind": kind,
            "role": "attachment",
            "numbers": numbers,
            "first_seen": first_seen,
        }
        db.table("report_sources").insert(row, ignore=True)
    for kind, message, where in db.execute(
        'select kind, message, "where" from findings'
        " where report_id = ? and kind like 'attachment%'",
        [latest.id],
    ).fetchall():
        add_finding(db, new_id, kind, message, where)


def compare(db: Database, report_id: int, attachment: Source) -> str:
    """How an attachment's numbers relate to those of the stored version report_id."""
    if not complete(attachment.report):
        return "none"
    report_cells = stored_numbers(db, report_id)
    attachment_cells = report_numbers(attachment.report)
    return _compare(db, report_id, report_cells, attachment_cells, attachment.url)


def _compare(
    db: Database, report_id: int, report_cells: Cells, attachment_cells: Cells, url: str
) -> str:
    """'equal', or 'differ' with a finding on the report naming each differing cell
    as `path report≠attachment`."""
    differing = differing_cells(report_cells, attachment_cells)
    if not differing:
        return "equal"
    named = ", ".join(differing[:MAX_CELLS_NAMED])
    more = len(differing) - MAX_CELLS_NAMED
    message = (
        f"the report and its attachment differ in {len(differing)} cells "
        f"(report≠attachment): {named}" + (f" and {more} more" if more > 0 else "")
    )
    add_finding(db, report_id, MISMATCH, message, url)
    return "differ"


def _keep_attachment_findings(db: Database, report_id: int, report: Report) -> None:
    """What reading a source-only attachment found (needs OCR, …) stays on record."""
    for finding in report.findings:
        if finding.kind.startswith("attachment"):
            add_finding(db, report_id, finding.kind, finding.message, finding.where)


def add_finding(
    db: Database, report_id: int, kind: str, message: str, where: str
) -> None:
    exists = db.execute(
        "select 1 from findings where report_id = ? and kind = ? and message = ?"
        ' and "where" = ?',
        [report_id, kind, message, where],
    ).fetchone()
    if exists:
        return
    row = {"report_id": report_id, "kind": kind, "message": message, "where": where}
    db.table("findings").insert(row)
    db.execute(
        "update reports set finding_count = finding_count + 1 where id = ?", [report_id]
    )
