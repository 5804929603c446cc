from __future__ import annotations

from collections.abc import Iterator

import pytest

from govcrawl.demo.server import FixtureServer


@pytest.fixture(scope="session")
def portal_server() -> Iterator[FixtureServer]:
    with FixtureServer() as server:
        yield server
