"""Processes bounded in life (issue 15 items 5, 7): LibreOffice is killed with its
whole process group on timeout, and the crawl child of `govcrawl demo` dies with it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from govcrawl.operate.children import run_bounded, run_group

# Real crawls, servers and child processes: the end-to-end tier.
pytestmark = pytest.mark.e2e


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as stat:
        return stat.read().split(") ", 1)[1][0] != "Z"


def gone_within(pid: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not alive(pid):
            return True
        time.sleep(0.05)
    return not alive(pid)


def test_a_timeout_kills_the_grandchild_too(tmp_path: object) -> None:
    """soffice execs soffice.bin as a child: a grandchild, as here."""
    script = "import subprocess,sys,time; p=subprocess.Popen(['sleep','60']);"
    script += "print(p.pid, flush=True); time.sleep(60)"
    with pytest.raises(subprocess.TimeoutExpired) as raised:
        run_group([sys.executable, "-c", script], timeout=2)
    output = raised.value.stdout or raised.value.output or b""
    grandchild = int(output.split()[0]) if output.split() else None
    assert grandchild is not None
    assert gone_within(grandchild, 5)


def test_the_crawl_child_dies_with_its_parent() -> None:
    """A parent that starts a child as run_spider does, then is SIGKILLed."""
    script = (
        "import subprocess,sys,time\n"
        "from govcrawl.operate.children import die_with_parent\n"
        "p=subprocess.Popen(['sleep','60'], preexec_fn=die_with_parent)\n"
        "print(p.pid, flush=True); time.sleep(60)\n"
    )
    parent = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, text=True
    )
    assert parent.stdout is not None
    child = int(parent.stdout.readline())
    assert alive(child)
    parent.send_signal(signal.SIGKILL)
    parent.wait(timeout=10)
    assert gone_within(child, 5)


def test_a_child_past_its_time_budget_is_stopped_then_killed() -> None:
    """crawl-all's bound on a spider that does not keep GOVCRAWL_TIME_BUDGET
    itself (a hung reactor): SIGINT past budget + grace, SIGKILL after another."""
    stubborn = "import signal,time; signal.signal(signal.SIGINT, signal.SIG_IGN)"
    stubborn += "; time.sleep(60)"
    started = time.monotonic()
    code = run_bounded(
        [sys.executable, "-c", stubborn], budget=0.5, grace=0.5, env=dict(os.environ)
    )
    assert code is None
    assert time.monotonic() - started < 10
    polite = [sys.executable, "-c", "import sys; sys.exit(3)"]
    assert run_bounded(polite, budget=5, grace=1, env=dict(os.environ)) == 3
