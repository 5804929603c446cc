"""Injected spam on hacked or mirrored copies of government pages (spec/portals.md §3):
keyword lines prepended to the page or its <title>, brand strings replacing words
inside sentences, and hosts outside *.gov.cn serving a government path.

Single lexicon words (体育, 娱乐, 视频) are ordinary Chinese, so only spam-shaped runs
count: brand strings joined by _ or ¥ with several lexicon hits, casino and betting
names (美高梅娛樂城, 澳门特区赌场, UedBet体育), or short lines stacked with lexicon
words and download/app bait. Everything is matched in the match_key form (no pinyin,
traditional folded), and what goes is the span as printed."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise
from urllib.parse import urlsplit

from govcrawl.clean.brands import hint_screen, named_brands
from govcrawl.normalize import CJK, dense_match_key, folded, match_key
from govcrawl.patterns import lazy

# spec/portals.md §3 lexicon, plus brands seen on the mirrors listed there.
LEXICON = [
    "澳门",
    "金沙",
    "赌场",
    "娱乐",
    "博彩",
    "竞猜",
    "买球",
    "体育",
    "威尼斯人",
    "精品",
    "久久",
    "视频",
    "成人",
    "百家乐",
    "葡京",
    "六合彩",
    "彩票",
    "老虎机",
    "棋牌",
    "真人",
    "皇冠",
    "威廉希尔",
    "欧洲杯",
    "世界杯",
    "足球",
    "菠萝视频",
]
# Never in a government report, whatever the context.
STRONG = frozenset(
    [
        "赌场",
        "博彩",
        "买球",
        "威尼斯人",
        "百家乐",
        "葡京",
        "六合彩",
        "老虎机",
        "威廉希尔",
        "菠萝视频",
        # Porn and lottery phrases (haose21's `亚洲国产成人精品久久久…`, mckillo's
        # `香港免费图库资料大全`).
        "久久久",
        "中文字幕",
        "国产精品",
        "亚洲精品",
        "欧美激情",
        "资料大全",
        "免费图库",
    ]
)
_BAIT = (
    "app",
    "下载",
    "官网",
    "免费",
    "网址",
    "入口",
    "注册",
    "娱乐城",
    "大厅",
    "在线观看",
)
_TERMS = sorted(set(LEXICON) | STRONG, key=len, reverse=True)
_TERMS_RE = lazy("|".join(map(re.escape, _TERMS)))
_JOINERS = "_¥￥|｜-"
_JOINER_RE = lazy(f"[{re.escape(_JOINERS)}]")
_MIDDLE_MAX = 12
_LEFT_MAX = 12
_RIGHT_MAX = 10
_SPAM_LINE_MAX = 100
_COLON = ":："
_CJK_RE = lazy(f"[{CJK}]")
_WORDS_MIN = 4
_HEAD_TAIL_MIN = 2
# Mirrors inject a handful of brands, repeated; every brand is searched for in every
# text node, so a page made of thousands of distinct ones is cut off here.
MAX_BRANDS = 200


def _is_word(char: str) -> bool:
    return char.isalnum()


def lexicon_hits(text: str) -> list[str]:
    return _TERMS_RE.findall(text)


def is_spam_line(line: str) -> bool:
    """A keyword line such as `免费菠萝视频app下载` or `澳门金沙娱乐场-买球官网`."""
    if "。" in line or len(line.strip()) > 3 * _SPAM_LINE_MAX:
        return False
    text = match_key(line).strip()
    if not text or len(text) > _SPAM_LINE_MAX or "。" in text:
        return False
    hits = lexicon_hits(text)
    if not hits:
        return False
    bait = sum(text.lower().count(word) for word in _BAIT)
    distinct = set(hits)
    return bool(distinct & STRONG) or (len(distinct) >= 2 and bait >= 1) or bait >= 2


def keeps_words(text: str) -> bool:
    """Whether a line carries words of its own besides spam terms and bait: a title
    whose organ was replaced by a brand stays, brand cut out; a keyword line goes."""
    rest = _TERMS_RE.sub("", match_key(text).lower())
    for word in _BAIT:
        rest = rest.replace(word, "")
    return len(_CJK_RE.findall(rest)) >= _WORDS_MIN


def _joiner_positions(text: str) -> list[int]:
    positions = []
    for match in _JOINER_RE.finditer(text, 1, len(text) - 1):
        index = match.start()
        before, after = text[index - 1], text[index + 1]
        if not (_is_word(before) and _is_word(after)):
            continue
        if match.group() == "-" and (before.isdigit() or after.isdigit()):
            continue
        positions.append(index)
    return positions


def _joined_groups(text: str) -> list[tuple[int, int]]:
    """First and last joiner of each run of short word segments joined by _ ¥ | -."""
    groups: list[tuple[int, int]] = []
    for position in _joiner_positions(text):
        if groups:
            first, last = groups[-1]
            between = text[last + 1 : position]
            if len(between) <= _MIDDLE_MAX and all(map(_is_word, between)):
                groups[-1] = (first, position)
                continue
        groups.append((position, position))
    return groups


def _left_edge(text: str, joiner: int) -> int:
    start = joiner
    while start > 0 and joiner - start < _LEFT_MAX and _is_word(text[start - 1]):
        start -= 1
    term = _TERMS_RE.search(text, start, joiner)
    return term.start() if term else joiner + 1


def _right_edge(text: str, joiner: int) -> int:
    end = joiner + 1
    while end < len(text) and end - joiner <= _RIGHT_MAX and _is_word(text[end]):
        end += 1
    term = _TERMS_RE.search(text, joiner + 2, end)
    return term.start() if term else end


def _candidates(text: str) -> list[str]:
    runs = []
    for first, last in _joined_groups(text):
        run = text[_left_edge(text, first) : _right_edge(text, last)]
        if _is_brand_run(run):
            runs.append(run)
    return runs


def _is_brand_run(run: str) -> bool:
    hits = lexicon_hits(run)
    return len(hits) >= 2 or bool(STRONG.intersection(hits))


def find_brands(text: str) -> list[str]:
    """Spam brand strings such as `澳门特区赌场_澳门金沙游戏¥中心大厅` (seed 002), in
    their match_key form.

    A run that over-reaches into the following words is cut back to a shorter run
    seen elsewhere on the page: injected brands repeat verbatim."""
    view = dense_match_key(text, _holds_no_brand)
    if view is None:
        return []
    runs = set(_candidates(view))
    brands: list[str] = []
    for run in sorted(runs | _shared_heads(runs), key=lambda run: (len(run), run)):
        if len(brands) == MAX_BRANDS:
            break
        if not any(run.startswith(brand) for brand in brands):
            brands.append(run)
    for name in dict.fromkeys(named_brands(view)):
        if len(brands) == MAX_BRANDS:
            break
        if not any(name in brand for brand in brands):
            brands.append(name)
    return brands


def _holds_no_brand(stripped: str) -> bool:
    # Folding keeps joiners and what is a word or a digit (tests/test_scrub_speedups.py):
    # the view has the joiners the text before folding has.
    return not _joiner_positions(stripped) and hint_screen().rules_out(stripped)


def _shared_heads(runs: set[str]) -> set[str]:
    """The common start of two runs that differ after their last joiner: totopco.com's
    `体育彩票_澳客彩票网-游戏平台` + 做好 / + 印发 (the words the brand was put before)."""
    heads = set()
    ordered = sorted(runs)
    for first, second in pairwise(ordered):
        head = _common_start(first, second)
        joiner = max(map(head.rfind, _JOINERS))
        if joiner < 0 or len(head) - joiner <= _HEAD_TAIL_MIN:
            continue
        # Words follow the brand in both (做好, 印发), not a count or a code.
        tails = first[len(head) : len(head) + 1] + second[len(head) : len(head) + 1]
        if len(_CJK_RE.findall(tails)) == 2 and _is_brand_run(head):
            heads.add(head)
    return heads


def _common_start(first: str, second: str) -> str:
    size = 0
    while size < min(len(first), len(second)) and first[size] == second[size]:
        size += 1
    return first[:size]


def remove_brands(text: str, brands: list[str]) -> tuple[str, list[str]]:
    """Remove each brand (found in the match_key view, cut as printed) and the colon
    injected after it; return the text and the fragments as printed."""
    if not brands:
        return text, []
    view = match_key(text)
    found = [match.span() for match in _brands_re(tuple(brands)).finditer(view)]
    if not found:
        return text, []
    if view != text:
        mapped = folded(text)
        found = [mapped.span(start, end) for start, end in found]
    kept, removed, position = [], [], 0
    for start, end in found:
        kept.append(text[position:start])
        removed.append(text[start:end])
        position = end
    kept.append(text[position:])
    return "".join(kept), removed


def brand_pattern(brands: list[str]) -> re.Pattern[str]:
    """What remove_brands cuts: any of the brands (longest first) and the colon
    injected after it, searched for in the match_key view."""
    return _brands_re(tuple(brands))


@lru_cache(maxsize=64)
def _brands_re(brands: tuple[str, ...]) -> re.Pattern[str]:
    longest_first = sorted(map(re.escape, brands), key=len, reverse=True)
    return re.compile(f"(?:{'|'.join(longest_first)})[@#]?[{_COLON}]?", re.I)


def is_mirror(url: str | None) -> bool:
    """A non-government host serving a government path. Loopback (fixture servers)
    and missing URLs are neutral."""
    if not url:
        return False
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().rstrip(".")
    if not host or host in ("localhost", "127.0.0.1", "::1") or host.startswith("127."):
        return False
    if host == "gov.cn" or host.endswith(".gov.cn"):
        return False
    return parts.path not in ("", "/")
