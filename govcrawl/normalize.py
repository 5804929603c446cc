"""Text normalisation shared by the clean and parse stages: script, pinyin, width,
spacing and quotes."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from itertools import islice
from math import ceil

from govcrawl.opencc_tables import (
    ASTRAL_RE,
    changed_re,
    converted_table,
    converter,
    fold_table,
    foldable_re,
    has_astral,
    has_phrase,
    t2s_characters,
    t2s_keys,
    traditional_only_re,
)
from govcrawl.patterns import lazy

CJK = "\u3400-\u9fff\uf900-\ufaff"
_PINYIN_LETTERS = "a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
# Mirror sites annotate characters with pinyin: 執(zhí), 文(wen), 和(he)(he).
_ANNOTATION = rf"[{_PINYIN_LETTERS}]{{1,7}}[)）]"
# Starting with the bracket (the character before it looked behind at from there)
# lets the regex engine skip to brackets instead of testing the lookbehind at every
# position: 3x faster on a page, same matches as (?<=[CJK])(?:[(（]annotation)+.
PINYIN_RE = lazy(rf"[(（](?<=[{CJK}][(（]){_ANNOTATION}(?:[(（]{_ANNOTATION})*")
# PINYIN_RE's matches (group 1) with the character each annotates (group 2): findall
# gives both without a match object per annotation.
ANNOTATED_RE = lazy(rf"([(（](?<=([{CJK}])[(（]){_ANNOTATION}(?:[(（]{_ANNOTATION})*)")
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "〝": '"', "〞": '"'})
# Taiwan-vocabulary converters rewrite 文件 as 檔案 (spec/template.md §6.8).
_VOCABULARY = (("档案", "文件"),)
_TRADITIONAL_SHARE = 0.02
_NON_CJK_RE = lazy(f"[^{CJK}]+")


def script_of(text: str) -> str:
    """'traditional' when traditional-only characters make up a visible share."""
    # Most pages hold fewer than 3, and then the CJK count (the slower scan) is moot.
    # A share of all characters is a lower bound of the share of CJK ones: counting
    # stops there (each hit costs a thousand instructions; a traditional page holds
    # a fifth of hits, ten times the share).
    enough = max(3, ceil(_TRADITIONAL_SHARE * len(text)))
    hits = len(list(islice(traditional_only_re().finditer(text), enough)))
    if hits < 3:
        return "simplified"
    if hits == enough:
        return "traditional"
    cjk = len(_NON_CJK_RE.sub("", text))
    return "traditional" if hits / cjk >= _TRADITIONAL_SHARE else "simplified"


def to_simplified(text: str) -> str:
    """Convert traditional to simplified; callers check script_of first."""
    # opencc-python-reimplemented (t2s) matches TSPhrases keys first, then maps the
    # remaining characters one by one through TSCharacters (single characters). Text
    # holding no phrase key therefore converts character by character, which
    # str.translate does in C; only text with a phrase key goes through opencc's
    # pure-Python matcher (0.1 ms per text node of a traditional page).
    if has_phrase(text):
        return _vocabulary(converter().convert(text))
    return _simplified_characters(text)


def simplifier(whole: str) -> Callable[[str], str]:
    """to_simplified for the pieces of a text (a page's text nodes): when the whole
    holds no phrase key, none of its pieces does, and the phrase search is skipped;
    when it does, only the lines holding one go through opencc's matcher."""
    return _simplified_lines if has_phrase(whole) else _simplified_characters


def _simplified_lines(text: str) -> str:
    # opencc converts the runs between its separators (white space among them) one
    # by one: a text converts as its lines do.
    if "\n" not in text:
        return to_simplified(text)
    return "\n".join(map(to_simplified, text.split("\n")))


def _simplified_characters(text: str) -> str:
    # Building the table runs opencc over each of its 4,000 characters (a tenth of a
    # second, most of `govcrawl parse`'s start): only text holding one of them needs it.
    if t2s_keys().isdisjoint(text):
        return _vocabulary(text)
    return _vocabulary(converted_table()(text))


def _vocabulary(converted: str) -> str:
    for old, new in _VOCABULARY:
        converted = converted.replace(old, new)
    return converted


# What every annotation starts with: a cheap scan that spares most text the
# lookbehind of PINYIN_RE at each position (5x faster on report lines).
_ANNOTATION_START = re.compile(f"[(（][{_PINYIN_LETTERS}]")


def has_annotations(text: str) -> bool:
    """False when PINYIN_RE cannot match: no opening bracket followed by a letter."""
    return _ANNOTATION_START.search(text) is not None


def strip_pinyin(text: str) -> str:
    if not has_annotations(text):
        return text
    return PINYIN_RE.sub("", text)


def fold_characters(text: str) -> str:
    """Traditional folded to simplified character by character: the same length as
    the text, so positions stay; for matching, not for output (OpenCC's phrases,
    which to_simplified applies, are better Chinese but change lengths)."""
    # Most text has no traditional character, or a few (覆 on a simplified page):
    # str.translate would look every character up in a 4,000-entry dict (50 ns each).
    return _folded(text, *_foldable_found(text))


def _foldable_found(text: str) -> tuple[int, int]:
    # Counting stops where the text is dense enough for translate (each match costs
    # a thousand instructions: a traditional page would pay 20 per character).
    dense = -(-len(text) // _SPARSE)
    return len(list(islice(foldable_re().finditer(text), dense))), dense


def _folded(text: str, found: int, dense: int) -> str:
    if not found:
        return text
    if found < dense:
        return foldable_re().sub(_fold_one, text)
    return fold_table()(text)


def dense_match_key(text: str, rules_out: Callable[[str], bool]) -> str | None:
    """match_key(text), or None when the text is dense with foldable characters (a
    traditional page, where folding costs a translate of every character) and
    rules_out, reading the text with its annotations stripped, says the view holds
    nothing the caller looks for."""
    stripped = strip_pinyin(text)
    found, dense = _foldable_found(stripped)
    if found and found >= dense and rules_out(stripped):
        return None
    return _folded(stripped, found, dense)


def folded_count(text: str) -> int:
    """How many characters fold_characters changes."""
    table = t2s_characters()
    bmp = sum(map(len, changed_re().findall(text)))
    if not has_astral(text):
        return bmp
    astral = [char for char in ASTRAL_RE.findall(text) if ord(char) in table]
    return bmp + sum(table[ord(char)] != char for char in astral)


# Below one foldable character in _SPARSE, replacing each match beats translate.
_SPARSE = 20


def _fold_one(match: re.Match[str]) -> str:
    char = match.group()
    return t2s_characters().get(ord(char), char)


def match_key(text: str) -> str:
    """The form chrome and spam are recognised in: annotations out, simplified."""
    return fold_characters(strip_pinyin(text))


@dataclass(frozen=True)
class Folded:
    """A text seen through match_key, with where each of its characters came from,
    so a span found in the view is cut from the text as printed (annotations and
    traditional characters included)."""

    original: str
    text: str
    starts: tuple[int, ...] | None = None
    ends: tuple[int, ...] | None = None

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of view[start:end] (end > start), with the annotations
        after its last character."""
        if self.starts is None or self.ends is None:
            return start, end
        return self.starts[start], self.ends[end - 1]


def folded(text: str) -> Folded:
    annotations = [match.span() for match in PINYIN_RE.finditer(text)]
    view = fold_characters(strip_pinyin(text)) if annotations else fold_characters(text)
    if not annotations:
        return Folded(text, view)
    starts: list[int] = []
    ends: list[int] = []
    position = 0
    for start, end in [*annotations, (len(text), len(text))]:
        starts.extend(range(position, start))
        ends.extend(range(position + 1, start + 1))
        if ends and start < end:
            ends[-1] = end
        position = end
    return Folded(text, view, tuple(starts), tuple(ends))


def fold_width(text: str) -> str:
    """Full-width to half-width, curly quotes to straight."""
    return unicodedata.normalize("NFKC", text).translate(_QUOTES)


def label_key(text: str) -> str:
    """The form labels are compared in: folded width, no spaces, straight quotes."""
    return "".join(_spaced(fold_width(text)).split())


def squash_spaces(text: str) -> str:
    """Each run of spaces (white space, and the zero-width U+200B and U+FEFF) as one
    space, none at the ends."""
    return " ".join(_spaced(text).split())


# str.split() splits at str.isspace() characters (what a regex's \s matches), in C:
# two to four times faster than a regex substitution. The zero-width characters,
# which are not white space to Python, become spaces first.
_ZERO_WIDTH = ("\u200b", "\ufeff")


def _spaced(text: str) -> str:
    for char in _ZERO_WIDTH:
        if char in text:
            text = text.replace(char, " ")
    return text


_BLANK_RE = re.compile(r"[\s\u00a0\u3000\u200b\ufeff]*")


def is_blank(text: str) -> bool:
    """squash_spaces(text) == "", found at the first character that is not a space."""
    return _BLANK_RE.fullmatch(text) is not None
