"""Operator errors get clear messages (issue 15 item 8): a GBK file name made `load`
fail with a codec message (and an orphan pages row) and `parse` print invalid UTF-8;
a FIFO hung the batch; a full disk ended `load` with a traceback and no summary; a
file over the size cap was read whole. One rule for `parse`, `clean` and `load`."""

from __future__ import annotations

import json
import os
import resource
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

# Real crawls, servers and child processes: the end-to-end tier.
pytestmark = pytest.mark.e2e

REPORTS = Path(__file__).parent / "fixtures" / "reports"
PAGE = REPORTS / "hegang_2024.html"
TITLE = "工农区人民政府2024年政府信息公开工作年度报告"
GBK_NAME = "年报".encode("gbk") + b".html"


def _govcrawl(
    *args: str | bytes, cwd: Path, preexec_fn: Callable[[], None] | None = None
) -> subprocess.CompletedProcess[bytes]:
    command = [sys.executable.encode(), b"-m", b"govcrawl.cli"]
    command += [os.fsencode(arg) for arg in args]
    return subprocess.run(
        command, cwd=cwd, capture_output=True, timeout=60, preexec_fn=preexec_fn
    )


def _count(db: Path, table: str) -> int:
    with sqlite3.connect(db) as connection:
        (count,) = connection.execute(f"select count(*) from {table}").fetchone()
    return int(count)


def test_a_gbk_file_name_parses_to_utf8_json_naming_it_readably(tmp_path: Path) -> None:
    (tmp_path / os.fsdecode(GBK_NAME)).write_bytes(PAGE.read_bytes())
    done = _govcrawl(b"parse", GBK_NAME, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.decode("utf-8"))
    assert (report["source"], report["title"]) == ("年报.html", TITLE)


def test_a_gbk_file_name_loads_with_no_orphan_row(tmp_path: Path) -> None:
    (tmp_path / os.fsdecode(GBK_NAME)).write_bytes(PAGE.read_bytes())
    db = tmp_path / "g.db"
    done = _govcrawl(b"load", b"--db", str(db), GBK_NAME, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode("utf-8").splitlines()[0].startswith("年报.html: new")
    assert (_count(db, "pages"), _count(db, "reports")) == (1, 1)


def _special_paths(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    fifo = tmp_path / "report.html"
    os.mkfifo(fifo)
    empty = tmp_path / "empty.html"
    empty.touch()
    huge = tmp_path / "huge.html"
    with huge.open("wb") as file:
        file.truncate(40 * 1024 * 1024)  # sparse: 40 MiB on paper, nothing on disk
    return {
        "fifo": (fifo, "not a regular file (a FIFO)"),
        "device": (Path("/dev/zero"), "not a regular file (a device)"),
        "directory": (tmp_path, "not a regular file (a directory)"),
        "empty": (empty, "empty file"),
        "huge": (huge, "over the limit of 31457280 bytes"),
    }


@pytest.mark.parametrize("command", ["parse", "clean", "load"])
def test_one_rule_for_special_empty_and_huge_files(
    tmp_path: Path, command: str
) -> None:
    (tmp_path / "files").mkdir()
    for name, (path, reason) in _special_paths(tmp_path / "files").items():
        args = [command, str(path)]
        if command == "load":
            args[1:1] = ["--db", str(tmp_path / "x.db")]
        done = _govcrawl(*args, cwd=tmp_path)
        assert done.returncode == 1, (name, done.stdout, done.stderr)
        assert reason in done.stderr.decode(), (name, done.stderr)
        assert b"Traceback" not in done.stderr


@pytest.fixture
def many_pages(tmp_path: Path) -> list[Path]:
    body = PAGE.read_bytes()
    paths = []
    for number in range(40):
        # Distinct bytes per file (each a new report), 40 kB more than the page.
        filler = os.urandom(20_000).hex().encode()
        path = tmp_path / f"r{number:02d}.html"
        path.write_bytes(body.replace(b"</body>", filler + b"</body>"))
        paths.append(path)
    return paths


def _small_file_limit() -> None:
    # The store file may not grow past 1.5 MB, as on a full disk; SIGXFSZ ignored so
    # the write fails (EFBIG) instead of killing the process.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (1_500_000, 1_500_000))


def test_a_full_store_ends_load_with_a_summary_of_what_was_stored(
    tmp_path: Path, many_pages: list[Path]
) -> None:
    db = tmp_path / "full.db"
    done = _govcrawl(
        "load",
        "--db",
        str(db),
        *map(str, many_pages),
        cwd=tmp_path,
        preexec_fn=_small_file_limit,
    )
    stdout, stderr = done.stdout.decode(), done.stderr.decode()
    assert done.returncode == 1
    assert "Traceback" not in stderr
    loaded = [line for line in stdout.splitlines() if ": new (report" in line]
    assert 0 < len(loaded) < len(many_pages)
    left = len(many_pages) - len(loaded)
    assert stdout.splitlines()[-1] == (
        f"40 files: {len(loaded)} new, {left} not loaded (store full)"
    )
    assert "the store is full" in stderr
    # What the summary says was stored is there and reads.
    assert _count(db, "reports") == len(loaded)
