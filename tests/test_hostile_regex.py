"""Linear time on untrusted text (issue 15 item 7): every module-level pattern in
govcrawl is fed a megabyte of its worst case — a prefix of a string it matches,
repeated — and must take at most 30× the time of a tenth of that input.

A backtracking pattern is quadratic there: a report title of repeated `2022年`
took clean 85 s at 0.5 MB before `_TITLE_RE` was rewritten."""

from __future__ import annotations

import gc
import importlib
import pkgutil
import re
import time
from collections.abc import Iterator
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

import pytest

import govcrawl
from govcrawl.clean.page import clean_html
from govcrawl.patterns import LazyPattern

# A megabyte of each pattern's worst cases takes minutes in all: the e2e tier.
pytestmark = pytest.mark.e2e

SMALL, LARGE = 100_000, 1_000_000
PROBE = 10_000
RATIO = 30
# Whatever the parser leaves out, hostile pages repeat these.
GENERIC_UNITS = ("2022年", "1", " ", "a", "<", "(", "信息公开", "-", "x" * 7 + "\n")


def _compiled(value: object) -> re.Pattern[Any] | None:
    """A module pattern, compiled at import or on first use (govcrawl.patterns)."""
    if isinstance(value, LazyPattern):
        return value.compiled()
    return value if isinstance(value, re.Pattern) else None


def module_patterns() -> dict[str, re.Pattern[Any]]:
    found: dict[str, re.Pattern[Any]] = {}
    for info in pkgutil.walk_packages(govcrawl.__path__, "govcrawl."):
        try:
            module = importlib.import_module(info.name)
        except ImportError:
            continue
        for name, value in vars(module).items():
            compiled = _compiled(value)
            if compiled is not None:
                found.setdefault(f"{info.name}.{name}", compiled)
            if isinstance(value, dict):
                for key, item in value.items():
                    pattern = _compiled(item)
                    if pattern is not None:
                        found.setdefault(f"{info.name}.{name}[{key!r}]", pattern)
            if isinstance(value, tuple):
                for index, item in enumerate(value):
                    item = item[-1] if isinstance(item, tuple) and item else item
                    pattern = _compiled(item)
                    if pattern is not None:
                        found.setdefault(f"{info.name}.{name}[{index}]", pattern)
    return found


def _sample(parsed: Any, choice: int) -> Iterator[str]:
    """One string the parsed pattern matches, piece by piece (choice picks the first
    or last branch of every alternation)."""
    for op, arg in parsed:
        name = str(op)
        if name == "LITERAL":
            yield chr(arg)
        elif name == "NOT_LITERAL":
            yield "x" if chr(arg) != "x" else "y"
        elif name == "ANY":
            yield "x"
        elif name == "IN":
            yield _from_set(arg)
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, high, item = arg
            for _ in range(min(max(low, 1), high, 3)):
                yield from _sample(item, choice)
        elif name == "SUBPATTERN":
            yield from _sample(arg[-1], choice)
        elif name == "ATOMIC_GROUP":
            yield from _sample(arg, choice)
        elif name == "BRANCH":
            branches = arg[1]
            yield from _sample(branches[0 if choice == 0 else -1], choice)
        elif name == "CATEGORY":
            yield _category(str(arg))


def _from_set(items: Any) -> str:
    negate = any(str(op) == "NEGATE" for op, _ in items)
    if negate:
        excluded = "".join(
            _from_set([item]) for item in items if str(item[0]) != "NEGATE"
        )
        return next(c for c in "x1 a年<" if c not in excluded)
    op, arg = items[0]
    if str(op) == "LITERAL":
        return chr(arg)
    if str(op) == "RANGE":
        return chr(arg[0])
    return _category(str(arg))


def _category(name: str) -> str:
    if "NOT" in name:
        return "年"
    if "DIGIT" in name:
        return "1"
    if "SPACE" in name:
        return " "
    return "a"


def hostile_units(pattern: re.Pattern[Any]) -> list[str]:
    """Every prefix of a matching string (cut between pattern pieces), plus the
    generic units: a prefix repeated is what makes a backtracking pattern retry."""
    units = set(GENERIC_UNITS)
    parsed = sre_parse.parse(
        pattern.pattern
        if isinstance(pattern.pattern, str)
        else pattern.pattern.decode(),
        pattern.flags & ~re.LOCALE,
    )
    for choice in (0, 1):
        pieces = list(_sample(parsed, choice))
        units.update("".join(pieces[:cut]) for cut in range(1, len(pieces) + 1))
    return sorted(unit for unit in units if unit)


def _elapsed(pattern: re.Pattern[Any], unit: str, size: int) -> float:
    text: str | bytes = unit * max(1, size // len(unit.encode()))
    if isinstance(pattern.pattern, bytes):
        text = text.encode()
    best = float("inf")
    for _ in range(3 if size < LARGE else 1):
        # CPU time of this process, so other work on the machine does not count.
        start = time.process_time()
        for _found in pattern.finditer(text):  # type: ignore[arg-type]
            pass
        best = min(best, time.process_time() - start)
    return best


def superlinear(pattern: re.Pattern[Any], unit: str) -> str | None:
    """The sizes where time grew more than RATIO× for 10× the input, if any.
    The 10 KB probe stops a quadratic pattern before it is fed a megabyte."""
    steps = ((PROBE, SMALL), (SMALL, LARGE))
    for small, large in steps:
        gc.disable()
        try:
            before = _elapsed(pattern, unit, small)
            after = _elapsed(pattern, unit, large)
        finally:
            gc.enable()
        if after > RATIO * max(before, 1e-3):
            return f"{small}→{large} bytes of {unit!r}: {before:.4f}s → {after:.4f}s"
    return None


PATTERNS = module_patterns()


def test_collects_the_patterns_of_every_stage() -> None:
    stages = {name.split(".")[1] for name in PATTERNS}
    assert {"clean", "parse", "discover", "decode", "dates", "normalize"} <= stages
    assert "govcrawl.clean.titles._TITLE_RE" in PATTERNS


def test_repeated_year_is_the_known_worst_case() -> None:
    assert "2022年" in hostile_units(PATTERNS["govcrawl.clean.titles._TITLE_RE"])


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_pattern_is_linear_on_its_worst_case(name: str) -> None:
    pattern = PATTERNS[name]
    slow = [
        found
        for unit in hostile_units(pattern)
        if (found := superlinear(pattern, unit))
    ]
    assert not slow, f"{name} ({pattern.pattern!r}) backtracks: {slow[0]}"


def _clean_seconds(title_bytes: int) -> float:
    title = "2022年" * (title_bytes // len("2022年".encode()))
    markup = (
        f"<html><head><title>{title}</title></head><body><p>正文。</p></body></html>"
    )
    start = time.process_time()
    clean_html(markup)
    return time.process_time() - start


def test_clean_of_a_title_of_repeated_years_is_linear() -> None:
    """The known case: 0.5 MB of `2022年` in <title> took clean 85 s."""
    assert _clean_seconds(500_000) <= RATIO * max(_clean_seconds(50_000), 1e-3)
