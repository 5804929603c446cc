"""`govcrawl browse`: serve the SQLite file read-only with Datasette and the packaged
metadata (facets, canned queries, column descriptions, the requests dashboard)."""

from __future__ import annotations

import argparse
import json
import stat
import sys
import tempfile
from pathlib import Path

from datasette.cli import cli as datasette_cli

from govcrawl.browse import DATABASE, METADATA, database_name, load_metadata
from govcrawl.settings import GOVCRAWL_DB

SQL_TIME_LIMIT_MS = 1000
MAX_RETURNED_ROWS = 1000
_WRITE_BITS = stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "browse",
        help="serve the SQLite file with Datasette",
        description="Run `datasette serve` on the SQLite file with govcrawl's metadata.",
    )
    parser.add_argument("--db", default=GOVCRAWL_DB, type=Path, help="SQLite file")
    parser.add_argument("--port", default=8001, type=int, help="port (default 8001)")
    parser.add_argument("--host", default="127.0.0.1", help="interface to listen on")
    parser.set_defaults(run=run)


def serve_arguments(db_path: Path, metadata: Path, host: str, port: int) -> list[str]:
    """`datasette serve` arguments. Only a file nobody may write (no write bits, no
    -wal) is opened immutable (-i: no locks, counts cached): a crawl or load writing
    under an immutable reader made half the requests fail "database disk image is
    malformed". Query time, rows and value size are capped for publishing."""
    database = ["-i", str(db_path)] if is_frozen(db_path) else [str(db_path)]
    return [
        "serve",
        *database,
        "--metadata",
        str(metadata),
        "--host",
        host,
        "--port",
        str(port),
        "--setting",
        "truncate_cells_html",
        "120",
        "--setting",
        "sql_time_limit_ms",
        str(SQL_TIME_LIMIT_MS),
        "--setting",
        "max_returned_rows",
        str(MAX_RETURNED_ROWS),
    ]


def is_frozen(db_path: Path) -> bool:
    """Read-only on disk and not mid-write: the published copy of README's recipe."""
    wal = db_path.with_name(f"{db_path.name}-wal")
    return not db_path.stat().st_mode & _WRITE_BITS and not wal.exists()


def run(args: argparse.Namespace) -> int:
    db_path: Path = args.db
    if not db_path.is_file():
        print(
            f"{db_path}: no such SQLite file (run a crawl or govcrawl load)",
            file=sys.stderr,
        )
        return 1
    with tempfile.TemporaryDirectory() as scratch:
        metadata = metadata_file(db_path, Path(scratch))
        argv = serve_arguments(db_path, metadata, args.host, args.port)
        datasette_cli.main(argv, prog_name="datasette", standalone_mode=False)
    return 0


def metadata_file(db_path: Path, scratch: Path) -> Path:
    """The packaged metadata.yml, or a copy keyed by this file's database name."""
    name = database_name(db_path)
    if name == DATABASE:
        return METADATA
    renamed = scratch / "metadata.json"
    renamed.write_text(json.dumps(load_metadata(name), ensure_ascii=False))
    return renamed
