"""Reading the value cells that follow a row label."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from govcrawl.model import Finding
from govcrawl.parse.tokens import Token
from govcrawl.parse.values import Cell, is_value, parse_cell


@dataclass
class RowRead:
    cells: list[Cell]
    next_index: int
    findings: list[Finding] = field(default_factory=list)


def read_row(tokens: Sequence[Token], start: int, width: int, where: str) -> RowRead:
    """The `width` cells after a label at start-1.

    With row boundaries (HTML, ` | ` rows) the row's own cells are read, blanks
    included. Without them (one cell per line or paragraph) consecutive value tokens
    are read, so a blank cell cannot be told apart: a short row is padded at its end
    and reported."""
    label_row = tokens[start - 1].row if start > 0 else None
    if label_row is not None:
        end = start
        while end < len(tokens) and tokens[end].row == label_row:
            end += 1
        return _fit([t.text for t in tokens[start:end]], width, end, where)
    return _read_flat(tokens, start, width, where)


def read_value_row(
    tokens: Sequence[Token], index: int, width: int, where: str
) -> RowRead:
    """A row made only of values (table 四), starting at its first cell."""
    row = tokens[index].row
    if row is None:
        return _read_flat(tokens, index, width, where)
    start = index
    while start > 0 and tokens[start - 1].row == row:
        start -= 1
    end = index
    while end < len(tokens) and tokens[end].row == row:
        end += 1
    return _fit([t.text for t in tokens[start:end]], width, end, where)


def _read_flat(tokens: Sequence[Token], index: int, width: int, where: str) -> RowRead:
    end = index
    while end < len(tokens) and end - index < width and is_value(tokens[end].key):
        end += 1
    return _fit([t.text for t in tokens[index:end]], width, end, where)


def _fit(texts: list[str], width: int, next_index: int, where: str) -> RowRead:
    findings: list[Finding] = []
    while len(texts) > width and not texts[0].strip():
        texts.pop(0)
    if len(texts) > width:
        dropped = [t for t in texts[width:] if t.strip()]
        if dropped:
            message = (
                f"{len(texts)} cells where the template has {width}; extra {dropped}"
            )
            findings.append(Finding("extra_cells", message, where))
        texts = texts[:width]
    if len(texts) < width:
        message = f"{len(texts)} of {width} cells; the missing ones are left blank"
        findings.append(Finding("short_row", message, where))
        texts = texts + [""] * (width - len(texts))
    return RowRead([parse_cell(text) for text in texts], next_index, findings)
