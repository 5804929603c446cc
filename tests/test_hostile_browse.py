"""Browsing while crawling (issue 15 item 6): `govcrawl browse` served a finished
file as immutable; once a crawl or a load wrote to it, half of all requests failed
with "database disk image is malformed" until restart. Here a real `govcrawl load`
writes to the file a real `govcrawl browse` serves, while it is asked again and
again: every answer is good, and the new reports show."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.error
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.served import ROOT, SEED_FILES, fetch, load_seeds, serve

# Real crawls, servers and child processes: the end-to-end tier.
pytestmark = pytest.mark.e2e

COUNT = "/govcrawl.json?" + urllib.parse.urlencode(
    {"sql": "select count(*) as n from reports", "_shape": "array"}
)
PAGES = ("/govcrawl/reports.json?_size=50", "/govcrawl/pages.json?_col=url", COUNT)


@pytest.fixture
def first_half(tmp_path: Path) -> Path:
    db_path = tmp_path / "govcrawl.db"
    load_seeds(db_path, *SEED_FILES[: len(SEED_FILES) // 2])
    return db_path  # finished (no -wal) and writable: what was served immutable


@pytest.fixture
def served(first_half: Path) -> Iterator[str]:
    yield from serve(first_half)


def answer(url: str) -> str:
    try:
        return fetch(url).decode()
    except urllib.error.HTTPError as error:
        return f"HTTP {error.code}: {error.read().decode(errors='replace')}"


def reports(url: str) -> int:
    count: int = json.loads(fetch(url + COUNT))[0]["n"]
    return count


def test_a_file_served_while_a_load_writes_it_answers_every_request(
    served: str, first_half: Path
) -> None:
    before = reports(served)
    command = [sys.executable, "-m", "govcrawl.cli", "load", "--db", str(first_half)]
    command += map(str, SEED_FILES[len(SEED_FILES) // 2 :])
    load = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL)
    bad: list[str] = []
    asked = 0
    try:
        while load.poll() is None or asked < 30:
            text = answer(served + PAGES[asked % len(PAGES)])
            if text.startswith("HTTP") or "malformed" in text:
                bad.append(text[:300])
            asked += 1
    finally:
        load.wait(timeout=120)
    assert load.returncode == 0
    assert bad == []
    assert reports(served) == len(SEED_FILES) > before
