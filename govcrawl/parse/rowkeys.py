"""Table 三 row labels to row keys, by label first and then by number inside a group.

Inside (三)不予公开, (四)无法提供, (五)不予处理 and (六)其他处理 the sub-rows are numbered
1, 2, ... in the template's order. A sub-row whose label is misprinted keeps its number:
real 2024 reports print `2.其他法律行政止公开` for `2.其他法律行政法规禁止公开`, which an
unguarded prefix match read as `3.其他` (other_misc). So a fuzzy match stays inside the
current group and agrees with the printed number, and a row taken by its number alone
carries a finding that quotes the printed label. A label that matches no row is unknown:
it never lands under a neighbour's key."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache, lru_cache

from govcrawl.normalize import label_key
from govcrawl.parse.labels import core, exact_label, fuzzy_label, match_label
from govcrawl.parse.values import is_value
from govcrawl.template import REQUEST_GROUPS, REQUEST_ROWS, SUBROW_GROUPS, Label

ROW_LABELS = (*REQUEST_ROWS, *REQUEST_GROUPS)
GROUP_KEYS = frozenset(label.key for label in REQUEST_GROUPS)
_BY_KEY = {label.key: label for label in ROW_LABELS}
_GROUP_OF = {row: group for group, rows in SUBROW_GROUPS.items() for row in rows}
# In label_key form (width folded): `2.`, `2、`, `２．`, `2,`.
_SUBROW_NUMBER = re.compile(r"^(\d{1,2})[.、,]")
_ROW_START = re.compile(r"\d{1,2}[.、,]|\([一二三四五六七]\)")
# Cells that open a group, and 三、本年度办理结果, which a row label may follow.
_OPENS = frozenset({*SUBROW_GROUPS, "results"})
_GROUP_NUMERAL = re.compile(r"^\(([三四五六])\)")
_GROUP_NUMERALS = dict(zip("三四五六", SUBROW_GROUPS, strict=True))
# A misspelling keeps most of the label: `其他法律行政止公开` is 0.86 of its row's text.
_SIMILAR = 0.6
_DISTINCT = 4


@dataclass(frozen=True)
class RowMatch:
    """The row a printed label stands for, and a note (of a finding kind) when it
    was not read from the label alone."""

    label: Label | None
    note: str | None = None
    kind: str = "row_by_number"


# Keyed on the printed key only: hashing a tuple of labels on every lookup would cost
# more than the match (every report prints the same few hundred labels).
@lru_cache(maxsize=16384)
def exact_row(key: str) -> Label | None:
    """The row or group label a printed key is exactly."""
    return exact_label(key, ROW_LABELS)


@lru_cache(maxsize=16384)
def _exact_match(key: str) -> RowMatch | None:
    hit = exact_row(key)
    return None if hit is None else RowMatch(hit)


@lru_cache(maxsize=16384)
def row_label(key: str) -> Label | None:
    """The row or group label a printed key stands for, exactly or fuzzily."""
    return match_label(key, ROW_LABELS)


@lru_cache(maxsize=16384)
def _fuzzy_row(key: str, group: str | None, number: int | None) -> Label | None:
    return fuzzy_label(key, _candidates(group, number))


def subrow_number(key: str) -> int | None:
    found = _SUBROW_NUMBER.match(key)
    return int(found.group(1)) if found else None


def group_name(group: str) -> str:
    return _BY_KEY[group].text


@dataclass
class RowResolver:
    """Reads table 三's row labels in printed order, remembering the open group."""

    group: str | None = None

    def resolve(self, key: str, printed: str) -> RowMatch:
        match = self._match(key, printed)
        if match.label is not None:
            self._enter(match.label.key)
        return match

    def _match(self, key: str, printed: str) -> RowMatch:
        if is_value(key):
            return RowMatch(None)
        exact = _exact_match(key)
        if exact is not None:
            return exact
        after_group = self._after_group_cell(key, printed)
        if after_group is not None:
            return after_group
        number = subrow_number(key)
        hit = _fuzzy_row(key, self.group, number)
        if hit is not None:
            return RowMatch(hit)
        return self._by_number(key, printed, number)

    def _after_group_cell(self, key: str, printed: str) -> RowMatch | None:
        """A row label glued to the group cell before it, as a page's text content
        joins a rowspan cell and the row's own label: `(三)不予公开1.属于国家秘密`,
        `三、本年度办理结果(一)予以公开`, or a group cell a page break cut in two,
        `(四)无1.本机关…` and `法提供2.没有现成…`. A group cell opens its group
        and the label after it is read like any other; after text that is no group
        cell, only a label that is exactly a row's is taken, with a note."""
        for start in _row_starts(key):
            group = _group_cell(key[:start])
            if group is not None:
                self._enter(group)
                return self._match(key[start:], printed)
        for start in _row_starts(key):
            hit = exact_row(key[start:])
            if hit is not None and hit.key not in GROUP_KEYS:
                note = (
                    f"printed label '{printed}' read as '{hit.text}'; "
                    f"'{key[:start]}' before it taken for a group cell"
                )
                return RowMatch(hit, note, "label_fragment")
        return None

    def _by_number(self, key: str, printed: str, number: int | None) -> RowMatch:
        if self.group is None or number is None:
            return RowMatch(None)
        rows = SUBROW_GROUPS[self.group]
        if not 1 <= number <= len(rows):
            return RowMatch(None)
        label = _BY_KEY[rows[number - 1]]
        if not (_garbled(key) or _similar(key, label)):
            return RowMatch(None)
        note = (
            f"printed label '{printed}' read as row {number} of "
            f"{group_name(self.group)} ('{label.text}') by its number"
        )
        return RowMatch(label, note)

    def _enter(self, key: str) -> None:
        if key in SUBROW_GROUPS:
            self.group = key
        else:
            self.group = _GROUP_OF.get(key)


# Keyed on the printed label and the open group, which are all a resolution reads:
# table 三's thirty rows are the same few labels in every report.
@lru_cache(maxsize=16384)
def resolved(key: str, printed: str, group: str | None) -> tuple[RowMatch, str | None]:
    """RowResolver(group).resolve(key, printed), and the group open after it."""
    resolver = RowResolver(group)
    return resolver.resolve(key, printed), resolver.group


def _group_cell(key: str) -> str | None:
    """The group a cell opens: its label, or its numeral when a break cut it."""
    label = exact_row(key)
    if label is not None:
        return label.key if label.key in _OPENS else None
    found = _GROUP_NUMERAL.match(key)
    return _GROUP_NUMERALS[found.group(1)] if found else None


def _row_starts(key: str) -> list[int]:
    """Where a row label could begin inside a longer printed label."""
    return [found.start() for found in _ROW_START.finditer(key) if found.start() > 0]


@cache
def _candidates(group: str | None, number: int | None) -> tuple[Label, ...]:
    """Labels a fuzzy match may choose from: a numbered sub-row only among the rows
    of that number (in the open group when there is one); anything else only among
    the open group's rows and the labels outside every group, and never a sub-row
    too short to tell without its number."""
    rows = SUBROW_GROUPS.get(group, ()) if group else tuple(_GROUP_OF)
    if number is not None:
        return tuple(
            _BY_KEY[row]
            for row in rows
            if SUBROW_GROUPS[_GROUP_OF[row]].index(row) + 1 == number
        )
    outside = tuple(label for label in ROW_LABELS if label.key not in _GROUP_OF)
    unnumbered = (_BY_KEY[row] for row in rows)
    return (*outside, *(label for label in unnumbered if _distinct(label)))


def _distinct(label: Label) -> bool:
    """Whether a sub-row's text is long enough to be matched without its number:
    `3.其他` is not (其他 begins 其他法律行政法规禁止公开 and 其他处理)."""
    return min(len(core(label_key(text))) for text in label.texts) >= _DISTINCT


def _similar(key: str, label: Label) -> bool:
    printed = core(key)
    return any(
        SequenceMatcher(None, printed, core(label_key(text))).ratio() >= _SIMILAR
        for text in label.texts
    )


def _garbled(key: str) -> bool:
    """Nothing readable after the number: lost glyphs, replacement characters."""
    printed = core(key)
    return not any(unicodedata.category(char) == "Lo" for char in printed) or any(
        char == "\ufffd" or unicodedata.category(char) == "Co" for char in printed
    )
