"""Cap the size of any one value a query can build on Datasette's connections:
`select hex(zeroblob(400000000))` made the server take 4.8 GB and return 800 MB.
Twice DOWNLOAD_MAXSIZE, so every stored page body (compressed) still reads."""

from __future__ import annotations

import sqlite3

from datasette import hookimpl

from govcrawl.settings import DOWNLOAD_MAXSIZE

VALUE_MAX_BYTES = 2 * DOWNLOAD_MAXSIZE


@hookimpl
def prepare_connection(conn: sqlite3.Connection) -> None:
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, VALUE_MAX_BYTES)
