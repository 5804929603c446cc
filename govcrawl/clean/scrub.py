"""Text-level repairs shared by the HTML and text paths: injected brand strings,
pinyin annotations and traditional script (spec/portals.md §3 (b) and (c)).

Only injected spam makes a page tampered. Pinyin annotations and traditional script
are a mirror's conversion artefacts (Yuanjiang's seed 001 has both and no spam): each
is its own removal (`pinyin`, `traditional`) and its own flag."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Protocol, TypedDict

from govcrawl.clean.tamper import (
    MAX_BRANDS,
    brand_pattern,
    find_brands,
    is_spam_line,
    keeps_words,
    remove_brands,
)
from govcrawl.model import Removal
from govcrawl.normalize import (
    ANNOTATED_RE,
    folded_count,
    has_annotations,
    script_of,
    simplifier,
    strip_pinyin,
)

Edit = Callable[[str], str]
_SAMPLES = 5
# The page as printed is kept for its header (the report's title in its own script,
# parse.metadata.script); a heading lies well within a page's first characters.
PRINTED_MAX = 20_000
TAMPER_KINDS = frozenset({"spam"})
_BRANDS_LIMIT = (
    f"{MAX_BRANDS} distinct spam brand strings, the limit (tamper.MAX_BRANDS): the "
    "shortest were removed, any longer ones are left in the text"
)


class Pieces(Protocol):
    """A text in pieces (a string, or each text node of an HTML tree), read whole to
    decide and edited piece by piece. Every edit scrub makes works line by line."""

    def read(self) -> str: ...

    def edit(self, edit: Edit) -> None:
        """Apply the edit to every piece."""

    def edit_holding(self, edit: Edit, pattern: re.Pattern[str]) -> None:
        """Apply the edit to each piece whose match_key view the pattern finds
        something in, in the pieces' order."""


def scrub(text: Pieces) -> tuple[list[Removal], str, str]:
    """Remove brands and pinyin, convert traditional to simplified.

    Returns the removals, the source script and, for a converted page, its text as
    printed (brands and pinyin gone, not yet converted; else "")."""
    whole = text.read()
    removed = _remove_brands(whole, text)
    if removed:
        whole = text.read()
    pinyin = pinyin_summary(whole)
    # Annotations hold no CJK character: the script, told here, is the same without
    # them, and a simplified page (most) is read once.
    script = script_of(whole)
    if pinyin:
        text.edit(strip_pinyin)
        removed.append(Removal("pinyin", pinyin))
    if script != "traditional":
        return removed, script, ""
    printed = text.read() if pinyin else whole
    removed.append(Removal("traditional", traditional_summary(printed)))
    text.edit(simplifier(printed))
    return removed, script, printed[:PRINTED_MAX]


def _remove_brands(whole: str, text: Pieces) -> list[Removal]:
    brands = find_brands(whole)
    if not brands:
        return []
    fragments: list[str] = []

    # A keyword line is removed whole by the line pass, not cut into brand pieces;
    # a line with words of its own (a title) loses the brand only.
    def drop_line(line: str) -> str:
        cleaned, found = remove_brands(line, brands)
        if not found or (is_spam_line(line) and not keeps_words(cleaned)):
            return line
        fragments.extend(found)
        return cleaned

    # A piece whose view holds no brand has no line that does (a brand holds no
    # newline): most text nodes are passed over with one search.
    def drop(piece: str) -> str:
        return "\n".join(map(drop_line, piece.split("\n")))

    text.edit_holding(drop, brand_pattern(brands))
    removed = [Removal("spam", fragment) for fragment in fragments]
    if len(brands) == MAX_BRANDS:
        removed.append(Removal("limit", _BRANDS_LIMIT))
    return removed


def pinyin_summary(text: str) -> str:
    """One record per page: how many annotations, with a few in context."""
    if not has_annotations(text):
        return ""
    matches = ANNOTATED_RE.findall(text)
    if not matches:
        return ""
    samples = dict.fromkeys(char + annotation for annotation, char in matches)
    shown = " ".join(list(samples)[:_SAMPLES])
    return f"{len(matches)} pinyin annotations, e.g. {shown}"


def traditional_summary(text: str) -> str:
    changed = folded_count(text)
    return f"{changed} traditional characters converted to simplified (OpenCC t2s)"


class CleanFlags(TypedDict):
    tampered: bool
    pinyin: bool
    converted: bool


def clean_flags(removed: list[Removal]) -> CleanFlags:
    """CleanResult's flags from what was removed: spam, annotations, conversion."""
    kinds = {removal.kind for removal in removed}
    return CleanFlags(
        tampered=bool(kinds & TAMPER_KINDS),
        pinyin="pinyin" in kinds,
        converted="traditional" in kinds,
    )
