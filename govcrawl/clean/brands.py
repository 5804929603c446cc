"""Spam brands that stand alone, with no joiner around them, put in place of an organ
or a word on hacked and mirrored pages: casino and betting names, or a place before a
gambling word. Matched in the match_key form (simplified, no pinyin)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from govcrawl.opencc_tables import _character_class, t2s_characters
from govcrawl.patterns import lazy

# Brands put in place of an organ or a word, with no joiner around them: a casino or
# betting name, or a place before a gambling word (list-casino.com's 澳門賭場推薦,
# bjjpgj.com's 美高梅娛樂城, he18tv.com's 澳门特区赌场,澳门博彩业网址, dustudy.com's
# UedBet体育, jindianhuida.com's 亚博足彩; the spam-branded titles in
# tests/real/titles: 365bet网上娱乐_365BETAPP官网_…, 188博金宝app_…, 比分直播,
# 欧洲五大联赛, 雷速体育直播; meta/ excerpts: beat365手机版官方网站, 老虎机游戏,
# 金沙城中心赌场_澳门金沙官网). A gambling word alone (赌场 in 查处地下赌场) is not one.
_LATIN_NAMES = r"(?<![a-z])(?:\d{0,6}bet\d{0,6}|uedbet|beat365)(?:app)?(?![a-z])"
_NAME_WORDS = (
    "美高梅",
    "太阳城",
    "亚博",
    "新葡京",
    "葡京",
    "威尼斯人",
    "威廉希尔",
    "必威",
    "博天堂",
    "菠萝视频",
    "雷速",
    "金沙城中心",
)
_NAMES = "|".join(_NAME_WORDS) + "|" + _LATIN_NAMES
_PLACES = "澳门|香港|金沙"
_GAMBLING = "赌场|博彩业?|买球|百家乐|六合彩|老虎机|娱乐城|娱乐场|足彩|彩票|投注"
_BETTING_LEADS = ("欧洲杯", "世界杯", "欧洲", "篮球", "足球")
_BETTING_WORDS = (
    "比分直播",
    "五大联赛",
    "博金宝",
    "在哪投注",
    "老虎机",
    "百家乐",
    "六合彩",
)
_BETTING = rf"\d{{0,6}}(?:{'|'.join(_BETTING_LEADS)})?(?:{'|'.join(_BETTING_WORDS)})"
_AFFIXES = "推荐|网址|官方网站|官网|手机版|app|下载|体育|网上娱乐|娱乐|游戏|平台|直播|大全|入口|注册"
# Every repetition inside a brand is bounded (a brand is a few words long), so a page of
# repeated digits or place names costs a constant at each position, never a backtrack
# over the rest of the page; only the chain of joined brands below is unbounded.
_SOME_AFFIXES = rf"(?:{_AFFIXES}){{0,12}}"
_BRAND = (
    rf"(?:(?:{_PLACES}){{1,3}}(?:特区)?(?:{_NAMES})?(?:{_GAMBLING}){_SOME_AFFIXES}"
    rf"|(?:{_PLACES}){{0,3}}\d{{0,6}}(?:{_NAMES})(?:{_GAMBLING}|{_AFFIXES}){{0,12}}"
    rf"|{_BETTING}{_SOME_AFFIXES})"
)
# After a joiner, a brand's tail needs no name of its own (`_365体育平台网址`).
_TAIL = rf"(?:{_BRAND}|(?:{_PLACES}){{0,3}}\d{{0,6}}(?:{_GAMBLING}|{_AFFIXES}){{1,12}})"
# Every brand holds one of these: a substring test spares most pages the regex.
_BRAND_HINTS = (
    *_PLACES.split("|"),
    *_NAME_WORDS,
    "bet",
    "beat365",
    "比分",
    "联赛",
    "博金宝",
    "投注",
    "老虎机",
    "百家乐",
    "六合彩",
)
# Every brand starts with the first character of a word above, b or u (the Latin
# names), or with digits before one: at most 12 (`\d{0,6}bet` after `\d{0,6}`).
# Tested first, it spares the alternation at most positions, the zeros of a report's
# tables among them (3x faster, and twice again on a report's text).
_WORDS = (*_PLACES.split("|"), *_NAME_WORDS, *_BETTING_LEADS, *_BETTING_WORDS)
_FIRST = "".join(sorted({word[0] for word in _WORDS}))
# One scan for all hints (3x faster than a substring test per hint).
_HINTS_RE = lazy("|".join(map(re.escape, _BRAND_HINTS)))
# Possessive: nothing follows the chain, and a megabyte of joined brands then keeps no
# backtracking state per brand.
_BRAND_RE = lazy(
    rf"(?=\d{{0,12}}[{_FIRST}bu]){_BRAND}(?:[,，、_¥￥|｜-]{_TAIL})*+", re.I
)


# A brand's first hint starts at most 12 characters into it (`\d{0,6}` before
# `\d{0,6}bet`), so matches are tried only up to there before each hint, not at
# every position of the page (each position costs ~600 instructions): the
# earliest match within reach, as a scan from the left would find it.
_HINT_REACH = 12
_NEAR_HINT = lazy(rf"(?s:.{{0,{_HINT_REACH}}}?)({_BRAND_RE.pattern})", re.I)


def named_brands(view: str) -> list[str]:
    """Every such brand in a match_key view, as found (joined ones as one string)."""
    lowered = view.lower()
    hint = _HINTS_RE.search(lowered)
    if hint is None:
        return []
    if len(lowered) != len(view):
        return _BRAND_RE.findall(view)
    found: list[str] = []
    position = 0
    while hint is not None:
        near = _NEAR_HINT.match(view, max(position, hint.start() - _HINT_REACH))
        if near is None:
            hint = _HINTS_RE.search(lowered, hint.start() + 1)
            continue
        found.append(near.group(1))
        position = near.end()
        hint = _HINTS_RE.search(lowered, position)
    return found


class PairScreen:
    """Whether a text's match_key view may hold one of some words (each two characters
    or more), told from the text before folding: a word in the view starts with two
    characters that fold to its first two. Two classes find where such a pair could
    stand; the pair is folded only there."""

    def __init__(self, words: Iterable[str]) -> None:
        starts = {word[:2].lower() for word in words}
        sources: dict[str, set[str]] = {}
        for code, new in t2s_characters().items():
            sources.setdefault(new, set()).add(chr(code))

        def variants(char: str) -> set[str]:
            return {char, char.upper(), *sources.get(char, ())}

        firsts = set().union(*(variants(start[0]) for start in starts))
        seconds = set().union(*(variants(start[1]) for start in starts))
        self.starts = frozenset(starts)
        self.pairs = re.compile(_character_class(firsts) + _character_class(seconds))

    def rules_out(self, text: str) -> bool:
        fold = t2s_characters()
        pair = self.pairs.search(text)
        while pair is not None:
            first, second = text[pair.start()], text[pair.start() + 1]
            view = fold.get(ord(first), first) + fold.get(ord(second), second)
            if view.lower() in self.starts:
                return False
            pair = self.pairs.search(text, pair.start() + 1)
        return True


@cache
def hint_screen() -> PairScreen:
    """A text this rules out holds no hint, and so no brand named_brands finds."""
    return PairScreen(_BRAND_HINTS)
