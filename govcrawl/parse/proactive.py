"""Table 二 (主动公开): blocks by title, columns by header label, rows by row label."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, count
from operator import attrgetter

from govcrawl.model import Report
from govcrawl.parse.cells import read_row
from govcrawl.parse.labels import match_label
from govcrawl.parse.regions import BLOCK_TITLE, Region, is_block_title
from govcrawl.parse.tokens import Token
from govcrawl.parse.values import Cell, amount_in_wan, is_value
from govcrawl.template import (
    BLOCK_NUMERALS,
    PROACTIVE_COLUMNS,
    PROACTIVE_ROWS,
    Label,
)

_HEADER_UNIT = re.compile(r"\((?:单位:)?(万元|元)\)")
_CONTENT_HEADER = "信息内容"
_COLUMN_LABELS = tuple(label for label, _ in PROACTIVE_COLUMNS)


@dataclass(frozen=True)
class _Column:
    suffix: str
    version: str
    unit: str | None


@lru_cache(maxsize=4096)
def _column(key: str) -> _Column | None:
    label = match_label(key, _COLUMN_LABELS)
    if label is None:
        return None
    version = next(v for col, v in PROACTIVE_COLUMNS if col is label)
    unit = _HEADER_UNIT.search(key)
    return _Column(label.key, version, unit.group(1) if unit else None)


def parse_proactive(
    tokens: Sequence[Token], region: Region, report: Report
) -> set[str]:
    """Fill report.proactive; returns the template versions the headers speak."""
    keys = map(attrgetter("key"), tokens[region.start : region.end])
    titles = list(compress(count(region.start), map(is_block_title, keys)))
    versions: set[str] = set()
    findings = len(report.findings)
    for number, start in enumerate(titles):
        end = titles[number + 1] if number + 1 < len(titles) else region.end
        numeral = BLOCK_TITLE.match(tokens[start].key)
        block = BLOCK_NUMERALS.get(numeral.group(1)) if numeral else None
        if block is None:
            report.find(
                "unknown_block", f"unknown block '{tokens[start].text}'", "table 二"
            )
            continue
        versions |= _parse_block(tokens[start + 1 : end], block, report)
    if not report.proactive and len(report.findings) == findings:
        # An empty table says why: loss-free by design.
        report.find("missing_values", "table 二 has a heading but no rows", "table 二")
    return versions


def _parse_block(tokens: Sequence[Token], block: str, report: Report) -> set[str]:
    where = f"table 二 {block}"
    columns: list[_Column | None] = []
    index = 0
    while index < len(tokens) and _row_label(tokens[index].key, block) is None:
        key = tokens[index].key
        if key and key != _CONTENT_HEADER:
            columns.append(_column(key))
            if columns[-1] is None:
                report.find(
                    "unknown_label", f"unknown column '{tokens[index].text}'", where
                )
        index += 1
    while index < len(tokens):
        label = _row_label(tokens[index].key, block)
        if label is None:
            _stray(tokens[index], report, where)
            index += 1
            continue
        read = read_row(tokens, index + 1, len(columns), f"{where} {label.key}")
        report.findings.extend(read.findings)
        for column, cell in zip(columns, read.cells, strict=True):
            if column is not None:
                _store(report, f"{label.key}_{column.suffix}", column, cell)
        index = max(read.next_index, index + 1)
    return {column.version for column in columns if column is not None}


# Keyed on the printed key and the block's name: hashing the block's labels on every
# lookup costs more than the match.
@lru_cache(maxsize=16384)
def _row_label(key: str, block: str) -> Label | None:
    return match_label(key, PROACTIVE_ROWS[block])


def _stray(token: Token, report: Report, where: str) -> None:
    if not token.key:
        return
    kind = "stray_value" if is_value(token.key) else "unknown_label"
    report.find(kind, f"'{token.text}' is not a row of the template", where)


@lru_cache(maxsize=16384)
def _raw_kept(cell: Cell) -> str | None:
    """The printed text, when it is not the number's own (`1,200`, `3件`); cached
    per cell, as cells repeat."""
    raw = cell.raw.strip()
    return raw if raw and raw != str(cell.value) else None


def _store(report: Report, key: str, column: _Column, cell: Cell) -> None:
    if column.suffix == "amount_wan":
        cell = amount_in_wan(cell, column.unit)
        report.raw[f"proactive.{key}"] = cell.raw.strip()
        if cell.flag == "unit_unknown":
            report.find("unit_unknown", f"{key}: no unit in '{cell.raw}'", "table 二")
    elif (raw := _raw_kept(cell)) is not None:
        report.raw[f"proactive.{key}"] = raw
    if key in report.proactive:
        report.find("duplicate_row", f"{key} printed twice; first kept", "table 二")
        return
    report.proactive[key] = cell.value
    if cell.flag:
        report.flags[f"proactive.{key}"] = cell.flag
