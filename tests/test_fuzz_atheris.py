"""A short run of each atheris harness (fuzz/), started from real fixture pages: the
harness must run its inputs and find no crash. Long runs are for the command line."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
PAGES = ROOT / "tests" / "fixtures" / "pages"
SEEDS = ROOT / "tests" / "fixtures" / "seeds"
RUNS = 400


# End-to-end: atheris harness runs.
pytestmark = pytest.mark.e2e


def start_corpus(folder: Path) -> Path:
    folder.mkdir()
    for page in ("hegang_2024.html", "encoding_gbk_right.html", "heyang_2020.html"):
        shutil.copy(PAGES / page, folder)
    shutil.copy(next(SEEDS.glob("001_*.txt")), folder)
    return folder


@pytest.mark.parametrize("harness", ["fuzz_clean.py", "fuzz_parse.py"])
def test_harness_runs_without_a_crash(harness: str, tmp_path: Path) -> None:
    corpus = start_corpus(tmp_path / "corpus")
    command = [
        sys.executable,
        str(ROOT / "fuzz" / harness),
        str(corpus),
        f"-atheris_runs={RUNS}",
        "-max_len=16384",
        f"-artifact_prefix={tmp_path}/crash-",
    ]
    env = os.environ | {"PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, output[-3000:]
    assert f"Done {RUNS} " in output
    assert not list(tmp_path.glob("crash-*"))
