"""Text normalisation shared by the clean and parse stages: script, pinyin, width,
spacing and quotes."""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path

import opencc

CJK = "\u3400-\u9fff\uf900-\ufaff"
_PINYIN_LETTERS = "a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
# Mirror sites annotate characters with pinyin: 執(zhí), 文(wen), 和(he)(he).
PINYIN_RE = re.compile(rf"(?<=[{CJK}])(?:[(（][{_PINYIN_LETTERS}]{{1,7}}[)）])+")
_SPACE_RE = re.compile(r"[\s\u00a0\u3000\u200b\ufeff]+")
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "〝": '"', "〞": '"'})
# Taiwan-vocabulary converters rewrite 文件 as 檔案 (spec/template.md §6.8).
_VOCABULARY = (("档案", "文件"),)
_TRADITIONAL_SHARE = 0.02
_CJK_RE = re.compile(f"[{CJK}]")


@cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@cache
def _traditional_only_chars() -> frozenset[str]:
    folder = Path(opencc.__file__).parent / "dictionary"
    traditional = _dictionary_keys(folder / "TSCharacters.txt")
    simplified = _dictionary_keys(folder / "STCharacters.txt")
    return frozenset(traditional - simplified)


def _dictionary_keys(path: Path) -> set[str]:
    with path.open(encoding="utf-8") as lines:
        return {line.split("\t", 1)[0] for line in lines if line.strip()}


def script_of(text: str) -> str:
    """'traditional' when traditional-only characters make up a visible share."""
    cjk = len(_CJK_RE.findall(text))
    if not cjk:
        return "simplified"
    hits = len(_traditional_only_re().findall(text))
    share = hits / cjk
    return "traditional" if hits >= 3 and share >= _TRADITIONAL_SHARE else "simplified"


@cache
def _traditional_only_re() -> re.Pattern[str]:
    # Only those inside CJK count (hits are a share of the CJK characters).
    chars = sorted(char for char in _traditional_only_chars() if _CJK_RE.match(char))
    return re.compile("[" + "".join(map(re.escape, chars)) + "]")


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
        converted = _converter().convert(text)
    else:
        converted = text.translate(_t2s_converted_characters())
    for old, new in _VOCABULARY:
        converted = converted.replace(old, new)
    return converted


def strip_pinyin(text: str) -> str:
    return PINYIN_RE.sub("", text)


def fold_width(text: str) -> str:
    """Full-width to half-width, curly quotes to straight."""
    return unicodedata.normalize("NFKC", text).translate(_QUOTES)


def label_key(text: str) -> str:
    """The form labels are compared in: folded width, no spaces, straight quotes."""
    return _SPACE_RE.sub("", fold_width(text))


def squash_spaces(text: str) -> str:
    return _SPACE_RE.sub(" ", text).strip()
