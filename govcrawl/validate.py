"""The validate stage: balance identities B1-B7 (spec §5) as checks that name the
cells and numbers. Blanks fail in strict mode and count as 0 in lenient mode."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from govcrawl.claims import claim_checks
from govcrawl.model import Check, Report
from govcrawl.template import (
    APPLICANT_COLUMNS,
    DECIMAL_PROACTIVE,
    REQUEST_COLUMNS,
    REVIEW_LITIGATION_KEYS,
    SIGNED_PROACTIVE,
    result_leaves,
)

Term = tuple[str, int | None]
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


def _evaluate(
    check_id: str, equations: list[Equation], strict: bool, missing: str
) -> Check:
    if not equations:
        return Check(
            check_id, False, f"{check_id}: {missing}; not evaluated", "not_evaluated"
        )
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


def _path(name: str) -> str:
    """A term's cell path: requests terms are named row.column, table 四's by key."""
    return f"requests.{name}" if "." in name else f"review_litigation.{name}"


def _column_terms(report: Report, rows: Sequence[str], column: str) -> list[Term]:
    return [(f"{row}.{column}", report.requests[row].get(column)) for row in rows]


def _b1(report: Report) -> list[Equation]:
    rows = ("new_requests", "carried_over", "total_processed", "carried_forward")
    if not all(row in report.requests for row in rows):
        return []
    return [
        Equation(_column_terms(report, rows[:2], c), _column_terms(report, rows[2:], c))
        for c in REQUEST_COLUMNS
    ]


def _b2(report: Report) -> list[Equation]:
    if "total_processed" not in report.requests:
        return []
    leaves = [row for row in result_leaves(report.requests) if row in report.requests]
    return [
        Equation(
            _column_terms(report, ("total_processed",), c),
            _column_terms(report, leaves, c),
        )
        for c in REQUEST_COLUMNS
    ]


def _b3(report: Report) -> list[Equation]:
    return [
        Equation(
            [(f"{row}.total", cells.get("total"))],
            [(f"{row}.{c}", cells.get(c)) for c in APPLICANT_COLUMNS],
        )
        for row, cells in report.requests.items()
    ]


def _review(report: Report, prefix: str) -> list[Equation]:
    keys = [key for key in REVIEW_LITIGATION_KEYS if key.startswith(f"{prefix}_")]
    if not all(key in report.review_litigation for key in keys):
        return []
    terms = [(key, report.review_litigation[key]) for key in keys]
    return [Equation([terms[-1]], terms[:-1])]


def _b7(report: Report) -> Check:
    problems = [
        f"{path} is '{flag}'"
        for path, flag in report.flags.items()
        if flag in _BAD_CELL_FLAGS
    ]
    # Paths are named for the bad counts only: a report holds some 250 counts.
    counts = [
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


def _bad(value: int | float | None) -> bool:
    return value is not None and (not isinstance(value, int) or value < 0)


def validate(
    report: Report, *, strict: bool = False, text: str | None = None
) -> list[Check]:
    """Evaluate B1-B7 and store the checks on the report; never raises. With the
    report's text, the totals it states are soft checks T1-T3 (govcrawl.claims)."""
    no_t3, no_t4 = "table 三 rows missing", "table 四 missing"
    report.checks = [
        _evaluate("B1", _b1(report), strict, no_t3),
        _evaluate("B2", _b2(report), strict, no_t3),
        _evaluate("B3", _b3(report), strict, "table 三 missing"),
        _evaluate("B4", _review(report, "review"), strict, no_t4),
        _evaluate("B5", _review(report, "suit_direct"), strict, no_t4),
        _evaluate("B6", _review(report, "suit_after_review"), strict, no_t4),
        _b7(report),
    ]
    if text:
        report.checks += claim_checks(text, report)
    return report.checks
