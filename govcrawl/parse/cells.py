"""Reading the value cells that follow a row label."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from operator import attrgetter

from govcrawl.model import Finding
from govcrawl.parse.tokens import Token
from govcrawl.parse.values import Cell, is_value, parse_cell

_TEXT = attrgetter("text")


@dataclass(slots=True)
class RowRead:
    cells: Sequence[Cell]
    next_index: int
    findings: list[Finding] = field(default_factory=list)


def read_row(tokens: Sequence[Token], start: int, width: int, where: str) -> RowRead:
    """The `width` cells after a label at start-1.

    With row boundaries (HTML, ` | ` rows) the row's own cells are read, blanks
    included. Without them (one cell per line or paragraph) consecutive value tokens
    are read, so a blank cell cannot be told apart: a short row is padded at its end
    and reported."""
    label_row = tokens[start - 1].row if start > 0 else None
    if label_row is None:
        return _read_flat(tokens, start, width, where)
    # A row's tokens are consecutive (tokens.py numbers each row once), so when the
    # token `width` on is still in the row, so is every one before it, and the count
    # of the row's tokens starts there.
    end, size = start, len(tokens)
    if start + width <= size and tokens[start + width - 1].row == label_row:
        end = start + width
    while end < size and tokens[end].row == label_row:
        end += 1
    return _fit(tuple(map(_TEXT, tokens[start:end])), width, end, where)


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
    return _fit(tuple(map(_TEXT, tokens[start:end])), width, end, where)


def _read_flat(tokens: Sequence[Token], index: int, width: int, where: str) -> RowRead:
    end = index
    while end < len(tokens) and end - index < width and is_value(tokens[end].key):
        end += 1
    return _fit(tuple(map(_TEXT, tokens[index:end])), width, end, where)


def _fit(texts: tuple[str, ...], width: int, next_index: int, where: str) -> RowRead:
    cells, problems = _fitted(texts, width)
    if not problems:
        # Most rows: no findings to name.
        return RowRead(cells, next_index)
    findings = [Finding(kind, message, where) for kind, message in problems]
    return RowRead(cells, next_index, findings)


# Rows repeat within and across reports (seven zeros, a label's row of 件): the cells
# and what is wrong with a row's texts are read once per distinct row.
@lru_cache(maxsize=16384)
def _fitted(
    texts: tuple[str, ...], width: int
) -> tuple[tuple[Cell, ...], tuple[tuple[str, str], ...]]:
    problems: list[tuple[str, str]] = []
    while len(texts) > width and not texts[0].strip():
        texts = texts[1:]
    if len(texts) > width:
        dropped = [t for t in texts[width:] if t.strip()]
        if dropped:
            message = (
                f"{len(texts)} cells where the template has {width}; extra {dropped}"
            )
            problems.append(("extra_cells", message))
        texts = texts[:width]
    if len(texts) < width:
        message = f"{len(texts)} of {width} cells; the missing ones are left blank"
        problems.append(("short_row", message))
        texts = texts + ("",) * (width - len(texts))
    return tuple(parse_cell(text) for text in texts), tuple(problems)
