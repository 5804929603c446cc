"""Matching printed labels to template keys: exact first, then annotated or truncated
forms, and header trees laid out breadth first as tables print them."""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from functools import cache, lru_cache

from govcrawl.model import Finding
from govcrawl.normalize import label_key
from govcrawl.parse.values import is_value
from govcrawl.patterns import lazy
from govcrawl.template import REQUEST_HEADER, REVIEW_HEADER, Column, Label

_NUMBERING = lazy(
    r"^(?:[一二三四五六七八九十]+[、.,]|\([一二三四五六七八九十\d]+\)|\d+[.、,])"
)
_PUNCTUATION = lazy(r"[\"'、,.。:;()\[\]【】《》<>/\-—_·]")
_MIN_TRUNCATED = 2


@lru_cache(maxsize=8192)
def core(key: str) -> str:
    """A label without its numbering and punctuation."""
    return _PUNCTUATION.sub("", _NUMBERING.sub("", key))


@cache
def _keys(label: Label) -> frozenset[str]:
    return frozenset(label_key(text) for text in label.texts)


@cache
def _cores(label: Label) -> tuple[str, ...]:
    return tuple(core(label_key(text)) for text in label.texts)


def exact(key: str, label: Label) -> bool:
    return key in _keys(label) or core(key) in _cores(label)


def annotated(key: str, label: Label) -> int:
    """Length of the template core the label starts with (explanatory text after)."""
    doc = core(key)
    return max((len(c) for c in _cores(label) if c and doc.startswith(c)), default=0)


def truncated(key: str, label: Label) -> bool:
    doc = core(key)
    return len(doc) >= _MIN_TRUNCATED and any(c.startswith(doc) for c in _cores(label))


@cache
def _index(labels: tuple[Label, ...]) -> dict[str, Label]:
    """Exact keys and cores of a label set, first label winning."""
    index: dict[str, Label] = {}
    for label in reversed(labels):
        index.update(dict.fromkeys((*_keys(label), *_cores(label)), label))
    return index


def match_label(key: str, labels: Sequence[Label]) -> Label | None:
    """The label a printed row label stands for, or None when it is unknown."""
    return _match_label(key, tuple(labels))


# Every report prints the same few hundred labels, and header scanning asks about
# each cell several times: the answer depends on the key and the label set only.
@lru_cache(maxsize=16384)
def _match_label(key: str, labels: tuple[Label, ...]) -> Label | None:
    return exact_label(key, labels) or fuzzy_label(key, labels)


def exact_label(key: str, labels: tuple[Label, ...]) -> Label | None:
    """The label whose text or core the printed label is."""
    doc = core(key)
    if not doc or is_value(key):
        return None
    index = _index(labels)
    return index.get(key) or index.get(doc)


@lru_cache(maxsize=16384)
def fuzzy_label(key: str, labels: tuple[Label, ...]) -> Label | None:
    """A template label with explanatory text after it (the longest one wins), or
    the only label a cut-short printed label begins."""
    if not core(key) or is_value(key):
        return None
    scored = [(annotated(key, label), label) for label in labels]
    best = max(scored, key=lambda pair: pair[0], default=(0, None))
    if best[0]:
        return best[1]
    shortened = [label for label in labels if truncated(key, label)]
    return shortened[0] if len(shortened) == 1 else None


def align_header(
    keys: Sequence[str], roots: tuple[Column, ...], where: str
) -> tuple[list[str], list[Finding]]:
    """Leaf column keys in printed order, from header cells read row by row."""
    tree = id(roots)
    if _TREES.get(tree) is roots:
        columns, findings = _aligned(tuple(keys), tree, where)
    else:
        columns, findings = _align(tuple(keys), roots, where)
    return list(columns), [Finding(f.kind, f.message, f.where) for f in findings]


# The template's header trees, by identity: as a cache key a tree of dataclasses is
# hashed field by field in Python on every lookup (some 30 calls a table).
_TREES = {id(tree): tree for tree in (REQUEST_HEADER, REVIEW_HEADER)}


# Reports print their headers in a handful of ways; matching one walks the header
# tree and hashes its columns, so the alignment is kept per printed header.
@lru_cache(maxsize=1024)
def _aligned(
    keys: tuple[str, ...], tree: int, where: str
) -> tuple[tuple[str, ...], tuple[Finding, ...]]:
    return _align(keys, _TREES[tree], where)


def _align(
    keys: tuple[str, ...], roots: tuple[Column, ...], where: str
) -> tuple[tuple[str, ...], tuple[Finding, ...]]:
    tokens = deque(key for key in keys if key)
    findings: list[Finding] = []
    placed: dict[tuple[Column, ...], list[Column]] = {}
    queue = deque([roots])
    while queue:
        siblings = queue.popleft()
        take = min(len(siblings), len(tokens))
        printed = [tokens.popleft() for _ in range(take)]
        placed[siblings] = _match_siblings(printed, siblings, where, findings)
        queue.extend(col.children for col in placed[siblings] if col.children)
    for extra in tokens:
        findings.append(
            Finding("unknown_label", f"unexpected header cell '{extra}'", where)
        )
    if findings and _joined(keys).endswith(_header_text(roots)):
        return tuple(_leaf_keys(roots, {})), (_rejoined(keys, where),)
    return tuple(_leaf_keys(roots, placed)), tuple(findings)


def _joined(keys: Sequence[str]) -> str:
    return "".join(keys)


@cache
def _header_text(roots: tuple[Column, ...]) -> str:
    """The template's header cells row by row, run together: what a header reads as
    when its cells are split across lines (PDF text) or glued (a page's text)."""
    texts: list[str] = []
    queue = deque([roots])
    while queue:
        siblings = queue.popleft()
        texts.extend(label_key(column.label.text) for column in siblings)
        queue.extend(column.children for column in siblings if column.children)
    return "".join(texts)


def _rejoined(keys: Sequence[str], where: str) -> Finding:
    printed = " / ".join(key for key in keys if key)
    message = f"header cells split or run together ({printed}); they spell the "
    return Finding("header_rejoined", message + "template's header in order", where)


def _leaf_keys(
    siblings: tuple[Column, ...], placed: dict[tuple[Column, ...], list[Column]]
) -> list[str]:
    keys: list[str] = []
    for column in placed.get(siblings, list(siblings)):
        if column.children:
            keys.extend(_leaf_keys(column.children, placed))
        else:
            keys.append(column.label.key)
    return keys


def _match_siblings(
    printed: list[str],
    siblings: tuple[Column, ...],
    where: str,
    findings: list[Finding],
) -> list[Column]:
    free = list(siblings)
    chosen: list[Column | None] = [None] * len(printed)
    for index, key in enumerate(printed):
        hit = next((col for col in free if exact(key, col.label)), None)
        if hit:
            chosen[index] = hit
            free.remove(hit)
    for index, key in enumerate(printed):
        candidates = [col for col in free if truncated(key, col.label)]
        candidates += [col for col in free if annotated(key, col.label)]
        if chosen[index] is None and len(set(candidates)) == 1:
            chosen[index] = candidates[0]
            free.remove(candidates[0])
    for index, key in enumerate(printed):
        if chosen[index] is None and free:
            column = free.pop(0)
            chosen[index] = column
            message = f"header cell '{key}' is ambiguous; read as '{column.label.text}'"
            findings.append(Finding("ambiguous_label", f"{message} by position", where))
    for column in free:
        message = f"header cell '{column.label.text}' is missing"
        findings.append(Finding("missing_column", message, where))
    return [col for col in chosen if col is not None] + free
