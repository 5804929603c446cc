"""Coverage-guided fuzzing of the clean stage (atheris/libFuzzer): any bytes, with any
Content-Type, give a CleanResult or the stage's own ValueError for binary or empty
bodies; anything else is a crash. Run:

    python fuzz/fuzz_clean.py [corpus_dir] -atheris_runs=100000 -max_len=65536
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["govcrawl"]):
    from govcrawl.clean import clean_page

REFUSALS = ("not an HTML or text page", "empty page")
CONTENT_TYPES = (None, "text/html", "text/html; charset=gbk", "text/plain")


def test_one_input(data: bytes) -> None:
    content_type = CONTENT_TYPES[data[0] % len(CONTENT_TYPES)] if data else None
    try:
        clean_page(
            data[1:], url="http://fuzz.example/a.html", content_type=content_type
        )
    except ValueError as error:
        if not str(error).startswith(REFUSALS):
            raise


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
