"""Coverage-guided fuzzing of the parse stage (atheris/libFuzzer): any text, read as
HTML, as plain text or autodetected, gives a Report and the seven checks; any
exception is a crash. Run:

    python fuzz/fuzz_parse.py [corpus_dir] -atheris_runs=100000 -max_len=65536
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["govcrawl"]):
    from govcrawl.parse import parse_report
    from govcrawl.validate import validate

MODES = (None, True, False)
CHECKS = [f"B{n}" for n in range(1, 8)]


def test_one_input(data: bytes) -> None:
    mode = MODES[data[0] % len(MODES)] if data else None
    text = data[1:].decode("utf-8", "replace")
    report = parse_report(text, source="fuzz", html=mode)
    if [check.id for check in validate(report)] != CHECKS:
        raise AssertionError("validate did not return the seven checks B1-B7")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
