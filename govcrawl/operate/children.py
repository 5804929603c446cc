"""Child processes that cannot outlive their reason to run (issue 15 items 5, 7).

After LibreOffice's timeout, `soffice.bin` kept running at 100% CPU for ten minutes:
subprocess.run killed only the `soffice` launcher. And the `scrapy crawl` child of a
killed `govcrawl demo` kept crawling and recorded spurious failures."""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
from collections.abc import Sequence

_PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """preexec_fn: the kernel sends SIGTERM to this child when its parent dies."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)


def run_group(
    command: Sequence[str], *, timeout: float, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    """subprocess.run in a process group of its own, killed whole on timeout
    (TimeoutExpired is raised after every process of the group is gone)."""
    with subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        start_new_session=True,
        preexec_fn=die_with_parent,
    ) as process:
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            kill_group(process.pid)
            process.communicate()
            raise
        return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


def run_bounded(
    command: Sequence[str], *, budget: float, grace: float, env: dict[str, str]
) -> int | None:
    """Run a child that dies with us; past budget + grace (a crawl that did not
    keep its own time budget: a hung reactor) it gets SIGINT, then SIGKILL after
    another grace. Its exit status, or None when it was stopped for time."""
    with subprocess.Popen(command, env=env, preexec_fn=die_with_parent) as process:
        try:
            return process.wait(timeout=budget + grace)
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        return None


def kill_group(pgid: int) -> None:
    try:
        os.killpg(pgid, signal.SIGKILL)
    except ProcessLookupError:
        return
