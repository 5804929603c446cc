"""`govcrawl load`: local report files (HTML, text, PDF, DOCX, DOC, WPS) through
clean -> parse -> validate -> store, one report per file, identified as
(portal 'local', the file's URI)."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from sqlite_utils import Database

from govcrawl.attachments import attachment_kind
from govcrawl.clean import clean_page
from govcrawl.dates import utc_now
from govcrawl.items import ReportPage
from govcrawl.parse.page import clean_attachment, parse_cleaned
from govcrawl.settings import GOVCRAWL_DB
from govcrawl.store import StoreOutcome, open_db, store_page, store_report
from govcrawl.validate import validate

LOCAL_PORTAL = "local"
HTML_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "load",
        help="clean, parse, validate and store local report files",
        description="Store local report files (HTML or text) in the SQLite file; "
        "loading the same file twice changes nothing, a changed file becomes a "
        "new version.",
    )
    parser.add_argument("--db", default=GOVCRAWL_DB, help="SQLite file to write")
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    db = open_db(args.db)
    outcomes: Counter[str] = Counter()
    for path in args.paths:
        try:
            outcome = load_file(db, path, path.read_bytes())
        except (OSError, ValueError) as error:
            # Missing files and pages the clean stage refuses (empty, binary).
            reason = error.strerror if isinstance(error, OSError) else error
            print(f"{path}: not loaded: {reason}", file=sys.stderr)
            outcomes["unreadable"] += 1
            continue
        report = db.table("reports").get(outcome.report_id)
        print(
            f"{path}: {outcome.outcome} (report {outcome.report_id}, "
            f"version {outcome.version}, {report['status']})"
        )
        outcomes[outcome.outcome] += 1
    db.close()
    summary = ", ".join(f"{count} {name}" for name, count in sorted(outcomes.items()))
    print(f"{len(args.paths)} files: {summary}")
    return 1 if outcomes["unreadable"] else 0


def load_file(db: Database, path: Path, body: bytes) -> StoreOutcome:
    """One file through the stages; the page row keeps the file's bytes."""
    url = path.resolve().as_uri()
    kind = attachment_kind(path.name, body)
    if kind:
        cleaned, findings = clean_attachment(body, path.name)
    else:
        kind = "html" if path.suffix.lower() in HTML_SUFFIXES else "text"
        cleaned, findings = clean_page(body, url=url, content_type=_TYPES[kind]), []
    as_html = kind != "text" and bool(cleaned.html)
    report = parse_cleaned(cleaned, source=str(path), html=as_html)
    report.findings[:0] = findings
    validate(report, text=cleaned.text)
    page = ReportPage(
        url=url,
        portal=LOCAL_PORTAL,
        title=report.title or "",
        year=report.year,
        published=report.published,
        body=body,
        headers={},
        status=200,
        fetched_at=utc_now(),
        kind=kind,
    )
    page_id = store_page(db, page)
    return store_report(
        db, portal=page.portal, url=url, page_id=page_id, cleaned=cleaned, report=report
    )


_TYPES = {"html": "text/html", "text": "text/plain"}
