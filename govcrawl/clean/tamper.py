"""Injected spam on hacked or mirrored copies of government pages (spec/portals.md §3):
keyword lines prepended to the page or its <title>, brand strings replacing words
inside sentences, and hosts outside *.gov.cn serving a government path.

Single lexicon words (体育, 娱乐, 视频) are ordinary Chinese, so only spam-shaped runs
count: brand strings joined by _ or ¥ with several lexicon hits, or short lines
stacked with lexicon words and download/app bait."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

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
_TERMS_RE = re.compile("|".join(sorted(map(re.escape, LEXICON), key=len, reverse=True)))
_JOINERS = "_¥￥|｜-"
_MIDDLE_MAX = 12
_LEFT_MAX = 12
_RIGHT_MAX = 10
_SPAM_LINE_MAX = 100
_COLON = ":："
# Mirrors inject a handful of brands, repeated; every brand is searched for in every
# text node, so a page made of thousands of distinct ones is cut off here.
MAX_BRANDS = 200


def _is_word(char: str) -> bool:
    return char.isalnum()


def lexicon_hits(text: str) -> list[str]:
    return _TERMS_RE.findall(text)


def is_spam_line(line: str) -> bool:
    """A keyword line such as `免费菠萝视频app下载` or `澳门金沙娱乐场-买球官网`."""
    text = line.strip()
    if not text or len(text) > _SPAM_LINE_MAX or "。" in text:
        return False
    hits = lexicon_hits(text)
    if not hits:
        return False
    bait = sum(text.lower().count(word) for word in _BAIT)
    distinct = set(hits)
    return bool(distinct & STRONG) or (len(distinct) >= 2 and bait >= 1) or bait >= 2


def _joiner_positions(text: str) -> list[int]:
    positions = []
    for index in range(1, len(text) - 1):
        char, before, after = text[index], text[index - 1], text[index + 1]
        if char not in _JOINERS or not (_is_word(before) and _is_word(after)):
            continue
        if char == "-" and (before.isdigit() or after.isdigit()):
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
        hits = lexicon_hits(run)
        if len(hits) >= 2 or STRONG.intersection(hits):
            runs.append(run)
    return runs


def find_brands(text: str) -> list[str]:
    """Spam brand strings such as `澳门特区赌场_澳门金沙游戏¥中心大厅` (seed 002).

    A run that over-reaches into the following words is cut back to a shorter run
    seen elsewhere on the page: injected brands repeat verbatim."""
    brands: list[str] = []
    for run in sorted(set(_candidates(text)), key=lambda run: (len(run), run)):
        if len(brands) == MAX_BRANDS:
            break
        if not any(run.startswith(brand) for brand in brands):
            brands.append(run)
    return brands


def remove_brands(text: str, brands: list[str]) -> tuple[str, list[str]]:
    """Remove each brand (and the colon injected after it); return the fragments."""
    removed: list[str] = []
    for brand in sorted(brands, key=len, reverse=True):
        if brand not in text:
            continue
        pattern = re.compile(re.escape(brand) + f"[{_COLON}]?")
        removed.extend(pattern.findall(text))
        text = pattern.sub("", text)
    return text, removed


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
