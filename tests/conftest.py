"""Fixtures and tiers shared by every test.

Two tiers: `pytest -m "not e2e"` is the fast one (the library on fixtures and real
material, in-process, under 30 s); tests marked `e2e` drive real processes (Scrapy
crawls, Chromium, Datasette servers, LibreOffice, Redis, Scrapyd) or run long fuzz
harnesses. `pytest` runs both. Shared helpers live in modules of their own
(seeds.py, stored_seeds.py, crawl_runs.py, served.py, invariants.py), never in test
modules."""

from __future__ import annotations

import resource
from collections.abc import Iterator
from pathlib import Path

import pytest

from govcrawl.demo.server import FixtureServer

E2E_MODULE_LINE = "pytestmark = pytest.mark.e2e"


def marked_e2e_whole(path: Path) -> bool:
    """A test module whose every test is e2e, told from its source."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return E2E_MODULE_LINE in lines


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """Under -m "not e2e" a module marked e2e as a whole holds nothing the run selects:
    it is left unimported (importing and assertion-rewriting the 35 such modules was
    a third of the fast tier's collection). Any other -m collects every module."""
    if config.option.markexpr.replace(" ", "") != "note2e":
        return None
    if collection_path.suffix != ".py" or not collection_path.name.startswith("test_"):
        return None
    return True if marked_e2e_whole(collection_path) else None


@pytest.fixture(scope="session")
def portal_server() -> Iterator[FixtureServer]:
    """The five fixture portals served on 127.0.0.1, once for the whole run."""
    with FixtureServer() as server:
        yield server


# The hostile suite's figure (issue 15): how many attacks its tests tried, how many
# failed, the slowest one and the peak memory of this process and of its children.
# The hostile suite: the test_hostile_* files and the concurrent-load race.
HOSTILE = ("test_hostile_", "test_load_concurrent")


def _hostile(report: pytest.TestReport) -> bool:
    path = report.nodeid.split("::", 1)[0]
    return report.when == "call" and any(name in path for name in HOSTILE)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    reports = [
        report
        for kind in ("passed", "failed")
        for report in terminalreporter.stats.get(kind, [])
        if _hostile(report)
    ]
    if not reports:
        return
    failed = sum(report.failed for report in reports)
    slowest = max(reports, key=lambda report: report.duration)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
    terminalreporter.write_line(
        f"hostile suite: {len(reports)} attacks tried, {failed} failed; time peak "
        f"{slowest.duration:.1f} s ({slowest.nodeid}); memory peak {own} MB in the "
        f"test process, {child} MB in its largest child"
    )
