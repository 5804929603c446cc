"""Text-level repairs shared by the HTML and text paths: injected brand strings,
pinyin annotations and traditional script (spec/portals.md §3 (b) and (c))."""

from __future__ import annotations

from collections.abc import Callable

from govcrawl.clean.tamper import (
    MAX_BRANDS,
    find_brands,
    is_spam_line,
    remove_brands,
)
from govcrawl.model import Removal
from govcrawl.normalize import PINYIN_RE, script_of, strip_pinyin, to_simplified

Edit = Callable[[str], str]
_SAMPLES = 5
TAMPER_KINDS = frozenset({"spam", "pinyin"})
_BRANDS_LIMIT = (
    f"{MAX_BRANDS} distinct spam brand strings, the limit (tamper.MAX_BRANDS): the "
    "shortest were removed, any longer ones are left in the text"
)


def scrub(
    read: Callable[[], str], apply: Callable[[Edit], None]
) -> tuple[list[Removal], str]:
    """Remove brands and pinyin, convert traditional to simplified.

    `read` returns the current text as a whole (to decide), `apply` runs an edit on
    every piece of it (a string, or each text node of an HTML tree). Returns the
    removals and the source script."""
    removed = _remove_brands(read(), apply)
    pinyin = pinyin_summary(read())
    if pinyin:
        apply(strip_pinyin)
        removed.append(Removal("pinyin", pinyin))
    script = script_of(read())
    if script == "traditional":
        apply(to_simplified)
    return removed, script


def _remove_brands(text: str, apply: Callable[[Edit], None]) -> list[Removal]:
    brands = find_brands(text)
    if not brands:
        return []
    fragments: list[str] = []

    # A keyword line is removed whole by the line pass, not cut into brand pieces.
    def drop_line(line: str) -> str:
        if is_spam_line(line):
            return line
        cleaned, found = remove_brands(line, brands)
        fragments.extend(found)
        return cleaned

    def drop(piece: str) -> str:
        return "\n".join(map(drop_line, piece.split("\n")))

    apply(drop)
    removed = [Removal("spam", fragment) for fragment in fragments]
    if len(brands) == MAX_BRANDS:
        removed.append(Removal("limit", _BRANDS_LIMIT))
    return removed


def pinyin_summary(text: str) -> str:
    """One record per page: how many annotations, with a few in context."""
    matches = list(PINYIN_RE.finditer(text))
    if not matches:
        return ""
    samples = dict.fromkeys(text[m.start() - 1] + m.group() for m in matches)
    shown = " ".join(list(samples)[:_SAMPLES])
    return f"{len(matches)} pinyin annotations, e.g. {shown}"


def is_tampered(removed: list[Removal]) -> bool:
    return any(removal.kind in TAMPER_KINDS for removal in removed)
