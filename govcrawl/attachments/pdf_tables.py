"""Ruled tables from a page's ruling lines, found as pdfplumber's "lines" strategy
finds them: rules closer than SNAP points are one rule, a table is rules that touch,
and a cell is a run of grid slots that no rule divides."""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass, field

from govcrawl.attachments.pdf_text import Char

SNAP = 3.0


@dataclass(frozen=True)
class Rule:
    """A horizontal (at y, from a to b in x) or vertical (at x, a to b in y) rule."""

    horizontal: bool
    at: float
    a: float
    b: float


@dataclass
class Box:
    x0: float
    top: float
    x1: float
    bottom: float

    def holds(self, char: Char) -> bool:
        # By the middle: glyphs overshoot a table's top rule.
        x, y = (char.x0 + char.x1) / 2, (char.top + char.bottom) / 2
        return self.x0 <= x <= self.x1 and self.top <= y <= self.bottom


@dataclass
class Table:
    box: Box
    cells: list[Box] = field(default_factory=list)
    # The rule positions and which cell covers each slot between them.
    xs: list[float] = field(default_factory=list)
    ys: list[float] = field(default_factory=list)
    slots: dict[tuple[int, int], int] = field(default_factory=dict)

    def cell_chars(self, chars: list[Char]) -> list[list[Char]]:
        """The characters of each cell (by their middles), in self.cells order."""
        found: list[list[Char]] = [[] for _ in self.cells]
        for char in chars:
            x, y = (char.x0 + char.x1) / 2, (char.top + char.bottom) / 2
            row = bisect.bisect_right(self.ys, y) - 1
            col = bisect.bisect_right(self.xs, x) - 1
            cell = self.slots.get((row, col))
            if cell is not None:
                found[cell].append(char)
        return found


def find_tables(rules: list[Rule]) -> list[Table]:
    """Ruled tables of two or more cells (a lone ruled box is a frame), top to
    bottom."""
    tables = [_table(group) for group in _connected(rules)]
    found = [table for table in tables if len(table.cells) > 1]
    return sorted(found, key=lambda table: table.box.top)


def _crosses(h: Rule, v: Rule) -> bool:
    return h.a - SNAP <= v.at <= h.b + SNAP and v.a - SNAP <= h.at <= v.b + SNAP


def _connected(rules: list[Rule]) -> list[list[Rule]]:
    """Rules that touch, directly or through others: one table each group."""
    parent = list(range(len(rules)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, h in enumerate(rules):
        if not h.horizontal:
            continue
        for j, v in enumerate(rules):
            if not v.horizontal and _crosses(h, v):
                parent[root(i)] = root(j)
    groups: dict[int, list[Rule]] = {}
    for i, rule in enumerate(rules):
        groups.setdefault(root(i), []).append(rule)
    return list(groups.values())


def _snapped(values: list[float]) -> list[float]:
    clusters: list[list[float]] = []
    for value in sorted(values):
        if clusters and value - clusters[-1][-1] <= SNAP:
            clusters[-1].append(value)
        else:
            clusters.append([value])
    return [sum(cluster) / len(cluster) for cluster in clusters]


def _table(rules: list[Rule]) -> Table:
    xs = _snapped([r.at for r in rules if not r.horizontal])
    ys = _snapped([r.at for r in rules if r.horizontal])
    if len(xs) < 2 or len(ys) < 2:
        return Table(Box(0, 0, 0, 0))
    table = Table(Box(0, 0, 0, 0), xs=xs, ys=ys)
    _SlotGrid(xs, ys, rules).fill(table)
    if table.cells:
        table.box = Box(
            min(c.x0 for c in table.cells),
            min(c.top for c in table.cells),
            max(c.x1 for c in table.cells),
            max(c.bottom for c in table.cells),
        )
    return table


Slot = tuple[int, int]


class _SlotGrid:
    """The slots between neighbouring rules; a cell is slots no rule divides."""

    def __init__(self, xs: list[float], ys: list[float], rules: list[Rule]) -> None:
        self.xs, self.ys = xs, ys
        self.rows, self.cols = len(ys) - 1, len(xs) - 1
        # Each rule's extent, filed under the position (index in xs or ys) it is at.
        self.spans: dict[tuple[bool, int], list[tuple[float, float]]] = defaultdict(
            list
        )
        for rule in rules:
            at = _nearest(ys if rule.horizontal else xs, rule.at)
            self.spans[(rule.horizontal, at)].append((rule.a, rule.b))

    def _ruled(self, horizontal: bool, at: int, a: float, b: float) -> bool:
        middle = (a + b) / 2
        return any(
            lo - SNAP <= middle <= hi + SNAP for lo, hi in self.spans[(horizontal, at)]
        )

    def _row_side(self, at: int, col: int) -> bool:
        return self._ruled(True, at, self.xs[col], self.xs[col + 1])

    def _col_side(self, at: int, row: int) -> bool:
        return self._ruled(False, at, self.ys[row], self.ys[row + 1])

    def fill(self, table: Table) -> None:
        for row in range(self.rows):
            for col in range(self.cols):
                if (row, col) in table.slots:
                    continue
                slots = self._flood(row, col)
                cell = self._rectangle(slots)
                index = len(table.cells) if cell else -1
                if cell:
                    table.cells.append(cell)
                table.slots.update(dict.fromkeys(slots, index))
        table.slots = {slot: i for slot, i in table.slots.items() if i >= 0}

    def _neighbours(self, row: int, col: int) -> list[Slot]:
        steps = []
        if col + 1 < self.cols and not self._col_side(col + 1, row):
            steps.append((row, col + 1))
        if col > 0 and not self._col_side(col, row):
            steps.append((row, col - 1))
        if row + 1 < self.rows and not self._row_side(row + 1, col):
            steps.append((row + 1, col))
        if row > 0 and not self._row_side(row, col):
            steps.append((row - 1, col))
        return steps

    def _flood(self, row: int, col: int) -> set[Slot]:
        slots, todo = {(row, col)}, [(row, col)]
        while todo:
            for step in self._neighbours(*todo.pop()):
                if step not in slots:
                    slots.add(step)
                    todo.append(step)
        return slots

    def _rectangle(self, slots: set[Slot]) -> Box | None:
        """The slots as one cell, when they fill a rectangle closed by rules on all
        sides; slots outside the table's outline are no cell."""
        top, bottom = min(r for r, _ in slots), max(r for r, _ in slots)
        left, right = min(c for _, c in slots), max(c for _, c in slots)
        if len(slots) != (bottom - top + 1) * (right - left + 1):
            return None
        closed = all(
            self._row_side(top, c) and self._row_side(bottom + 1, c)
            for c in range(left, right + 1)
        ) and all(
            self._col_side(left, r) and self._col_side(right + 1, r)
            for r in range(top, bottom + 1)
        )
        if not closed:
            return None
        xs, ys = self.xs, self.ys
        return Box(xs[left], ys[top], xs[right + 1], ys[bottom + 1])


def _nearest(values: list[float], value: float) -> int:
    return min(range(len(values)), key=lambda index: abs(values[index] - value))
