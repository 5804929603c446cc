"""What every parsed and validated report must satisfy, whatever its input: the
property and fuzz tests (and fuzz/fuzz_parse.py) check these on hostile inputs."""

from __future__ import annotations

from govcrawl.model import Report

CHECK_IDS = [f"B{n}" for n in range(1, 8)]
# Where findings about each table point (a key, or the table's name in a message).
TABLE_NAMES = {
    "proactive": "table 二",
    "requests": "table 三",
    "review_litigation": "table 四",
}


def unflagged_blanks(report: Report) -> list[str]:
    """Cells that are None without a flag saying why (blank, slash, missing...)."""
    cells = [(f"proactive.{key}", value) for key, value in report.proactive.items()]
    cells += [
        (f"requests.{row}.{column}", value)
        for row, columns in report.requests.items()
        for column, value in columns.items()
    ]
    cells += [
        (f"review_litigation.{key}", value)
        for key, value in report.review_litigation.items()
    ]
    return [path for path, value in cells if value is None and path not in report.flags]


# A document that could not be read at all says why once (govcrawl.flow._parse), not
# once per table.
NOTHING_READ = {
    "unreadable_page",
    "attachment_broken",
    "attachment_empty",
    "attachment_decompression_bomb",
    "attachment_too_large",
    "attachment_too_slow",
    "attachment_unknown_kind",
    "attachment_unsafe_archive",
    "attachment_unsupported",
    "attachment_needs_ocr",
}


def silent_tables(report: Report) -> list[str]:
    """Tables that came out empty without a finding about them."""
    if any(finding.kind in NOTHING_READ for finding in report.findings):
        return []
    return [
        table
        for table, name in TABLE_NAMES.items()
        if not getattr(report, table)
        and not any(
            f.where == table or f.where.startswith(name) for f in report.findings
        )
    ]


def broken_checks(report: Report) -> list[str]:
    """Checks whose verdict disagrees with their own failures or mode."""
    return [
        check.id
        for check in report.checks
        if check.ok != (check.mode != "not_evaluated" and not check.failures)
        or not check.message.startswith(f"{check.id}: ")
    ]


def _identity_ids(report: Report) -> list[str]:
    """B1–B7 in order; the soft checks (T1–T3, the text against the tables) follow."""
    return [check.id for check in report.checks if check.mode != "soft"]


def problems(report: Report) -> dict[str, list[str]]:
    """Everything wrong with a validated report; {} when it keeps every invariant."""
    found = {
        "check ids": [] if _identity_ids(report) == CHECK_IDS else ["B1-B7"],
        "unflagged blanks": unflagged_blanks(report),
        "silent tables": silent_tables(report),
        "broken checks": broken_checks(report),
    }
    return {kind: where for kind, where in found.items() if where}
