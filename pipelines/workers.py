"""What a flow worker process does when it starts: import the flow, then wait for
its siblings, so that the crawl opens once every worker can take a page."""

from __future__ import annotations

import importlib
from multiprocessing.synchronize import Barrier

# Importing the flow takes a worker about half a second of CPU, seconds when the
# machine is busy; a worker that has not started in this time breaks the pool.
START_TIMEOUT = 300.0


def started(barrier: Barrier) -> None:
    importlib.import_module("govcrawl.flow")
    barrier.wait(START_TIMEOUT)
