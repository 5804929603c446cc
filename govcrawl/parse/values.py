"""Table cells to numbers: blanks, `/` and `-`, units inside cells, signed changes."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from govcrawl.normalize import label_key

_NUMBER = re.compile(
    r"^(?P<sign>[+\-−增减]?)(?P<number>\d+(?:\.\d+)?)(?P<unit>万元|元|件|个|项|条|次|宗)?$"
)
_DASHES = frozenset({"-", "—", "–", "−", "--", "——"})
_SLASHES = frozenset({"/", "\\", "//"})
_NONE_WORDS = frozenset({"无", "空", "暂无"})
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}\b)")


class Cell(NamedTuple):
    """A parsed cell: the number (or None), a flag saying why not, the raw text. A
    tuple, so that a row of cells is hashed in C where rows are cached."""

    value: int | float | None
    raw: str
    flag: str | None = None
    unit: str | None = None


@lru_cache(maxsize=16384)
def is_value(key: str) -> bool:
    """Whether a token (in label_key form) reads as a cell value, not a label."""
    return key in _DASHES or key in _SLASHES or bool(_NUMBER.match(_digits(key)))


def _digits(key: str) -> str:
    return _THOUSANDS.sub("", key)


# A report's 200 value cells hold a few dozen distinct strings (0, 1, 件, /), the
# same across reports; a Cell is immutable, so one is shared by every equal cell.
@lru_cache(maxsize=16384)
def parse_cell(text: str) -> Cell:
    key = _digits(label_key(text))
    if not key:
        return Cell(None, text, "blank")
    if key in _DASHES:
        return Cell(None, text, "dash")
    if key in _SLASHES:
        return Cell(None, text, "slash")
    if key in _NONE_WORDS:
        return Cell(None, text, "none_word")
    match = _NUMBER.match(key)
    if not match:
        return Cell(None, text, "unreadable")
    number = float(match["number"])
    if match["sign"] in ("-", "−", "减"):
        number = -number
    value: int | float = int(number) if number.is_integer() else number
    return Cell(value, text, None, match["unit"])


def amount_in_wan(cell: Cell, header_unit: str | None) -> Cell:
    """Amounts normalised to 万元; a cell without any unit stays unknown."""
    unit = cell.unit or header_unit
    if cell.value is None:
        return cell
    if unit == "万元":
        return Cell(cell.value, cell.raw, cell.flag, "万元")
    if unit == "元":
        return Cell(round(cell.value / 10000, 6), cell.raw, "unit_yuan", "元")
    return Cell(None, cell.raw, "unit_unknown", None)
