"""Local files as `govcrawl parse`, `clean` and `load` read them, by one rule
(issue 15 item 8): only a regular file (a FIFO hung the batch; a device never ends),
not empty, and at most GOVCRAWL_ATTACHMENT_MAX_BYTES (a crawl refuses a larger body
too; a 50 MB page cost `parse` gigabytes). A file name in another encoding than
UTF-8 (GBK names from a Windows archive) is named in readable text, never with the
lone surrogates that made `load` fail and `parse` print invalid UTF-8."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from govcrawl.flow import Document


class Refused(ValueError):
    """A path the commands do not read, and why."""


def file_name(path: Path | str) -> str:
    """The path as text: UTF-8, else GB18030 (any GBK name), else escaped bytes."""
    raw = os.fsencode(path)
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", "backslashreplace")


def read_file(path: Path, max_bytes: int) -> bytes:
    """The file's bytes; Refused for what is not a regular, non-empty file within
    max_bytes, OSError (missing, unreadable) as the system says it."""
    status = os.stat(path)
    if not stat.S_ISREG(status.st_mode):
        raise Refused(f"not a regular file ({_kind(status.st_mode)}); not read")
    if status.st_size == 0:
        raise Refused("empty file: nothing to read")
    if status.st_size > max_bytes:
        raise Refused(
            f"file of {status.st_size} bytes is over the limit of {max_bytes} "
            "bytes (GOVCRAWL_ATTACHMENT_MAX_BYTES); not read"
        )
    with open(path, "rb") as file:
        return file.read(max_bytes + 1)[:max_bytes]


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"


def file_document(path: Path, max_bytes: int) -> Document:
    """A local file as the flow reads it: no Content-Type, so its bytes decide."""
    from govcrawl.flow import Document

    body = read_file(path, max_bytes)
    return Document(body, url=path.resolve().as_uri(), source=file_name(path))


def storage_full(error: BaseException) -> bool:
    """The store's disk is full, or the file may grow no more (RLIMIT_FSIZE, a
    quota): SQLite's SQLITE_FULL and I/O errors, or ENOSPC/EFBIG/EDQUOT."""
    # Imported here: `govcrawl parse` uses this module and never opens a store
    # (sqlite3 is 5 ms of its start-up).
    import sqlite3

    if isinstance(error, sqlite3.OperationalError):
        text = str(error)
        return "disk is full" in text or "disk I/O error" in text
    return isinstance(error, OSError) and error.errno in (
        errno.ENOSPC,
        errno.EFBIG,
        errno.EDQUOT,
    )
