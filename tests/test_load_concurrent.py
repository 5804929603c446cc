"""Two `govcrawl load` processes on one store file (issue 15 item 4): over file sets
that overlap, stored in the same order at the same moment, they end with every file
stored exactly once, row for row what one process stores."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.snapshot import duplicates, snapshot

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
ORIGINALS = sorted((FIXTURES / "reports").glob("*_20*.html")) + sorted(
    (FIXTURES / "seeds").glob("*.txt")
)
COPIES = 12


def load(db: Path, files: list[Path]) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "govcrawl.cli", "load", "--db", str(db)]
    return subprocess.Popen(
        [*command, *map(str, files)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def finish(process: subprocess.Popen[str]) -> str:
    out, _ = process.communicate(timeout=900)
    assert process.returncode == 0, out[-3000:]
    return out


@pytest.fixture
def files(tmp_path: Path) -> list[Path]:
    """Each reference report and seed under COPIES names: a report per file."""
    folder = tmp_path / "files"
    folder.mkdir()
    copies = []
    for copy in range(COPIES):
        for original in ORIGINALS:
            path = folder / f"{copy:02d}_{original.name}"
            shutil.copy(original, path)
            copies.append(path)
    return copies


def test_two_loads_store_every_file_once(tmp_path: Path, files: list[Path]) -> None:
    # The first half goes through both processes in lockstep; the second through one.
    one = load(tmp_path / "shared.db", files[: len(files) // 2])
    two = load(tmp_path / "shared.db", files)
    outputs = [finish(one), finish(two)]
    finish(load(tmp_path / "single.db", files))

    with sqlite3.connect(tmp_path / "shared.db") as db:
        (reports,) = db.execute("select count(distinct url) from reports").fetchone()
        assert db.execute("select count(*) from pages").fetchone() == (len(files),)
        assert db.execute("select count(*) from reports").fetchone() == (len(files),)
    assert reports == len(files)
    shared, single = snapshot(tmp_path / "shared.db"), snapshot(tmp_path / "single.db")
    assert duplicates(shared["reports"]) == []
    for table, rows in shared.items():
        assert rows == single[table], table
    assert all("not loaded" not in out for out in outputs), outputs
