"""Soft checks of the validate stage: the totals a report's own prose states (共收到申请
…件, 行政复议…件, 行政诉讼…件) against its tables. Stored beside B1–B7 with mode
"soft"; they never change a printed number or the report's status."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from govcrawl.model import Check, Report
from govcrawl.parse.metadata import anchored
from govcrawl.patterns import Regex, lazy

# Every quantifier is bounded and each alternative starts on a fixed word, so a match
# costs at most a few dozen steps per position on any text.
_GAP = r"[^。；;！!？?\n\d]{0,24}?"
_NUMBER = r"(\d{1,7})\s{0,2}(?:件|起|宗|个)"
_REQUESTS = lazy(rf"(?:共|全年|累计)(?:收到|受理|接收|办理){_GAP}{_NUMBER}")
_REVIEWS = lazy(rf"行政复议{_GAP}{_NUMBER}")
_SUITS = lazy(rf"行政诉讼{_GAP}{_NUMBER}")


@dataclass(frozen=True)
class Claim:
    """A total the text states: the sentence's words and the number."""

    words: str
    value: int


def _claims(
    pattern: Regex, text: str, must: str, never: str, opens: tuple[str, ...]
) -> list[Claim]:
    found = []
    for match in _matches(pattern, text, opens):
        words = match.group(0)
        if must in words and never not in words:
            found.append(Claim(words, int(match.group(1))))
    return found


def _matches(
    pattern: Regex, text: str, opens: tuple[str, ...]
) -> Iterable[re.Match[str]]:
    """The pattern's matches; read where one of `opens` starts when it opens on
    them: sre tries a pattern opening on alternatives at every character."""
    if not opens:
        return pattern.finditer(text)
    return anchored.matches(pattern, text, anchored.positions(text, opens))


def _table_total(report: Report, row: str) -> int | None:
    return report.requests.get(row, {}).get("total")


def _suits(report: Report) -> int | None:
    direct = report.review_litigation.get("suit_direct_total")
    after = report.review_litigation.get("suit_after_review_total")
    if direct is None or after is None:
        return None
    return direct + after


@dataclass(frozen=True)
class ClaimCheck:
    id: str
    what: str
    pattern: Regex
    must: str
    never: str
    cells: tuple[str, ...]
    table: Callable[[Report], int | None]
    # The words every match opens on, when the pattern opens on alternatives.
    opens: tuple[str, ...] = ()


CLAIM_CHECKS = (
    ClaimCheck(
        "T1",
        "new requests (table 三 一、总计)",
        _REQUESTS,
        "申请",
        "结转",
        ("requests.new_requests.total",),
        lambda report: _table_total(report, "new_requests"),
        ("共", "全年", "累计"),
    ),
    ClaimCheck(
        "T2",
        "administrative reviews (table 四 行政复议 总计)",
        _REVIEWS,
        "",
        "诉讼",
        ("review_litigation.review_total",),
        lambda report: report.review_litigation.get("review_total"),
    ),
    ClaimCheck(
        "T3",
        "lawsuits (table 四 行政诉讼 总计, both kinds)",
        _SUITS,
        "",
        "复议",
        (
            "review_litigation.suit_direct_total",
            "review_litigation.suit_after_review_total",
        ),
        _suits,
    ),
)


def claim_checks(text: str, report: Report) -> list[Check]:
    """One soft check per kind of total the text states and the tables print."""
    checks = []
    for spec in CLAIM_CHECKS:
        table = spec.table(report)
        if table is None:
            continue
        claims = _claims(spec.pattern, text, spec.must, spec.never, spec.opens)
        if not claims:
            continue
        wrong = [claim for claim in claims if claim.value != table]
        said = "; ".join(f"「{claim.words}」" for claim in wrong or claims[:1])
        if wrong:
            message = f"{spec.id}: the text says {said} but the tables print {table}"
        else:
            message = f"{spec.id}: the text's {spec.what} {said} match the tables"
        failures = [message] if wrong else []
        cells = list(spec.cells) if wrong else []
        checks.append(Check(spec.id, not wrong, message, "soft", failures, cells))
    return checks
