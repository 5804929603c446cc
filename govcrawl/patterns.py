"""Regular expressions compiled on first use.

Python 3.11's compiler fills a character class's map one code point at a time, so a
class over the CJK ranges takes a millisecond or more to compile (with re.I, twice
that). Compiled at import, govcrawl's module patterns cost about 100 ms, most of a
`govcrawl parse` start (cli_start_seconds), and a command uses half of them. A
LazyPattern compiles when one of its methods is first looked up, then keeps the
compiled pattern's bound methods as its own attributes: later calls cost what
re.Pattern's do, with no wrapper in between.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

_METHODS = (
    "search",
    "match",
    "fullmatch",
    "sub",
    "subn",
    "findall",
    "finditer",
    "split",
    "groups",
    "groupindex",
)


class LazyPattern:
    search: Callable[..., re.Match[str] | None]
    match: Callable[..., re.Match[str] | None]
    fullmatch: Callable[..., re.Match[str] | None]
    sub: Callable[..., str]
    subn: Callable[..., tuple[str, int]]
    findall: Callable[..., list[Any]]
    finditer: Callable[..., Iterator[re.Match[str]]]
    split: Callable[..., list[Any]]
    groups: int
    groupindex: dict[str, int]

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags

    def compiled(self) -> re.Pattern[str]:
        return re.compile(self.pattern, self.flags)

    def __getattr__(self, name: str) -> Any:
        # Only a method not yet bound reaches here (dunder lookups by copy and
        # pickle included, which must not compile).
        if name not in _METHODS:
            raise AttributeError(name)
        compiled = self.compiled()
        for method in _METHODS:
            setattr(self, method, getattr(compiled, method))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy({self.pattern!r}, {self.flags})"


Regex = re.Pattern[str] | LazyPattern


def lazy(pattern: str, flags: int = 0) -> LazyPattern:
    """re.compile(pattern, flags), compiled on first use."""
    return LazyPattern(pattern, flags)
