"""Whether table 三's identities B1-B3 plainly hold (every cell printed, each sum
equal), decided on each row's seven cells read at once: most reports' do, and then
no term of them is named (govcrawl.validate)."""

from __future__ import annotations

from collections.abc import Mapping
from operator import itemgetter
from typing import NamedTuple

from govcrawl.template import REQUEST_COLUMNS

# B1: new + carried over = processed + carried forward, column by column.
B1_ROWS = ("new_requests", "carried_over", "total_processed", "carried_forward")
_CELLS = itemgetter(*REQUEST_COLUMNS)
_NO_SUMS = (0,) * len(REQUEST_COLUMNS)
Rows = Mapping[str, Mapping[str, int | None]]


class PlainSums(NamedTuple):
    b1: bool
    b2: bool
    b3: bool


def plain_request_sums(requests: Rows, leaves: tuple[str, ...] | None) -> PlainSums:
    """`leaves`: the rows B2 adds up to total_processed (None: B2 not evaluated).
    The total is the last of the seven columns, the applicants' the six before."""
    printed = _printed_rows(requests)
    b1 = all(row in printed for row in B1_ROWS) and all(
        a + b == c + d for a, b, c, d in zip(*map(printed.get, B1_ROWS), strict=True)
    )
    b2 = (
        leaves is not None
        and "total_processed" in printed
        and all(row in printed for row in leaves)
        and _column_sums([printed[row] for row in leaves]) == printed["total_processed"]
    )
    b3 = len(printed) == len(requests) and all(
        cells[-1] == sum(cells[:-1]) for cells in printed.values()
    )
    return PlainSums(b1, b2, b3)


def _column_sums(rows: list[tuple[int, ...]]) -> tuple[int, ...]:
    return tuple(map(sum, zip(*rows, strict=True))) if rows else _NO_SUMS


def _printed_rows(requests: Rows) -> dict[str, tuple[int, ...]]:
    """The rows whose seven cells are all printed, as their values in column order."""
    printed = {}
    for row, cells in requests.items():
        try:
            values = _CELLS(cells)
        except KeyError:
            continue
        if None not in values:
            printed[row] = values
    return printed
