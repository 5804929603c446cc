"""Glued cells: a table row whose numbers arrive without separators.

Web archives and copied pages keep a page's text content, where a row of table 三 can
arrive as `一、本年新收政府信息公开申请数量640020470` (64, 0, 0, 2, 0, 4, 70). The cells are
recovered only where the identities leave exactly one way to cut the digits: the row
sum (B3: total = the six applicant columns) first, then the column identities across
rows (B1, B2) for rows the row sum leaves open. Every other case is a finding and the
cells stay empty: a split is never guessed. Printed numbers have no leading zeros, so
a `0` is always a cell of its own; a space the page kept is always a cell boundary."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

_LABEL_DIGITS = re.compile(r"^(?P<label>.*[^\d\s])\s*(?P<cells>\d+(?:\s+\d+)*)$")
_NUMBERS = re.compile(r"^\d+(?:\s+\d+)*+$")
# The longest glued row kept for recovery, and the search budget per row: a row of
# 7 cells rarely exceeds 30 digits, and the pruned search visits a few hundred splits.
MAX_DIGITS = 60
MAX_STEPS = 200_000


@dataclass(frozen=True)
class Glued:
    """A printed label and the digit runs glued after it (spaces kept as runs)."""

    label: str
    runs: tuple[str, ...]


@lru_cache(maxsize=16384)
def split_label(text: str) -> Glued | None:
    """`一、本年新收…数量640020470` -> the label and `640020470`; None without digits."""
    found = _LABEL_DIGITS.match(text.strip())
    if not found:
        return None
    return Glued(found["label"].strip(), tuple(found["cells"].split()))


def number_runs(text: str) -> tuple[str, ...] | None:
    """The digit runs of a cell that holds only numbers (`64 0 0 2 0 4 70`)."""
    stripped = text.strip()
    return tuple(stripped.split()) if _NUMBERS.match(stripped) else None


def digit_count(runs: Sequence[str]) -> int:
    return sum(len(run) for run in runs)


def row_runs(
    glued: Glued | None, printed: Sequence[str], short: bool, width: int
) -> tuple[str, ...] | None:
    """The digit runs of a row of `width` cells whose numbers arrive glued: after its
    label, or all in the one cell of a short row; or the label's digits and the cells
    after it when together they make the row. None when the row prints its cells."""
    cells = [text for text in printed if text.strip()]
    if glued is not None and cells:
        # A PDF text line `1.属于国家秘密2` then the row's other cells one a line.
        joined = (*glued.runs, *cells)
        return joined if short and len(joined) == width else None
    if glued is not None:
        return glued.runs
    if len(cells) != 1 or not short:
        return None
    runs = number_runs(cells[0])
    return runs if runs and (len(runs) > 1 or digit_count(runs) >= width) else None


class SearchTooLarge(Exception):
    """The split search ran past its budget: the row is left to a finding."""


def segmentations(runs: Sequence[str], groups: Sequence[int]) -> list[tuple[int, ...]]:
    """Every way to cut the runs into cells where each group of `n` parts is followed
    by their total (a table 三 row: groups (6,); table 四: (4, 4, 4)).

    Raises SearchTooLarge past MAX_DIGITS digits or MAX_STEPS search steps."""
    digits = "".join(runs)
    if len(digits) > MAX_DIGITS:
        raise SearchTooLarge(f"{len(digits)} digits")
    return _Search(digits, _run_ends(runs)).split(0, tuple(groups))


def _fits(parts_digits: int, total_digits: int, count: int) -> bool:
    """Whether `count` parts written in `parts_digits` digits can add up to a total of
    `total_digits` digits: the total is at least as long as the longest part and at
    most one digit longer (count <= 10), so some part has total_digits - 1 digits."""
    longest_part = parts_digits - count + 1
    return parts_digits <= count * total_digits and longest_part >= total_digits - 1


def _run_ends(runs: Sequence[str]) -> list[int]:
    """For each position, where its run ends: a cell never crosses a kept space."""
    ends: list[int] = []
    position = 0
    for run in runs:
        position += len(run)
        ends.extend([position] * len(run))
    return ends


@dataclass
class _Search:
    """Group by group: choose where the group ends and how long its total is, then cut
    the digits before the total into parts that add up to it. Knowing the target
    bounds every part (no part exceeds it, none is longer than it)."""

    digits: str
    ends: list[int]
    steps: int = 0

    def split(self, start: int, groups: tuple[int, ...]) -> list[tuple[int, ...]]:
        if not groups:
            return [()] if start == len(self.digits) else []
        size, later = groups[0], groups[1:]
        room = len(self.digits) - sum(n + 1 for n in later)
        group_ends = [room] if not later else range(start + size + 1, room + 1)
        found: list[tuple[int, ...]] = []
        for end in group_ends:
            rest = self.split(end, later) if later else [()]
            if not rest:
                continue
            for total_start in range(start + size, end):
                if not _fits(total_start - start, end - total_start, size):
                    continue
                if not self._cell(total_start, end):
                    continue
                total = int(self.digits[total_start:end])
                for parts in self._parts(start, total_start, size, total):
                    found.extend((*parts, total, *tail) for tail in rest)
        return found

    def _cell(self, start: int, end: int) -> bool:
        """A printed number: inside one run, and `0` only on its own."""
        self._step()
        if end > self.ends[start]:
            return False
        return self.digits[start] != "0" or end == start + 1

    def _parts(
        self, start: int, end: int, count: int, target: int
    ) -> Iterator[tuple[int, ...]]:
        if count == 0:
            if start == end and target == 0:
                yield ()
            return
        width = len(str(target))
        longest = min(width, end - start - count + 1)
        if not count <= end - start <= count * width or target > count * (
            10**longest - 1
        ):
            return
        for cut in range(start + 1, min(end, start + width) + 1):
            if not self._cell(start, cut):
                break
            value = int(self.digits[start:cut])
            if value > target:
                break
            for rest in self._parts(cut, end, count - 1, target - value):
                yield (value, *rest)

    def _step(self) -> None:
        self.steps += 1
        if self.steps > MAX_STEPS:
            raise SearchTooLarge(f"more than {MAX_STEPS} steps")
