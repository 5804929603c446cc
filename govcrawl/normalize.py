"""Text normalisation shared by the clean and parse stages: script, pinyin, width,
spacing and quotes."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import opencc

from govcrawl.patterns import lazy

CJK = "\u3400-\u9fff\uf900-\ufaff"
_PINYIN_LETTERS = "a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
# Mirror sites annotate characters with pinyin: 執(zhí), 文(wen), 和(he)(he).
_ANNOTATION = rf"[{_PINYIN_LETTERS}]{{1,7}}[)）]"
# Starting with the bracket (the character before it looked behind at from there)
# lets the regex engine skip to brackets instead of testing the lookbehind at every
# position: 3x faster on a page, same matches as (?<=[CJK])(?:[(（]annotation)+.
PINYIN_RE = lazy(rf"[(（](?<=[{CJK}][(（]){_ANNOTATION}(?:[(（]{_ANNOTATION})*")
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "〝": '"', "〞": '"'})
# Taiwan-vocabulary converters rewrite 文件 as 檔案 (spec/template.md §6.8).
_VOCABULARY = (("档案", "文件"),)
_TRADITIONAL_SHARE = 0.02
_NON_CJK_RE = lazy(f"[^{CJK}]+")
_ASTRAL_RE = re.compile("[\U00010000-\U0010ffff]")


class _Table:
    """A str.translate table: translate looks each character up as an int key, in a
    list indexed by BMP code point twice as fast as in a dict; text holding a
    character beyond the BMP (which the list would leave as it is) uses the dict."""

    def __init__(self, mapping: dict[int, str]) -> None:
        self.mapping = mapping
        self.bmp: list[int | str] = list(range(0x10000))
        for code, new in mapping.items():
            if code < 0x10000:
                self.bmp[code] = new

    def __call__(self, text: str) -> str:
        if _ASTRAL_RE.search(text) is None:
            return text.translate(self.bmp)
        return text.translate(self.mapping)


@cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@cache
def _traditional_only_chars() -> frozenset[str]:
    folder = Path(opencc.__file__).parent / "dictionary"
    traditional = _dictionary_keys(folder / "TSCharacters.txt")
    simplified = _dictionary_keys(folder / "STCharacters.txt")
    return frozenset(traditional - simplified)


# A dictionary line is a key, a tab and its values; one regex over the whole file
# reads the keys at a third of the time of a Python loop over its lines.
_DICTIONARY_KEY = re.compile(r"^[^\t\n]*[^\t\n\s][^\t\n]*", re.M)


@cache
def _dictionary_keys(path: Path) -> frozenset[str]:
    keys = _DICTIONARY_KEY.findall(path.read_text(encoding="utf-8"))
    return frozenset(key.rstrip("\r") for key in keys)


def _is_cjk(char: str) -> bool:
    """A character of CJK's ranges; a class over them costs 5 ms to compile."""
    code = ord(char)
    return 0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF


def _character_class(chars: Iterable[str]) -> str:
    """A regex class of BMP characters as runs of code points: the compiler parses
    each item of a class in Python, and a TSCharacters class of 3,700 characters
    compiles in 20 ms written one by one, in 10 as its 2,500 runs."""
    codes = sorted(map(ord, chars))
    runs: list[list[int]] = []
    for code in codes:
        if runs and runs[-1][1] == code - 1:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    items = (
        re.escape(chr(first)) + ("" if first == last else "-" + re.escape(chr(last)))
        for first, last in runs
    )
    return "[" + "".join(items) + "]"


def script_of(text: str) -> str:
    """'traditional' when traditional-only characters make up a visible share."""
    # Most pages hold fewer than 3, and then the CJK count (the slower scan) is moot.
    hits = len(_traditional_only_re().findall(text))
    if hits < 3:
        return "simplified"
    # A share of all characters is a lower bound of the share of CJK ones.
    if hits >= _TRADITIONAL_SHARE * len(text):
        return "traditional"
    cjk = len(_NON_CJK_RE.sub("", text))
    return "traditional" if hits / cjk >= _TRADITIONAL_SHARE else "simplified"


@cache
def _traditional_only_re() -> re.Pattern[str]:
    # Only those inside CJK count (hits are a share of the CJK characters).
    chars = [char for char in _traditional_only_chars() if _is_cjk(char)]
    return re.compile(_character_class(chars))


@cache
def _t2s_converted_characters() -> dict[int, str]:
    """Each character of opencc's TSCharacters as the converter turns it alone."""
    folder = Path(opencc.__file__).parent / "dictionary"
    keys = _dictionary_keys(folder / "TSCharacters.txt")
    table = {char: _converter().convert(char) for char in keys if len(char) == 1}
    return {ord(char): new for char, new in table.items() if new != char}


@cache
def _t2s_phrases() -> re.Pattern[str]:
    """Any key of opencc's TSPhrases (277 keys, 2 to 14 characters)."""
    folder = Path(opencc.__file__).parent / "dictionary"
    keys = sorted(_dictionary_keys(folder / "TSPhrases.txt"), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, keys)))


def to_simplified(text: str) -> str:
    """Convert traditional to simplified; callers check script_of first."""
    # opencc-python-reimplemented (t2s) matches TSPhrases keys first, then maps the
    # remaining characters one by one through TSCharacters (single characters). Text
    # holding no phrase key therefore converts character by character, which
    # str.translate does in C; only text with a phrase key goes through opencc's
    # pure-Python matcher (0.1 ms per text node of a traditional page).
    if _t2s_phrases().search(text):
        return _vocabulary(_converter().convert(text))
    return _simplified_characters(text)


def simplifier(whole: str) -> Callable[[str], str]:
    """to_simplified for the pieces of a text (a page's text nodes): when the whole
    holds no phrase key, none of its pieces does, and the phrase search is skipped."""
    return to_simplified if _t2s_phrases().search(whole) else _simplified_characters


def _simplified_characters(text: str) -> str:
    # Building the table runs opencc over each of its 4,000 characters (a tenth of a
    # second, most of `govcrawl parse`'s start): only text holding one of them needs it.
    if _t2s_keys().isdisjoint(text):
        return _vocabulary(text)
    return _vocabulary(_converted_table()(text))


@cache
def _t2s_keys() -> frozenset[str]:
    folder = Path(opencc.__file__).parent / "dictionary"
    return frozenset(_dictionary_keys(folder / "TSCharacters.txt"))


@cache
def _converted_table() -> _Table:
    return _Table(_t2s_converted_characters())


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


@cache
def _t2s_characters() -> dict[int, str]:
    """Each traditional character's first simplified form (TSCharacters.txt)."""
    folder = Path(opencc.__file__).parent / "dictionary"
    table: dict[int, str] = {}
    with (folder / "TSCharacters.txt").open(encoding="utf-8") as lines:
        for line in lines:
            key, _, values = line.rstrip("\n").partition("\t")
            first = values.split(" ")[0]
            if len(key) == 1 and len(first) == 1:
                table[ord(key)] = first
    return table


@cache
def _foldable_re() -> re.Pattern[str]:
    """Any character fold_characters may change, or any beyond the BMP: a class of
    BMP characters alone compiles to a bitmap test, 10x faster than a set's
    isdisjoint, which hashes every character; TSCharacters' 354 astral ones would
    turn it into a list scanned at each position, so all astral ones pass."""
    bmp = (chr(code) for code in _t2s_characters() if code < 0x10000)
    return re.compile(_character_class(bmp)[:-1] + "\U00010000-\U0010ffff]")


def fold_characters(text: str) -> str:
    """Traditional folded to simplified character by character: the same length as
    the text, so positions stay; for matching, not for output (OpenCC's phrases,
    which to_simplified applies, are better Chinese but change lengths)."""
    # Most text has no traditional character, or a few (覆 on a simplified page):
    # str.translate would look every character up in a 4,000-entry dict (50 ns each).
    found = len(_foldable_re().findall(text))
    if not found:
        return text
    if found * _SPARSE < len(text):
        return _foldable_re().sub(_fold_one, text)
    return _fold_table()(text)


@cache
def _fold_table() -> _Table:
    return _Table(_t2s_characters())


def folded_count(text: str) -> int:
    """How many characters fold_characters changes."""
    table = _t2s_characters()
    bmp = len(_changed_re().findall(text))
    astral = [char for char in _ASTRAL_RE.findall(text) if ord(char) in table]
    return bmp + sum(table[ord(char)] != char for char in astral)


@cache
def _changed_re() -> re.Pattern[str]:
    table = _t2s_characters()
    changed = (
        chr(code) for code, new in table.items() if code < 0x10000 and new != chr(code)
    )
    return re.compile(_character_class(changed))


# Below one foldable character in _SPARSE, replacing each match beats translate.
_SPARSE = 20


def _fold_one(match: re.Match[str]) -> str:
    char = match.group()
    return _t2s_characters().get(ord(char), char)


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
