"""`govcrawl browse` as a real `datasette serve` process on 127.0.0.1, looked at over
HTTP and with Debian's headless Chromium."""

from __future__ import annotations

import struct
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from govcrawl.browse import load_metadata
from tests.served import (
    CHROMIUM,
    CHROMIUM_FLAGS,
    QUERIES,
    fetch_json,
    load_seeds,
    serve,
)
from tests.stored_seeds import YUANJIANG, expected_seeds

WINDOW = (1280, 2400)


# End-to-end: a datasette serve process and Chromium.
pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db_path = tmp_path_factory.mktemp("serve") / "govcrawl.db"
    load_seeds(db_path)
    db_path.chmod(0o444)  # README's publishing recipe: only then immutable
    yield from serve(db_path)


def chromium(tmp_path: Path, *arguments: str) -> subprocess.CompletedProcess[bytes]:
    profile = tmp_path / "chromium-profile"
    command = [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *arguments]
    return subprocess.run(command, capture_output=True, timeout=120, check=True)


def test_database_is_served_immutable_with_the_packaged_metadata(served: str) -> None:
    (database,) = fetch_json(f"{served}/-/databases.json")
    assert (database["name"], database["is_mutable"]) == ("govcrawl", False)
    assert fetch_json(f"{served}/-/metadata.json")["title"] == load_metadata()["title"]


def test_served_facets_and_every_canned_query(served: str) -> None:
    facets = fetch_json(f"{served}/govcrawl/reports.json?_size=0")["facet_results"]
    assert sorted(facets) == [
        "organ_key", "portal", "status", "tampered", "template", "year"
    ]  # fmt: skip
    status = {row["value"]: row["count"] for row in facets["status"]["results"]}
    failing = [bool(seed["failing_checks"]) for seed in expected_seeds()]
    assert status == {
        "ok": failing.count(False),
        "identity_failures": failing.count(True),
    }
    for query in QUERIES:
        fetch_json(f"{served}/govcrawl/{query}.json?_shape=array")
    failures = fetch_json(f"{served}/govcrawl/identity_failures.json?_shape=array")
    assert [(Path(row["url"]).stem, row["failing"]) for row in failures] == [
        (YUANJIANG, "B4 B5")
    ]


def test_reports_page_screenshot(served: str, tmp_path: Path) -> None:
    png = tmp_path / "reports.png"
    chromium(
        tmp_path,
        f"--window-size={WINDOW[0]},{WINDOW[1]}",
        f"--screenshot={png}",
        f"{served}/govcrawl/reports",
    )
    header = png.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", header[16:24]) == WINDOW
    assert png.stat().st_size > 50_000


def test_requests_chart_renders(served: str, tmp_path: Path) -> None:
    dom = chromium(
        tmp_path,
        "--virtual-time-budget=10000",
        "--dump-dom",
        f"{served}/-/dashboards/requests",
    ).stdout.decode()
    assert 'aria-label="New requests (件) by reporting year"' in dom
    assert 'class="marks"' in dom
