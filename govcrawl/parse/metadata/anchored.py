"""The body's organ patterns read where they can match, not tried at every character.

sre tries a pattern opening on a common character (a space, a comma, 在) at each of
them, and an organ of every length after each: most of a report's metadata time.
Each pattern read here holds a word (its anchor: 网站, 公开, a year's 20) a bounded
number of characters after its start, so its matches are read with pattern.match at
the few places before an anchor where one can start, the anchors found by str.find.
The matches are pattern.finditer's, in its order (tests/test_parse_speedups*.py)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from govcrawl.patterns import Regex

_SPACE = re.compile(r"\s")


def matches(pattern: Regex, text: str, starts: Iterable[int]) -> list[re.Match[str]]:
    """pattern.finditer(text) as a list, given every place where a match can start
    (and any others)."""
    found: list[re.Match[str]] = []
    end = 0
    for start in sorted(set(starts)):
        if start >= end and (match := pattern.match(text, start)) is not None:
            found.append(match)
            end = match.end()
    return found


def positions(text: str, words: Iterable[str]) -> Iterator[int]:
    """Where each word starts in the text, overlaps included."""
    for word in words:
        at = text.find(word)
        while at >= 0:
            yield at
            at = text.find(word, at + 1)


def before(
    text: str, at: Iterable[int], offsets: Iterable[int], opening: Regex
) -> Iterator[int]:
    """The places `offsets` characters before each anchor whose character the
    pattern can open on (`opening` matches it)."""
    offsets = tuple(offsets)
    for start in at:
        for offset in offsets:
            if start >= offset and opening.match(text, start - offset):
                yield start - offset


def leads(
    text: str, anchors: Iterable[int], reach: int, opening: Regex
) -> Iterator[int]:
    """Places before each anchor that `opening` matches (a character the pattern can
    open on) with at most `reach` characters other than white space from there up
    to the anchor: a pattern's white space is unbounded, the rest of it is not."""
    for anchor in anchors:
        # The window holds reach + 1 characters besides white space, or the text's
        # start: no place before it is within reach.
        start, spaces = max(0, anchor - reach - 1), 0
        while start > 0:
            counted = len(_SPACE.findall(text, start, anchor))
            if counted == spaces:
                break
            spaces = counted
            start = max(0, anchor - reach - 1 - spaces)
        yield from (found.start() for found in opening.finditer(text, start, anchor))
