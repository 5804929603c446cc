"""Wall seconds of `govcrawl parse` of one small text report, start to exit, next to
a bare `python -c pass` on the same interpreter."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "seeds"
RUNS = 7


def small_report(root: Path = SEEDS) -> Path:
    return min(root.glob("*.txt"), key=lambda path: path.stat().st_size)


def wall_seconds(command: list[str], runs: int = RUNS) -> float:
    """Best wall time of `runs` runs (load from other processes only adds to it),
    after one warm-up run that also writes the bytecode caches, as a pip install
    does (PYTHONDONTWRITEBYTECODE is dropped, or every start would compile every
    module again)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    times = []
    for run in range(runs + 1):
        start = time.perf_counter()
        subprocess.run(command, env=env, capture_output=True, check=True)
        if run:
            times.append(time.perf_counter() - start)
    return min(times)


def measure_cli_start(report: Path | None = None) -> dict[str, float]:
    path = str(report or small_report())
    parse = [sys.executable, "-m", "govcrawl.cli", "parse", path]
    return {
        "cli_start_seconds": round(wall_seconds(parse), 3),
        "python_start_seconds": round(wall_seconds([sys.executable, "-c", "pass"]), 3),
    }
