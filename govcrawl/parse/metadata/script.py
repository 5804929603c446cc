"""The title in the page's own script. The clean stage converts a traditional page
to simplified for every reader after it; the labelling rules keep a title as printed
(拉薩市人民政府2021年政府信息公開工作年度報告), so the heading read from the converted
lines is found again in the page's text as printed (CleanResult.printed)."""

from __future__ import annotations

from govcrawl.normalize import simplifier, to_simplified

_WINDOW = 512
# More than opencc's longest phrase key (14 characters) and the vocabulary's words.
_PHRASE_MARGIN = 32


def printed_title(title: str, printed: str) -> str:
    """`title` (simplified) with each character as the page prints it, when the page
    as printed holds it (spaces and line breaks between its characters allowed);
    else `title` unchanged."""
    key = "".join(title.split())
    if not key or not printed:
        return title
    chars = "".join(printed.split())
    start = _title_start(chars, key)
    if start < 0:
        return title
    source = iter(chars[start : start + len(key)])
    return "".join(char if char.isspace() else next(source) for char in title)


def _title_start(chars: str, key: str) -> int:
    """Where `key` starts in `chars` converted, or -1. A title stands near the
    page's start, and converting the whole page (opencc's phrase search over it)
    cost more than the rest of its metadata: the page's start is converted first.
    Where it holds no phrase key, each character converts alone, as it does in the
    whole page except within a phrase's length of the window's end; a title found
    before that margin is the page's first."""
    size = _WINDOW
    while size < len(chars):
        window = chars[:size]
        convert = simplifier(window)
        if convert is to_simplified:
            break
        start = convert(window).find(key)
        if start >= 0 and start + len(key) <= size - _PHRASE_MARGIN:
            return start
        size *= 4
    return _simplified(chars).find(key)


def _simplified(text: str) -> str:
    """The text converted character for character: a phrase conversion that changes
    the length (rare) is redone per character, so positions still line up."""
    converted = to_simplified(text)
    if len(converted) == len(text):
        return converted
    return "".join(_one(char) for char in text)


def _one(char: str) -> str:
    converted = to_simplified(char)
    return converted if len(converted) == 1 else char
