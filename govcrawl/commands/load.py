"""`govcrawl load`: local report files (HTML, text) through clean -> parse -> validate
-> store, one report per file, identified as (portal 'local', the file's URI)."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from sqlite_utils import Database

from govcrawl.clean import clean_page
from govcrawl.items import ReportPage
from govcrawl.model import CleanResult, Report
from govcrawl.parse import parse_report
from govcrawl.settings import GOVCRAWL_DB
from govcrawl.store import StoreOutcome, open_db, store_page, store_report
from govcrawl.store.write import utc_now
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
            body = path.read_bytes()
        except OSError as error:
            print(f"{path}: not loaded: {error.strerror}", file=sys.stderr)
            outcomes["unreadable"] += 1
            continue
        outcome = load_file(db, path, body)
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
    is_html = path.suffix.lower() in HTML_SUFFIXES
    cleaned = clean_page(body, url=url, content_type=_content_type(is_html))
    report = read_cleaned(cleaned, source=str(path), is_html=is_html)
    validate(report)
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
        kind="html" if is_html else "text",
    )
    page_id = store_page(db, page)
    return store_report(
        db, portal=page.portal, url=url, page_id=page_id, cleaned=cleaned, report=report
    )


def read_cleaned(cleaned: CleanResult, *, source: str, is_html: bool) -> Report:
    content = cleaned.html if is_html else cleaned.text
    report = parse_report(content, source=source, html=is_html)
    # Title and date often sit in meta tags or chrome lines the clean stage removed,
    # e.g. panzhihua's "发布时间:2023-01-19" header line.
    report.title = report.title or cleaned.meta.get("ArticleTitle")
    report.published = report.published or cleaned.meta.get("PubDate")
    return report


def _content_type(is_html: bool) -> str:
    return "text/html" if is_html else "text/plain"
