"""Fixtures and tiers shared by every test.

Two tiers: `pytest -m "not e2e"` is the fast one (the library on fixtures and real
material, in-process, under 30 s); tests marked `e2e` drive real processes (Scrapy
crawls, Chromium, Datasette servers, LibreOffice, Redis, Scrapyd) or run long fuzz
harnesses. `pytest` runs both. Shared helpers live in modules of their own
(seeds.py, stored_seeds.py, crawl_runs.py, served.py, invariants.py), never in test
modules."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from govcrawl.demo.server import FixtureServer


@pytest.fixture(scope="session")
def portal_server() -> Iterator[FixtureServer]:
    """The five fixture portals served on 127.0.0.1, once for the whole run."""
    with FixtureServer() as server:
        yield server
