"""`govcrawl load`: local report files (HTML, text, PDF, DOCX, DOC, WPS) through
clean -> parse -> validate (govcrawl.flow) -> store, one report per file, identified
as (portal 'local', the file's URI)."""

from __future__ import annotations

import argparse
import sqlite3
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from govcrawl.commands.local_files import file_document, file_name, storage_full

if TYPE_CHECKING:
    from sqlite_utils import Database

    from govcrawl.config import Config
    from govcrawl.store import StoreOutcome

LOCAL_PORTAL = "local"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "load",
        help="clean, parse, validate and store local report files",
        description="Store local report files (HTML, text or attachments) in the "
        "SQLite file; loading the same file twice changes nothing, a changed file "
        "becomes a new version.",
    )
    parser.add_argument("--db", help="SQLite file to write (default: GOVCRAWL_DB)")
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from govcrawl.config import project_config
    from govcrawl.store import open_db

    config = project_config(db=args.db)
    db = open_db(config.db)
    outcomes: Counter[str] = Counter()
    for index, path in enumerate(args.paths):
        name = file_name(path)
        try:
            outcome = load_file(db, path, config)
        except Exception as error:  # one file's error never ends the batch
            if storage_full(error):
                # What is stored stays stored; the rest waits for space.
                left = len(args.paths) - index
                print(
                    f"{name}: not loaded: the store is full ({error}); "
                    f"{left} file(s) not loaded",
                    file=sys.stderr,
                )
                outcomes["not loaded (store full)"] += left
                break
            outcomes[record_file_error(db, name, error)] += 1
            continue
        report = db.table("reports").get(outcome.report_id)
        print(
            f"{name}: {outcome.outcome} (report {outcome.report_id}, "
            f"version {outcome.version}, {report['status']})"
        )
        outcomes[outcome.outcome] += 1
    _close(db)
    summary = ", ".join(f"{count} {name}" for name, count in sorted(outcomes.items()))
    print(f"{len(args.paths)} files: {summary}")
    refused = ("unreadable", "failed", "not loaded (store full)")
    return 1 if any(outcomes[kind] for kind in refused) else 0


def record_file_error(db: Database, name: str, error: Exception) -> str:
    """Say why a file was not stored and keep it in failed_requests (kind 'file'):
    'unreadable' for missing files, paths refused (FIFO, empty, too large) and
    pages the clean stage refuses (binary), 'failed' for anything else."""
    import traceback

    from govcrawl.dates import utc_now
    from govcrawl.items import FailedRequest
    from govcrawl.store.failures import record_failure

    unreadable = isinstance(error, OSError | ValueError)
    reason = error.strerror if isinstance(error, OSError) else error
    print(f"{name}: not loaded: {reason}", file=sys.stderr)
    if not unreadable:
        traceback.print_exception(error, file=sys.stderr)
    outcome = "unreadable" if unreadable else "failed"
    message = f"{type(error).__name__}: {reason}"
    failure = FailedRequest(name, LOCAL_PORTAL, outcome, message, "file", utc_now())
    try:
        record_failure(db, failure)
    except sqlite3.Error as store_error:
        print(f"{name}: failure not recorded: {store_error}", file=sys.stderr)
    return outcome


def _close(db: Database) -> None:
    from govcrawl.store.connection import close_db

    try:
        close_db(db)
    except (OSError, sqlite3.OperationalError) as error:
        if not storage_full(error):
            raise
        # The last checkpoint needs space too; the WAL keeps what was committed.
        print(f"store not checkpointed: {error}", file=sys.stderr)


def load_file(db: Database, path: Path, config: Config) -> StoreOutcome:
    """One file through the flow; the page row keeps the file's bytes."""
    from govcrawl.dates import utc_now
    from govcrawl.flow import clean_parse_validate
    from govcrawl.items import ReportPage
    from govcrawl.store import store_page_report

    document = file_document(path, config.limits.max_bytes)
    result = clean_parse_validate(document, config)
    if result.unreadable:
        raise ValueError(result.unreadable)
    report = result.report
    page = ReportPage(
        url=document.url,
        portal=LOCAL_PORTAL,
        title=report.title or "",
        year=report.year,
        published=report.published,
        body=document.body,
        headers={},
        status=200,
        fetched_at=utc_now(),
        kind=result.kind,
    )
    return store_page_report(db, page, result.cleaned, report)
