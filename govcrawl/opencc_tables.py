"""opencc's t2s dictionaries as govcrawl reads them: str.translate tables and regex
classes of their characters, each built once per process at its first use (a
process that meets no traditional text builds few of them)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import opencc

ASTRAL_RE = re.compile("[\U00010000-\U0010ffff]")


def has_astral(text: str) -> bool:
    """Whether a character lies beyond the BMP (ASTRAL_RE finds one): each takes two
    UTF-16 units. The encoder copies units in C, ten times faster than the scan."""
    return len(text.encode("utf-16-le", "surrogatepass")) != 2 * len(text)


_FOLDER = Path(opencc.__file__).parent / "dictionary"


class Table:
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
        if not has_astral(text):
            return text.translate(self.bmp)
        return text.translate(self.mapping)


@cache
def converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@cache
def _traditional_only_chars() -> frozenset[str]:
    traditional = _dictionary_keys(_FOLDER / "TSCharacters.txt")
    simplified = _dictionary_keys(_FOLDER / "STCharacters.txt")
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


@cache
def traditional_only_re() -> re.Pattern[str]:
    # Only those inside CJK count (hits are a share of the CJK characters).
    chars = [char for char in _traditional_only_chars() if _is_cjk(char)]
    return re.compile(_character_class(chars))


@cache
def _t2s_converted_characters() -> dict[int, str]:
    """Each character of opencc's TSCharacters as the converter turns it alone."""
    keys = _dictionary_keys(_FOLDER / "TSCharacters.txt")
    table = {char: converter().convert(char) for char in keys if len(char) == 1}
    return {ord(char): new for char, new in table.items() if new != char}


@cache
def t2s_phrases() -> re.Pattern[str]:
    """Any key of opencc's TSPhrases (277 keys, 2 to 14 characters)."""
    keys = sorted(_dictionary_keys(_FOLDER / "TSPhrases.txt"), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, keys)))


@cache
def _phrase_starts() -> re.Pattern[str]:
    """The first two characters of any TSPhrases key, each from its own class."""
    keys = _dictionary_keys(_FOLDER / "TSPhrases.txt")
    firsts = _character_class(key[0] for key in keys)
    seconds = _character_class(key[1] for key in keys)
    return re.compile(firsts + seconds)


def has_phrase(text: str) -> bool:
    """Whether a TSPhrases key is in the text (t2s_phrases finds one). The 277-way
    alternation tries every key at each of its first characters (2,000 instructions
    a time, 200 times on a page); two classes find the few places where a key's first
    two characters could stand, and the keys are tried only there."""
    starts, phrases = _phrase_starts(), t2s_phrases()
    start = starts.search(text)
    while start is not None:
        if phrases.match(text, start.start()):
            return True
        start = starts.search(text, start.start() + 1)
    return False


@cache
def t2s_keys() -> frozenset[str]:
    return frozenset(_dictionary_keys(_FOLDER / "TSCharacters.txt"))


@cache
def converted_table() -> Table:
    return Table(_t2s_converted_characters())


@cache
def t2s_characters() -> dict[int, str]:
    """Each traditional character's first simplified form (TSCharacters.txt)."""
    table: dict[int, str] = {}
    with (_FOLDER / "TSCharacters.txt").open(encoding="utf-8") as lines:
        for line in lines:
            key, _, values = line.rstrip("\n").partition("\t")
            first = values.split(" ")[0]
            if len(key) == 1 and len(first) == 1:
                table[ord(key)] = first
    return table


@cache
def foldable_re() -> re.Pattern[str]:
    """Any character fold_characters may change, or any beyond the BMP: a class of
    BMP characters alone compiles to a bitmap test, 10x faster than a set's
    isdisjoint, which hashes every character; TSCharacters' 354 astral ones would
    turn it into a list scanned at each position, so all astral ones pass."""
    bmp = (chr(code) for code in t2s_characters() if code < 0x10000)
    return re.compile(_character_class(bmp)[:-1] + "\U00010000-\U0010ffff]")


@cache
def fold_table() -> Table:
    return Table(t2s_characters())


@cache
def changed_re() -> re.Pattern[str]:
    """Runs of characters that fold to another: a traditional page's come in runs
    (執行機關), and each match costs more than its characters."""
    table = t2s_characters()
    changed = (
        chr(code) for code, new in table.items() if code < 0x10000 and new != chr(code)
    )
    return re.compile(_character_class(changed) + "+")
