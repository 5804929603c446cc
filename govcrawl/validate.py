"""The validate stage: balance identities B1-B7 (spec §5) as checks that name the
cells and numbers. Blanks fail in strict mode and count as 0 in lenient mode."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import chain
from typing import cast

from govcrawl.claims import claim_checks
from govcrawl.model import Check, Report
from govcrawl.plain_sums import B1_ROWS, plain_request_sums
from govcrawl.template import (
    APPLICANT_COLUMNS,
    DECIMAL_PROACTIVE,
    REQUEST_COLUMNS,
    REVIEW_LITIGATION_KEYS,
    SIGNED_PROACTIVE,
    result_leaves,
)

Term = tuple[str, int | None]
# A cell of an identity: (row, column) in table 三, (key, None) in table 四.
Key = tuple[str, str | None]
Sides = tuple[tuple[Key, ...], tuple[Key, ...]]
_REVIEW_CHECKS = (("B4", "review"), ("B5", "suit_direct"), ("B6", "suit_after_review"))
_BAD_CELL_FLAGS = frozenset({"unreadable", "not_integer"})


@dataclass(frozen=True)
class Equation:
    """left terms = right terms, each term a named cell."""

    left: Sequence[Term]
    right: Sequence[Term]

    def blanks(self) -> list[str]:
        return [name for name, value in (*self.left, *self.right) if value is None]

    def sides(self) -> tuple[int, int]:
        return _total(self.left), _total(self.right)

    def holds(self) -> bool:
        return _total(self.left) == _total(self.right)

    def describe(self) -> str:
        left, right = self.sides()
        if len(self.left) == 1:
            name, value = self.left[0]
            return (
                f"{name} is {value} but its parts sum to {right} ({_terms(self.right)})"
            )
        return f"{_terms(self.left)} = {left} but {_terms(self.right)} = {right}"


def _total(terms: Sequence[Term]) -> int:
    return sum([value for _, value in terms if value])


def _terms(terms: Sequence[Term]) -> str:
    """The non-zero terms by name; a long sum of zeros says nothing."""
    shown = [f"{name} {value}" for name, value in terms if value != 0]
    if len(shown) < len(terms):
        shown.append("others 0")
    return " + ".join(shown)


@dataclass(frozen=True)
class Identity:
    """An identity's equations as cell keys; and all their keys in one run, with
    each equation's (start, middle, end) in it, so the values are read in one pass."""

    sides: tuple[Sides, ...]
    keys: tuple[Key, ...]
    bounds: tuple[tuple[int, int, int], ...]


def _identity(equations: Iterable[Sides]) -> Identity:
    sides = tuple(equations)
    keys: list[Key] = []
    bounds = []
    for left, right in sides:
        start = len(keys)
        keys += left
        middle = len(keys)
        keys += right
        bounds.append((start, middle, len(keys)))
    return Identity(sides, tuple(keys), tuple(bounds))


def _evaluate(
    check_id: str,
    report: Report,
    identity: Identity,
    strict: bool,
    missing: str,
    plain: bool | None = None,
) -> Check:
    """`plain`: whether the identity plainly holds, when the caller has decided it."""
    if not identity.sides:
        return Check(
            check_id, False, f"{check_id}: {missing}; not evaluated", "not_evaluated"
        )
    if plain if plain is not None else _plainly_holds(report, identity):
        return Check(check_id, True, f"{check_id}: holds in strict mode", "strict")
    equations = [
        Equation(_named(report, left), _named(report, right))
        for left, right in identity.sides
    ]
    blanks = sorted({name for eq in equations for name in eq.blanks()})
    failing = [eq for eq in equations if not eq.holds()]
    failures = [eq.describe() for eq in failing]
    mode = "lenient" if blanks and not strict else "strict"
    if blanks and strict:
        failures.append(f"blank cells: {', '.join(blanks)}")
    if failures:
        message = f"{check_id}: " + "; ".join(failures)
        cells = [_path(name) for eq in failing for name, _ in (*eq.left, *eq.right)]
        if strict:
            cells += [_path(name) for name in blanks]
        return Check(
            check_id, False, message, mode, failures, list(dict.fromkeys(cells))
        )
    note = f" (blank cells read as 0: {', '.join(blanks)})" if blanks else ""
    return Check(check_id, True, f"{check_id}: holds in {mode} mode{note}", mode)


def _plainly_holds(report: Report, identity: Identity) -> bool:
    """Every cell printed and each equation's sums equal: the usual identity, decided
    before any of its terms is named."""
    values = _values(report, identity.keys)
    if None in values:
        return False
    printed = cast(list[int], values)
    return all(sum(printed[a:b]) == sum(printed[b:c]) for a, b, c in identity.bounds)


def _path(name: str) -> str:
    """A term's cell path: requests terms are named row.column, table 四's by key."""
    return f"requests.{name}" if "." in name else f"review_litigation.{name}"


def _name(key: Key) -> str:
    """A term's name: row.column in table 三, the key alone in table 四."""
    row, column = key
    return row if column is None else f"{row}.{column}"


def _values(report: Report, keys: Sequence[Key]) -> list[int | None]:
    requests, review = report.requests, report.review_litigation
    return [
        review[row] if column is None else requests[row].get(column)
        for row, column in keys
    ]


def _named(report: Report, keys: Sequence[Key]) -> list[Term]:
    return list(zip(map(_name, keys), _values(report, keys), strict=True))


# Which cells each identity adds depends only on which rows a report prints, and
# reports print the same few sets: the sides are kept per set, and a term is named
# only when its equation is reported (most hold with every cell printed).
@cache
def _b1() -> Identity:
    rows = B1_ROWS
    return _identity(
        (tuple((r, c) for r in rows[:2]), tuple((r, c) for r in rows[2:]))
        for c in REQUEST_COLUMNS
    )


@lru_cache(maxsize=256)
def _b2(leaves: tuple[str, ...]) -> Identity:
    return _identity(
        ((("total_processed", c),), tuple((row, c) for row in leaves))
        for c in REQUEST_COLUMNS
    )


@lru_cache(maxsize=256)
def _b3(rows: tuple[str, ...]) -> Identity:
    return _identity(
        (((row, "total"),), tuple((row, c) for c in APPLICANT_COLUMNS)) for row in rows
    )


@cache
def _review(prefix: str) -> Identity:
    keys = [key for key in REVIEW_LITIGATION_KEYS if key.startswith(f"{prefix}_")]
    return _identity([(((keys[-1], None),), tuple((key, None) for key in keys[:-1]))])


_NOTHING = _identity(())


def _request_checks(report: Report, strict: bool) -> list[Check]:
    """B1, B2 and B3; nothing to evaluate for an identity whose rows are missing.
    Whether each plainly holds is decided on the rows' cells first (plain_sums)."""
    printed = report.requests
    b1 = _b1() if all(row in printed for row in B1_ROWS) else _NOTHING
    b2, leaves = _NOTHING, None
    if "total_processed" in printed:
        leaves = tuple(row for row in result_leaves(printed) if row in printed)
        b2 = _b2(leaves)
    plain = plain_request_sums(printed, leaves)
    no_t3 = "table 三 rows missing"
    return [
        _evaluate("B1", report, b1, strict, no_t3, plain.b1),
        _evaluate("B2", report, b2, strict, no_t3, plain.b2),
        _evaluate(
            "B3", report, _b3(tuple(printed)), strict, "table 三 missing", plain.b3
        ),
    ]


def _review_identity(report: Report, prefix: str) -> Identity:
    identity = _review(prefix)
    printed = all(key in report.review_litigation for key, _ in identity.keys)
    return identity if printed else _NOTHING


def _b7(report: Report) -> Check:
    problems = [
        f"{path} is '{flag}'"
        for path, flag in report.flags.items()
        if flag in _BAD_CELL_FLAGS
    ]
    counts = [
        *_bad_table_counts(report),
        *(
            (f"proactive.{k}", v)
            for k, v in report.proactive.items()
            if k not in SIGNED_PROACTIVE and k not in DECIMAL_PROACTIVE and _bad(v)
        ),
    ]
    bad = [path for path, _ in counts]
    problems += [f"{path} is {v}, not a whole number >= 0" for path, v in counts]
    amounts = {k: v for k, v in report.proactive.items() if k in DECIMAL_PROACTIVE}
    problems += [
        f"proactive.{k} is {v} < 0"
        for k, v in amounts.items()
        if v is not None and v < 0
    ]
    cells = [p for p, flag in report.flags.items() if flag in _BAD_CELL_FLAGS] + bad
    cells += [f"proactive.{k}" for k, v in amounts.items() if v is not None and v < 0]
    if problems:
        message = "B7: " + "; ".join(problems)
        return Check("B7", False, message, "strict", problems, cells)
    return Check("B7", True, "B7: every count is a whole number >= 0", "strict")


def _bad_table_counts(report: Report) -> list[tuple[str, int | None]]:
    """Tables 三 and 四's counts that are no whole number >= 0, by path. A report
    holds some 250: their types and least value are read in C first, and paths are
    named only in a report that has a bad one."""
    tables = [*map(dict.values, report.requests.values())]
    tables.append(report.review_litigation.values())
    printed = [v for v in chain.from_iterable(tables) if v is not None]
    if set(map(type, printed)) <= {int} and min(printed, default=0) >= 0:
        return []
    return [
        *(
            (f"requests.{r}.{c}", v)
            for r, cells in report.requests.items()
            for c, v in cells.items()
            if _bad(v)
        ),
        *(
            (f"review_litigation.{k}", v)
            for k, v in report.review_litigation.items()
            if _bad(v)
        ),
    ]


def _bad(value: int | float | None) -> bool:
    return value is not None and (not isinstance(value, int) or value < 0)


def validate(
    report: Report, *, strict: bool = False, text: str | None = None
) -> list[Check]:
    """Evaluate B1-B7 and store the checks on the report; never raises. With the
    report's text, the totals it states are soft checks T1-T3 (govcrawl.claims)."""
    no_t4 = "table 四 missing"
    report.checks = [
        *_request_checks(report, strict),
        *(
            _evaluate(check_id, report, _review_identity(report, prefix), strict, no_t4)
            for check_id, prefix in _REVIEW_CHECKS
        ),
        _b7(report),
    ]
    if text:
        report.checks += claim_checks(text, report)
    return report.checks
