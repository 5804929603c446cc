"""The clean stage on plain text: reports already reduced to text, such as the seeds,
with page chrome left inside as whole lines. There is no markup to keep, so the
result's html is empty and the parse stage reads its text."""

from __future__ import annotations

import re

from govcrawl.clean.boilerplate import chrome_kind, line_meta
from govcrawl.clean.scrub import Edit, clean_flags, scrub
from govcrawl.clean.tamper import is_spam_line
from govcrawl.model import CleanResult, Removal
from govcrawl.normalize import match_key


def line_kind(line: str) -> str | None:
    """Why a whole line goes: spam first (it may carry chrome words), then chrome."""
    if is_spam_line(line):
        return "spam"
    return chrome_kind(line)


class WholeText:
    """A text as one piece (scrub.Pieces)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def read(self) -> str:
        return self.text

    def edit(self, edit: Edit) -> None:
        self.text = edit(self.text)

    def edit_holding(self, edit: Edit, pattern: re.Pattern[str]) -> None:
        if pattern.search(match_key(self.text)):
            self.text = edit(self.text)


def clean_text(text: str) -> CleanResult:
    # Repair text first: chrome on a traditional mirror reads 字號 and 瀏覽量.
    whole = WholeText(text)
    scrubbed, script, printed = scrub(whole)
    removed: list[Removal] = []
    meta: dict[str, str] = {}
    kept: list[str] = []
    for line in whole.text.splitlines():
        kind = line_kind(line)
        if kind is None:
            kept.append(line)
            continue
        removed.append(Removal(kind, line.strip()))
        for key, value in line_meta(line).items():
            meta.setdefault(key, value)
    removed += scrubbed
    cleaned = "\n".join(kept).rstrip()
    return CleanResult(
        text=cleaned,
        html="",
        removed=removed,
        **clean_flags(removed),
        script=script,
        printed=printed,
        meta=meta,
        scrubbed=True,
    )
