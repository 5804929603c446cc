"""Coverage-guided fuzzing of the parse stage (atheris/libFuzzer): any text, read as
HTML, as plain text or autodetected, gives a Report that keeps the invariants of
tests/invariants.py (the seven checks, a flag for every blank cell, a finding for
every empty table); any exception or broken invariant is a crash. Run from the
repository root:

    PYTHONPATH=. python fuzz/fuzz_parse.py [corpus_dir] -atheris_runs=100000
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["govcrawl"]):
    from govcrawl.parse import parse_report
    from govcrawl.validate import validate
from tests.invariants import problems

MODES = (None, True, False)


def test_one_input(data: bytes) -> None:
    mode = MODES[data[0] % len(MODES)] if data else None
    text = data[1:].decode("utf-8", "replace")
    report = parse_report(text, source="fuzz", html=mode)
    validate(report)
    broken = problems(report)
    if broken:
        raise AssertionError(f"invariants broken: {broken}")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
